import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_LOGGER, AppLogger, DEPENDENCY_CHECKS, DependencyCheck } from '@retail/service-kit';
import { DataSource } from 'typeorm';
import type { CatalogConfig } from '../../config/catalog.config';
import { InMemoryProductsRepository } from './in-memory-products.repository';
import { connectMysql, pingMysql } from './mysql.data-source';
import { ProductsRepository } from './products.repository';
import { TypeOrmProductsRepository } from './typeorm-products.repository';

/** Closes the pools after the HTTP server has drained (see service-kit's shutdown order). */
@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Chooses the products store once, at boot, from validated config. */
@Module({})
export class ProductsPersistenceModule {
  static forConfig(cfg: CatalogConfig): DynamicModule {
    const db = cfg.persistence;
    if (db.kind === 'in-memory') {
      return {
        module: ProductsPersistenceModule,
        providers: [
          { provide: ProductsRepository, useValue: new InMemoryProductsRepository() },
          { provide: DEPENDENCY_CHECKS, useValue: [] },
        ],
        exports: [ProductsRepository, DEPENDENCY_CHECKS],
      };
    }
    return {
      module: ProductsPersistenceModule,
      providers: [
        {
          provide: DataSource,
          inject: [APP_LOGGER],
          useFactory: (logger: AppLogger) => connectMysql(db, logger),
        },
        DataSourceCloser,
        { provide: ProductsRepository, useClass: TypeOrmProductsRepository },
        {
          provide: DEPENDENCY_CHECKS,
          inject: [DataSource],
          useFactory: (dataSource: DataSource): DependencyCheck[] => [
            { name: 'database', check: () => pingMysql(dataSource, 'master') },
            ...(db.reader
              ? [{ name: 'database-reader', check: () => pingMysql(dataSource, 'slave') }]
              : []),
          ],
        },
      ],
      exports: [ProductsRepository, DEPENDENCY_CHECKS],
    };
  }
}
