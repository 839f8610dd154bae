import { DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DependencyCheck } from '@retail/service-kit';
import { DataSource } from 'typeorm';
import type { OrdersConfig } from '../../config/orders.config';
import { Outbox } from '../../events/outbox';
import { InMemoryOrdersRepository, InMemoryOutbox } from './in-memory-orders.repository';
import { OrdersRepository } from './orders.repository';
import { TypeOrmOrdersRepository, TypeOrmOutbox } from './typeorm-orders.repository';

/** The database's health checks (none in memory); the orders module adds the broker's. */
export const DATABASE_CHECKS = Symbol('DATABASE_CHECKS');

/**
 * Chooses where orders and their outbox live, once, at boot, from validated config. With a
 * database AppModule adds TypeOrmModule.forRootAsync, which connects, migrates and closes the pool
 * on shutdown, after the HTTP server has drained and the relay has stopped.
 */
@Module({})
export class OrdersPersistenceModule {
  static forConfig(cfg: OrdersConfig): DynamicModule {
    const exports = [OrdersRepository, Outbox, DATABASE_CHECKS];
    if (cfg.persistence.kind === 'in-memory') {
      const outbox = new InMemoryOutbox();
      return {
        module: OrdersPersistenceModule,
        providers: [
          { provide: Outbox, useValue: outbox },
          { provide: OrdersRepository, useValue: new InMemoryOrdersRepository(outbox) },
          { provide: DATABASE_CHECKS, useValue: [] },
        ],
        exports,
      };
    }
    return {
      module: OrdersPersistenceModule,
      providers: [
        { provide: OrdersRepository, useClass: TypeOrmOrdersRepository },
        { provide: Outbox, useClass: TypeOrmOutbox },
        {
          provide: DATABASE_CHECKS,
          inject: [getDataSourceToken()],
          useFactory: (dataSource: DataSource): DependencyCheck[] => [
            { name: 'db', check: () => dataSource.query('SELECT 1').then(() => undefined) },
          ],
        },
      ],
      exports,
    };
  }
}
