import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * A query parameter as sent (a string, or an array when repeated), for a pipe to check. With
 * `@Query(name)` and a `string` parameter the global pipe would first join `?a=1&a=2` into "1,2".
 */
export const SingleQuery = createParamDecorator(
  (name: string, ctx: ExecutionContext): unknown =>
    (ctx.switchToHttp().getRequest<FastifyRequest>().query as Record<string, unknown>)[name],
);
