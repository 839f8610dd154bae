import { DomainError } from '@retail/service-kit';

/**
 * A failure a shopper can be told about in plain words: the error page shows `title` and the
 * message inside the normal layout, with `status`.
 */
export abstract class PageError extends DomainError {
  abstract readonly status: number;
  abstract readonly title: string;
}
