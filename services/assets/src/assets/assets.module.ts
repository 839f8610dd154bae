import { DynamicModule, Module } from '@nestjs/common';
import { APP_LOGGER, type AppLogger } from '@retail/service-kit';
import type { AssetsConfig } from '../config/assets.config';
import { loadAssets } from './asset-loader';
import { AssetsController } from './assets.controller';
import { AssetsService } from './assets.service';

/** Loads the folder into memory once, before the server listens. */
@Module({})
export class AssetsModule {
  static forConfig(cfg: Pick<AssetsConfig, 'assetsDir'>): DynamicModule {
    return {
      module: AssetsModule,
      controllers: [AssetsController],
      providers: [
        {
          provide: AssetsService,
          inject: [APP_LOGGER],
          useFactory: async (logger: AppLogger) => {
            const service = new AssetsService(await loadAssets(cfg.assetsDir));
            logger.info({ dir: cfg.assetsDir, files: service.names() }, 'assets loaded');
            return service;
          },
        },
      ],
    };
  }
}
