import { readdirSync } from 'node:fs';
import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import type { FactoryProvider } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { UiConfig } from '../config/ui.config';
import { UI_CONFIG } from '../config/ui-config.token';
import { createHandlebars } from './handlebars';
import { publicDir } from './public-dir';
import { installSession } from './session';

/**
 * The Fastify side of the storefront: security headers, compression, the session cookie, the
 * bundled CSS and picture, and Handlebars views with one layout.
 */
export async function setUpWeb(fastify: FastifyInstance, cfg: UiConfig): Promise<void> {
  const root = publicDir();
  await fastify.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      // Our pages use only our own stylesheet and images and no script at all.
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'none'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        // No upgrade-insecure-requests: the lab serves the store over plain HTTP.
      },
    },
    // Browsers ignore HSTS over plain HTTP; behind TLS it would pin a demo host for a year.
    strictTransportSecurity: false,
  });
  await fastify.register(fastifyCompress, { global: true, threshold: 1024 });
  installSession(fastify);
  fastify.decorateRequest('cartBadge', null);
  const maxAge = cfg.staticMaxAgeSeconds * 1000;
  await fastify.register(fastifyStatic, {
    root: path.join(root, 'css'),
    prefix: '/assets/css/',
    maxAge,
  });
  await fastify.register(fastifyStatic, {
    root: path.join(root, 'img'),
    prefix: '/assets/img/',
    maxAge,
    decorateReply: false,
  });
  // Handlebars templates end in .tmpl: Prettier's Handlebars parser cannot read partials.
  const views = path.join(root, 'views');
  await fastify.register(fastifyView, {
    engine: { handlebars: createHandlebars() },
    root: views,
    layout: 'layout.tmpl',
    viewExt: 'tmpl',
    production: true,
    options: { partials: partials(views) },
  });
}

export const WEB_SETUP = Symbol('WEB_SETUP');

/**
 * Runs setUpWeb while Nest instantiates providers, before it adds any route: the compression
 * plugin hooks each route as it is added. main.ts and every test get the same setup.
 */
export const webSetupProvider: FactoryProvider<void> = {
  provide: WEB_SETUP,
  inject: [HttpAdapterHost, UI_CONFIG],
  useFactory: (host: HttpAdapterHost, cfg: UiConfig) =>
    setUpWeb(host.httpAdapter.getInstance<FastifyInstance>(), cfg),
};

/** Every `views/partials/<name>.tmpl`, by name. */
function partials(views: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(path.join(views, 'partials'))
      .filter((f) => f.endsWith('.tmpl'))
      .map((f) => [path.basename(f, '.tmpl'), path.join('partials', f)]),
  );
}
