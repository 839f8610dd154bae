import { DomainError } from '@retail/service-kit';

export class AssetNotFoundError extends DomainError<AssetsErrorCode> {
  readonly code = 'ASSETS.NOT_FOUND';
  constructor() {
    // The requested name is not echoed: it is whatever a scanner sent.
    super('Not Found');
  }
}

export const ASSETS_ERROR_STATUS = {
  'ASSETS.NOT_FOUND': 404,
} as const satisfies Record<string, number>;

/** The codes this service's errors may carry: a code missing from ASSETS_ERROR_STATUS does not compile. */
type AssetsErrorCode = keyof typeof ASSETS_ERROR_STATUS;
