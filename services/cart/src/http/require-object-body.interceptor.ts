import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';

/**
 * A missing body, `null`, an array or a bare value is a 400 saying so. Runs before the
 * validation pipe, which would otherwise validate `{}` and list every field as missing.
 */
@Injectable()
export class RequireObjectBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { body } = context.switchToHttp().getRequest<FastifyRequest>();
    if (body === undefined || body === null) {
      throw new BadRequestException('Required request body is missing');
    }
    if (typeof body !== 'object' || Array.isArray(body)) {
      throw new BadRequestException('request body must be a JSON object');
    }
    return next.handle();
  }
}
