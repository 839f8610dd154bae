import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { createValidationPipe } from '@retail/service-kit';
import type { FastifyRequest } from 'fastify';

const objectBody = createParamDecorator((_: unknown, ctx: ExecutionContext): object => {
  const { body } = ctx.switchToHttp().getRequest<FastifyRequest>();
  if (body === undefined || body === null) {
    throw new BadRequestException('Required request body is missing');
  }
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequestException('request body must be a JSON object');
  }
  return body;
});

// The global pipe skips custom parameters; this one validates them with the same rules.
const validation = createValidationPipe({ validateCustomDecorators: true });

/**
 * The request body, validated as the parameter's DTO class, after a missing body, `null`, an
 * array or a bare value got a 400 saying so. With `@Body()` the global pipe would first turn a
 * missing body into `{}` and report every field as missing. (An interceptor could check this too,
 * but costs about a quarter of a POST's CPU time.)
 */
export const JsonObjectBody = (): ParameterDecorator => objectBody(validation);
