import { CacheModule } from '@nestjs/cache-manager';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CacheableMemory, Keyv } from 'cacheable';
import type { CatalogConfig } from '../config/catalog.config';
import { ProductsPersistenceModule } from './persistence/products-persistence.module';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';
import { ReadCacheInterceptor } from './read-cache.interceptor';

// Each distinct query string is an entry: the bound keeps made-up queries from growing memory.
const MAX_CACHED_ANSWERS = 1000;

@Module({})
export class ProductsModule {
  static forConfig(cfg: CatalogConfig): DynamicModule {
    return {
      module: ProductsModule,
      imports: [
        ProductsPersistenceModule.forConfig(cfg),
        CacheModule.register({
          ttl: cfg.cacheTtlMs,
          stores: [new Keyv({ store: new CacheableMemory({ lruSize: MAX_CACHED_ANSWERS }) })],
        }),
      ],
      controllers: [ProductsController],
      providers: [
        ProductsService,
        // Every interceptor costs each request it wraps, so with the cache off none is bound.
        ...(cfg.cacheTtlMs > 0
          ? [{ provide: APP_INTERCEPTOR, useClass: ReadCacheInterceptor }]
          : []),
      ],
    };
  }
}
