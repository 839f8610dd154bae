import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { UiConfig } from '../config/ui.config';
import { UI_CONFIG } from '../config/ui-config.token';
import { LayoutService } from './layout';
import { LayoutInterceptor } from './layout.interceptor';
import { SameOriginGuard } from './same-origin.guard';
import { UiErrorFilter } from './ui-error.filter';
import { webSetupProvider } from './web-setup';

/**
 * What every page shares: the configuration, the Fastify setup (headers, session, views), the
 * same-origin check of every write, the layout around each page and the error pages.
 */
@Global()
@Module({})
export class WebModule {
  static forConfig(cfg: UiConfig): DynamicModule {
    return {
      module: WebModule,
      providers: [
        { provide: UI_CONFIG, useValue: cfg },
        webSetupProvider,
        LayoutService,
        { provide: APP_GUARD, useClass: SameOriginGuard },
        { provide: APP_INTERCEPTOR, useClass: LayoutInterceptor },
        UiErrorFilter,
      ],
      exports: [UI_CONFIG, LayoutService],
    };
  }
}
