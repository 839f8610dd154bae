import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { TypeOrmDatabaseIndicator } from '@retail/service-kit';
import type { MysqlConfig } from '../../config/catalog.config';
import { ProductEntity, TagEntity } from './product.entity';
import { ProductsRepository } from './products.repository';
import { TypeOrmProductsRepository } from './typeorm-products.repository';
import { catalogTypeOrmOptions } from './typeorm.options';

/**
 * The products store in MySQL/MariaDB. TypeOrmModule connects and migrates at start and closes
 * the pool on shutdown; readiness pings the writer and, when DB_READ_ENDPOINT is set, the reader.
 */
@Module({})
export class TypeOrmProductsModule {
  static forConfig(db: MysqlConfig): DynamicModule {
    return {
      module: TypeOrmProductsModule,
      imports: [
        TypeOrmModule.forRootAsync(catalogTypeOrmOptions(db)),
        TypeOrmModule.forFeature([ProductEntity, TagEntity]),
        // Provides terminus's TypeORM ping to the indicator, in an app or on its own.
        TerminusModule,
      ],
      providers: [
        { provide: ProductsRepository, useClass: TypeOrmProductsRepository },
        TypeOrmDatabaseIndicator.provider(getDataSourceToken(), 'database', {
          withReader: db.reader !== undefined,
        }),
      ],
      exports: [ProductsRepository],
    };
  }
}
