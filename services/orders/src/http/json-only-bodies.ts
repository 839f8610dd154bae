import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/**
 * The reference answers a POST whose body is not JSON with 415. Fastify parses text/plain itself
 * and Nest adds form bodies; without those parsers Fastify answers 415 for them too.
 */
@Injectable()
export class JsonOnlyBodies implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    this.host.httpAdapter
      .getInstance<FastifyInstance>()
      .removeContentTypeParser(['text/plain', 'application/x-www-form-urlencoded']);
  }
}
