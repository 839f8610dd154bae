import { DynamicModule, Inject, Injectable, OnApplicationShutdown, Type } from '@nestjs/common';
import { HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { APP_LOGGER, AppLogger } from '@retail/service-kit';
import { DataSource } from 'typeorm';
import type { MysqlConfig } from '../../config/catalog.config';
import { DatabaseIndicator } from '../../health/database.indicator';
import { connectMysql } from './mysql.data-source';
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
        provide: DatabaseIndicator,
        inject: [TypeOrmHealthIndicator, HealthIndicatorService, DataSource],
        useFactory: (
          typeOrm: TypeOrmHealthIndicator,
          health: HealthIndicatorService,
          dataSource: DataSource,
        ) => new DatabaseIndicator(typeOrm, health, dataSource, db.reader !== undefined),
      },
    ],
    exports: [ProductsRepository],
  };
}
