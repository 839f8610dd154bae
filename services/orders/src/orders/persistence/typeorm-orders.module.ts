import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { TypeOrmDatabaseIndicator } from '@retail/service-kit';
import type { SqlConfig } from '../../config/orders.config';
import { Outbox } from '../../events/outbox';
import { OrdersRepository } from './orders.repository';
import { TypeOrmOrdersRepository, TypeOrmOutbox } from './typeorm-orders.repository';
import { ordersTypeOrmOptions } from './typeorm.options';

/**
 * Orders and their outbox in PostgreSQL or MySQL/MariaDB. TypeOrmModule connects and migrates at
 * start and closes the pool on shutdown, after the HTTP server has drained and the relay has
 * stopped; readiness pings the database as `db`.
 */
@Module({})
export class TypeOrmOrdersModule {
  static forConfig(db: SqlConfig): DynamicModule {
    return {
      module: TypeOrmOrdersModule,
      imports: [
        TypeOrmModule.forRootAsync(ordersTypeOrmOptions(db)),
        // Provides terminus's TypeORM ping to the indicator, in an app or on its own.
        TerminusModule,
      ],
      providers: [
        { provide: OrdersRepository, useClass: TypeOrmOrdersRepository },
        { provide: Outbox, useClass: TypeOrmOutbox },
        TypeOrmDatabaseIndicator.provider(getDataSourceToken(), 'db'),
      ],
      exports: [OrdersRepository, Outbox],
    };
  }
}
