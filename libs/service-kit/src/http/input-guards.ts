import {
  type ArgumentsHost,
  BadRequestException,
  type ExceptionFilter,
  HttpException,
} from '@nestjs/common';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Deeper than any body a service accepts (orders and checkout need 3 levels). */
const MAX_BODY_DEPTH = 32;

const filters = new WeakMap<FastifyInstance, ExceptionFilter>();

/** The filter that answers the app's framework errors (see frameworkErrorsToFilter). */
export function answerFrameworkErrorsWith(fastify: FastifyInstance, filter: ExceptionFilter): void {
  filters.set(fastify, filter);
}

/**
 * Fastify answers the errors it finds before routing (a URL it cannot decode, `/a%zz`; a path
 * parameter over 100 characters) itself, in its own body shape, without reaching the error
 * handler. For the adapter's `frameworkErrors` option: the service's catch-all filter answers
 * instead, with the same status, in the service's shape. No hook has run for such a request.
 */
export function frameworkErrorsToFilter(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const exception = new HttpException(error.message, error.statusCode ?? 400);
  const filter = filters.get(request.server);
  if (!filter) {
    void reply.send(exception);
    return;
  }
  const args = [request, reply];
  const http = { getRequest: () => request, getResponse: () => reply, getNext: () => undefined };
  filter.catch(exception, {
    getArgs: () => args,
    getArgByIndex: (i: number) => args[i],
    getType: () => 'http',
    switchToHttp: () => http,
  } as unknown as ArgumentsHost);
}

/**
 * Refuses, with a 400, a parsed body nested deeper than MAX_BODY_DEPTH: validation and
 * class-transformer walk bodies recursively, and `[[[[…]]]]` thousands deep overflows the stack
 * (a 500). Checked before the handler, without recursion.
 */
export function limitBodyDepth(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    done(
      tooDeep(request.body)
        ? new BadRequestException(`body nested deeper than ${MAX_BODY_DEPTH} levels`)
        : undefined,
    );
  });
}

function tooDeep(body: unknown): boolean {
  const pending: Array<[unknown, number]> = [[body, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, depth] = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_BODY_DEPTH) return true;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return false;
}
