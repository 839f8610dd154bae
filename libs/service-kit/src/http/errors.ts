import { randomUUID } from 'node:crypto';
import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Type,
} from '@nestjs/common';
import type { SpringError } from '@retail/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppLogger } from '../logging/logger';

/**
 * A failure the domain knows about; `code` reads `<SERVICE>.<REASON>`, e.g.
 * `CATALOG.PRODUCT_NOT_FOUND`. A service narrows `Code` to the keys of its status map, so a code
 * with no status (a typo) is a compile error rather than a 500.
 */
export abstract class DomainError<Code extends string = string> extends Error {
  abstract readonly code: Code;
}

/** What a service's error body is built from. */
export interface ErrorContext {
  status: number;
  /** The reason phrase of `status`, e.g. "Bad Request". */
  error: string;
  message: string;
  path: string;
  /** The HttpException's own response body, when the error was one (Nest's default shape). */
  httpResponse?: string | object;
}

export type ErrorBodyRenderer = (ctx: ErrorContext) => unknown;

/**
 * Spring Boot's default error body, as cart, orders and the ui answer (plus the `message` Spring
 * hides by default, naming what was wrong); its timestamp is ISO 8601 with a numeric offset.
 */
export const renderSpringError = ({ status, error, path, message }: ErrorContext): SpringError => ({
  timestamp: new Date().toISOString().replace('Z', '+00:00'),
  status,
  error,
  path,
  message,
});

export interface ErrorHandling {
  render: ErrorBodyRenderer;
  /** Status per DomainError code; an unknown code is a 500. */
  statusByCode?: Record<string, number>;
  /**
   * Replaces AppErrorFilter as the catch-all (the ui renders HTML error pages). Taken from the
   * app with `app.get()`, so it must be a provider of the service's module.
   */
  filter?: Type<ExceptionFilter>;
}

const REASONS: Record<number, string> = Object.fromEntries(
  Object.entries(HttpStatus)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => [
      v,
      k
        .toLowerCase()
        .split('_')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join(' '),
    ]),
);
REASONS[413] = 'Payload Too Large';
REASONS[415] = 'Unsupported Media Type';

export const reasonPhrase = (status: number): string => REASONS[status] ?? 'Error';

/** Turns any thrown value into a status and message; unknown errors become 500 with an errorId. */
export function classifyError(
  exception: unknown,
  handling: ErrorHandling,
  logger: AppLogger,
): Omit<ErrorContext, 'path'> {
  if (exception instanceof DomainError) {
    const { code } = exception as DomainError;
    const status = handling.statusByCode?.[code] ?? 500;
    if (status >= 500) logger.error({ err: exception, code }, exception.message);
    return { status, error: reasonPhrase(status), message: exception.message };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? flattenMessage(response.message)
        : exception.message;
    if (status >= 500) logger.error({ err: exception }, message);
    return { status, error: reasonPhrase(status), message, httpResponse: response };
  }
  const errorId = randomUUID();
  logger.error({ err: exception, errorId }, 'unhandled error');
  return { status: 500, error: reasonPhrase(500), message: `Internal error (errorId ${errorId})` };
}

const flattenMessage = (message: unknown): string =>
  Array.isArray(message) ? message.join(', ') : String(message);

/**
 * The one catch-all filter: every error leaves in the service's own body shape. Nest routes
 * Fastify's own errors (bad JSON, media type, body size) here too, as HttpExceptions.
 */
@Catch()
export class AppErrorFilter implements ExceptionFilter {
  constructor(
    private readonly handling: ErrorHandling,
    private readonly logger: AppLogger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const ctx = {
      ...classifyError(exception, this.handling, this.logger),
      path: request.url.split('?')[0],
    };
    const body = this.handling.render(ctx);
    if (typeof body === 'string') {
      void reply.status(ctx.status).type('text/plain; charset=utf-8').send(body);
    } else {
      void reply
        .status(ctx.status)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(body));
    }
  }
}
