import { DynamicModule, Inject, Injectable, OnApplicationShutdown, Type } from '@nestjs/common';
import { APP_LOGGER, AppLogger, DEPENDENCY_CHECKS, DependencyCheck } from '@retail/service-kit';
import { DataSource } from 'typeorm';
import type { MysqlConfig } from '../../config/catalog.config';
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

/** The MySQL/MariaDB providers of `module`; readiness pings the writer and, if set, the reader. */
export function mysqlPersistence(module: Type, db: MysqlConfig): DynamicModule {
  return {
    module,
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
