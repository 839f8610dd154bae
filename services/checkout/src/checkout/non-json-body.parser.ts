import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/**
 * Spec: an update whose body is not JSON (no or another Content-Type) is validated as an empty
 * body, so it gets the 400 of a missing subtotal, where Fastify would answer 415. The body is
 * still read, within the body limit, and dropped.
 */
@Injectable()
export class NonJsonBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) =>
      done(null, undefined),
    );
  }
}
