import { CacheModule } from '@nestjs/cache-manager';
import { DynamicModule, Module } from '@nestjs/common';
import { CacheableMemory, Keyv } from 'cacheable';
import type { CatalogConfig } from '../config/catalog.config';
import { ProductsPersistenceModule } from './persistence/products-persistence.module';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';
import { READ_CACHE_TTL_MS } from './read-cache.interceptor';

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
      providers: [ProductsService, { provide: READ_CACHE_TTL_MS, useValue: cfg.cacheTtlMs }],
      exports: [ProductsPersistenceModule],
    };
  }
}
