// The framework floor: the raw server's JSON answered by bare Fastify (`fastify`) or by bare NestJS
// on Fastify (`nest`: one controller; no pipes, filters, hooks, logs or metrics). Both serialize
// the object on every request, as a service does. PORT from the environment.
//
//   node framework-twin.mjs <fastify|nest> <body.json> <route template, e.g. /catalogue/product/:id>
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import Fastify from 'fastify';

const [kind, file, route] = process.argv.slice(2);
const body = JSON.parse(readFileSync(file, 'utf8'));
const port = Number(process.env.PORT);

if (kind === 'fastify') {
  const app = Fastify();
  app.get(route, async () => body);
  await app.listen({ port, host: '127.0.0.1' });
} else {
  // Decorators applied by hand: this file runs as plain JavaScript.
  class TwinController {
    answer() {
      return body;
    }
  }
  const answer = Object.getOwnPropertyDescriptor(TwinController.prototype, 'answer');
  Reflect.decorate([Get(route)], TwinController.prototype, 'answer', answer);
  Reflect.decorate([Controller()], TwinController);
  class TwinModule {}
  Reflect.decorate([Module({ controllers: [TwinController] })], TwinModule);
  const app = await NestFactory.create(TwinModule, new FastifyAdapter(), { logger: false });
  await app.listen(port, '127.0.0.1');
}
