import { DomainError } from '@retail/service-kit';

export class AssetNotFoundError extends DomainError {
  readonly code = 'ASSETS.NOT_FOUND';
  constructor() {
    // The requested name is not echoed: it is whatever a scanner sent.
    super('Not Found');
  }
}

export const ASSETS_ERROR_STATUS: Record<string, number> = {
  'ASSETS.NOT_FOUND': 404,
};
