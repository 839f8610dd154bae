import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import type { FactoryProvider } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { APP_LOGGER, type AppLogger } from '@retail/service-kit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { UiConfig } from '../config/ui.config';
import { UI_CONFIG } from '../config/ui-config.token';
import { createHandlebars } from './handlebars';
import { publicDir } from './public-dir';
import { installSession } from './session';

/**
 * Helmet's default headers, written once: @fastify/helmet rebuilds its middleware (and parses
 * the CSP) on every request. The CSP allows only our own stylesheet and images and no script;
 * no upgrade-insecure-requests and no HSTS, as the lab serves the store over plain HTTP.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': [
    "default-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "script-src 'none'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; '),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  // Not no-referrer: under it browsers send `Origin: null` with our own forms, which the
  // same-origin check of every POST could not tell from a cross-site one.
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

/** Also for error pages Fastify answers before any hook ran (a URL it cannot decode). */
export function withSecurityHeaders(reply: FastifyReply): void {
  void reply.headers(SECURITY_HEADERS);
}

/**
 * The Fastify side of the storefront: security headers, compression, the session cookie, the
 * bundled CSS and picture, and Handlebars views with one layout.
 */
async function setUpWeb(fastify: FastifyInstance, cfg: UiConfig, logger: AppLogger): Promise<void> {
  const root = publicDir();
  if (cfg.sessionSecret === undefined) {
    logger.warn(
      'RETAIL_UI_SESSION_SECRET is not set: session ids are signed with the built-in key, which anyone can read in the source',
    );
  }
  fastify.addHook('onRequest', (_request, reply, done) => {
    withSecurityHeaders(reply);
    done();
  });
  await fastify.register(fastifyCompress, { global: true, threshold: 1024 });
  installSession(fastify, cfg.sessionSecret);
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
    engine: { handlebars: createHandlebars(path.join(views, 'partials')) },
    root: views,
    layout: 'layout.tmpl',
    viewExt: 'tmpl',
    production: true,
  });
}

const WEB_SETUP = Symbol('WEB_SETUP');

/**
 * Runs setUpWeb while Nest instantiates providers, before it adds any route: the compression
 * plugin hooks each route as it is added. main.ts and every test get the same setup.
 */
export const webSetupProvider: FactoryProvider<void> = {
  provide: WEB_SETUP,
  inject: [HttpAdapterHost, UI_CONFIG, APP_LOGGER],
  useFactory: (host: HttpAdapterHost, cfg: UiConfig, logger: AppLogger) =>
    setUpWeb(host.httpAdapter.getInstance<FastifyInstance>(), cfg, logger),
};
