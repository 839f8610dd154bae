import { DynamicModule, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import fastifyStatic from '@fastify/static';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import {
  APP_LOGGER,
  type AppLogger,
  SERVICE_DEFINITION,
  type ServiceDefinition,
} from '@retail/service-kit';
import type { AssetsConfig } from '../config/assets.config';
import { AssetsController } from './assets.controller';
import { fileErrorHandler } from './file-errors';
import { ServedFolder } from './served-folder';

const FILES_ROUTE = '/assets/:name';
// A year, never revalidated: a changed picture gets a new ETag and, by convention, a new name.
const MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * Serves the folder with @fastify/static. Its reply decorator does the HTTP work (ETag,
 * Last-Modified, 304, ranges, pre-compressed encodings, cache headers); the controller keeps the
 * route, so metrics and logs see `/assets/:name` and a name not found at start-up is our 404.
 */
@Module({})
export class AssetsModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly adapterHost: HttpAdapterHost<FastifyAdapter>,
    private readonly folder: ServedFolder,
    @Inject(SERVICE_DEFINITION) definition: ServiceDefinition,
  ) {
    // Nest adds its routes after the modules are built: the files route gets its error handler.
    const handler = fileErrorHandler(definition.errors.render);
    adapterHost.httpAdapter.getInstance().addHook('onRoute', (route) => {
      if (route.url === FILES_ROUTE) route.errorHandler = handler;
    });
  }

  static forConfig(cfg: Pick<AssetsConfig, 'assetsDir'>): DynamicModule {
    return {
      module: AssetsModule,
      controllers: [AssetsController],
      providers: [
        {
          provide: ServedFolder,
          inject: [APP_LOGGER],
          useFactory: async (logger: AppLogger) => {
            const folder = await ServedFolder.prepare(cfg.assetsDir);
            logger.info({ dir: cfg.assetsDir, files: folder.names() }, 'assets loaded');
            return folder;
          },
        },
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    // On the Fastify instance, with the plugin's own option types (Nest's copy of them is older).
    await this.adapterHost.httpAdapter.getInstance().register(fastifyStatic, {
      root: this.folder.root,
      // Only reply.sendFile: the controller owns the route.
      serve: false,
      preCompressed: true,
      // No folders are served, and without an index a missing `.br`/`.gz` is one failed stat.
      index: false,
      maxAge: MAX_AGE_MS,
      immutable: true,
      setHeaders: (reply) => {
        void reply.header('x-content-type-options', 'nosniff');
      },
    });
  }

  onApplicationShutdown(): Promise<void> {
    return this.folder.remove();
  }
}
