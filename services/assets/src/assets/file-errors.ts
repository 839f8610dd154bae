import { type ErrorHandling, reasonPhrase } from '@retail/service-kit';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

type SendError = FastifyError & { headers?: Record<string, string> };

/**
 * The route's Fastify error handler, for what @fastify/static refuses itself: it hands those
 * errors to Fastify, not to Nest's filters. A range past the end is a 416 as HTTP has it (the
 * size in Content-Range, no body); any other client error, such as a failed If-Match (412), gets
 * the service's body; anything else goes on to Fastify's handler.
 */
export function fileErrorHandler(render: ErrorHandling['render']) {
  return (error: SendError, request: FastifyRequest, reply: FastifyReply): void => {
    const status = error.statusCode ?? 500;
    if (status < 400 || status >= 500) throw error;
    void reply.code(status).headers(error.headers ?? {});
    if (status === 416) {
      void reply.send();
      return;
    }
    const reason = reasonPhrase(status);
    const body = render({
      status,
      error: reason,
      message: reason,
      path: request.url.split('?')[0],
    });
    if (typeof body === 'string') void reply.type('text/plain; charset=utf-8');
    void reply.send(body);
  };
}
