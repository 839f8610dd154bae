import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AppLogger } from './logger';

/**
 * Wraps the service's catch-all filter: an error raised because the client hung up before its
 * request was read (Node's "aborted" while the body streams in) is the client's doing, and there
 * is no one left to answer. It is logged at debug; pino-http's access line says "request aborted".
 */
export function answerClientAborts(filter: ExceptionFilter, logger: AppLogger): ExceptionFilter {
  return {
    catch(exception: unknown, host: ArgumentsHost): void {
      const request = host.switchToHttp().getRequest<FastifyRequest>();
      if (request.raw.destroyed && !request.raw.complete) {
        logger.debug(
          { reason: exception instanceof Error ? exception.message : String(exception) },
          'client hung up before its request was read',
        );
        return;
      }
      filter.catch(exception, host);
    },
  };
}
