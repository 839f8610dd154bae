import {
  BadRequestException,
  Injectable,
  OnModuleInit,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

type Done = (error: Error | null, body?: unknown) => void;

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * The cart's body parsing (spec/cart.md, Content-Type): a body without a Content-Type is read
 * as JSON (the reference answered 415); an explicit non-JSON type on a POST or PATCH of a cart
 * route is 415; any other request's non-JSON body is ignored, since those routes take none.
 * Installed on the Fastify instance after Nest has added its own parsers, replacing them.
 */
@Injectable()
export class JsonBodyParsers implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const defaultJson = fastify.getDefaultJsonParser('error', 'error');
    const parseJson = (request: FastifyRequest, body: string, done: Done) => {
      // An empty body is "no body": the handler decides whether it needed one.
      if (body === '') return done(null, undefined);
      void defaultJson(request, body, (error, value) =>
        error ? done(new BadRequestException('request body is not valid JSON')) : done(null, value),
      );
    };
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) =>
      parseJson(request, body as string, done),
    );
    fastify.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
      const type = request.headers['content-type'];
      if (type === undefined || JSON_TYPE.test(type.split(';')[0].trim())) {
        return parseJson(request, body as string, done);
      }
      if (takesBody(request)) {
        return done(
          new UnsupportedMediaTypeException(
            `Content-Type '${type}' is not supported; send application/json`,
          ),
        );
      }
      done(null, undefined);
    });
  }
}

const takesBody = (request: FastifyRequest): boolean =>
  (request.method === 'POST' || request.method === 'PATCH') &&
  !request.is404 &&
  request.url.startsWith('/carts/');
