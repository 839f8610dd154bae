import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { TypeOrmDatabaseIndicator } from '@retail/service-kit';
import type { CatalogConfig } from '../../config/catalog.config';
import { InMemoryProductsRepository } from './in-memory-products.repository';
import { ProductEntity, TagEntity } from './product.entity';
import { ProductsRepository } from './products.repository';
import { TypeOrmProductsRepository } from './typeorm-products.repository';

/**
 * Chooses the products store once, at boot, from validated config. In MySQL mode AppModule adds
 * TypeOrmModule.forRootAsync, which connects, migrates and closes the pool on shutdown.
 */
@Module({})
export class ProductsPersistenceModule {
  static forConfig(cfg: CatalogConfig): DynamicModule {
    const db = cfg.persistence;
    const inMemory = db.kind === 'in-memory';
    return {
      module: ProductsPersistenceModule,
      imports: inMemory
        ? []
        : [TypeOrmModule.forFeature([ProductEntity, TagEntity]), TerminusModule],
      providers: [
        {
          provide: ProductsRepository,
          useClass: inMemory ? InMemoryProductsRepository : TypeOrmProductsRepository,
        },
        // Readiness pings the writer and, when DB_READ_ENDPOINT is set, the reader.
        ...(inMemory
          ? []
          : [
              TypeOrmDatabaseIndicator.provider(getDataSourceToken(), 'database', {
                withReader: db.reader !== undefined,
              }),
            ]),
      ],
      exports: [ProductsRepository],
    };
  }
}
