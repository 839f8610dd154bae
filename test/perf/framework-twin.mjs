// The framework floor: the raw server's JSON answered by bare Fastify (`fastify`), by bare NestJS
// on Fastify (`nest`: one controller; no pipes, filters, hooks, logs or metrics) or by bare NestJS
// with nestjs-pino's request logging set up as the services set it up (`nest-pino`). Each
// serializes the object on every request, as a service does. With `post` the route is a POST
// whose JSON body is parsed (Fastify's parser, Nest's `@Body()`) before the answer. PORT and
// LOG_LEVEL from the environment.
//
//   node framework-twin.mjs <fastify|nest|nest-pino> <body.json> <route template> [post]
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import Fastify from 'fastify';
import { LoggerModule } from 'nestjs-pino';

const [kind, file, route, method = 'get'] = process.argv.slice(2);
const body = JSON.parse(readFileSync(file, 'utf8'));
const port = Number(process.env.PORT);
const post = method === 'post';

if (kind === 'fastify') {
  const app = Fastify();
  app.route({ method: post ? 'POST' : 'GET', url: route, handler: async () => body });
  // The benchmarks' readiness check, for a POST route.
  app.get('/health', async () => ({}));
  await app.listen({ port, host: '127.0.0.1' });
} else {
  // Decorators applied by hand: this file runs as plain JavaScript.
  class TwinController {
    answer() {
      return body;
    }
    health() {
      return {};
    }
  }
  const decorate = (name, decorators) =>
    Reflect.decorate(
      decorators,
      TwinController.prototype,
      name,
      Object.getOwnPropertyDescriptor(TwinController.prototype, name),
    );
  decorate('answer', [post ? Post(route) : Get(route)]);
  if (post) Body()(TwinController.prototype, 'answer', 0);
  decorate('health', [Get('/health')]);
  Reflect.decorate([Controller()], TwinController);
  // The pino-http options that matter per request, as accessLog() in
  // libs/service-kit/src/logging/logger.ts sets them (this script runs without the TypeScript
  // kit): each request's logger bound to its id, one line per response at `info`. Change both
  // together, or the floor no longer matches the services.
  const logging = LoggerModule.forRoot({
    pinoHttp: {
      level: process.env.LOG_LEVEL ?? 'info',
      customAttributeKeys: { req: 'reqId' },
      wrapSerializers: false,
      serializers: { reqId: (req) => req.id },
    },
  });
  class TwinModule {}
  Reflect.decorate(
    [Module({ imports: kind === 'nest-pino' ? [logging] : [], controllers: [TwinController] })],
    TwinModule,
  );
  const app = await NestFactory.create(TwinModule, new FastifyAdapter(), { logger: false });
  await app.listen(port, '127.0.0.1');
}
