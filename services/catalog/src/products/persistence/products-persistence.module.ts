import { DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DEPENDENCY_CHECKS, DependencyCheck } from '@retail/service-kit';
import { DataSource } from 'typeorm';
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
      imports: inMemory ? [] : [TypeOrmModule.forFeature([ProductEntity, TagEntity])],
      providers: [
        {
          provide: ProductsRepository,
          useClass: inMemory ? InMemoryProductsRepository : TypeOrmProductsRepository,
        },
        inMemory
          ? { provide: DEPENDENCY_CHECKS, useValue: [] }
          : {
              provide: DEPENDENCY_CHECKS,
              inject: [getDataSourceToken()],
              // Readiness pings the writer and, when DB_READ_ENDPOINT is set, the reader.
              useFactory: (dataSource: DataSource): DependencyCheck[] => [
                { name: 'database', check: () => ping(dataSource, 'master') },
                ...(db.reader
                  ? [{ name: 'database-reader', check: () => ping(dataSource, 'slave') }]
                  : []),
              ],
            },
      ],
      exports: [ProductsRepository, DEPENDENCY_CHECKS],
    };
  }
}

async function ping(dataSource: DataSource, mode: 'master' | 'slave'): Promise<void> {
  const runner = dataSource.createQueryRunner(mode);
  try {
    await runner.query('SELECT 1');
  } finally {
    await runner.release();
  }
}
