import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { getDataSourceToken } from '@nestjs/typeorm';
import { TypeOrmDatabaseIndicator } from '@retail/service-kit';
import type { OrdersConfig } from '../../config/orders.config';
import { Outbox } from '../../events/outbox';
import { InMemoryOrdersRepository, InMemoryOutbox } from './in-memory-orders.repository';
import { OrdersRepository } from './orders.repository';
import { TypeOrmOrdersRepository, TypeOrmOutbox } from './typeorm-orders.repository';

/**
 * Chooses where orders and their outbox live, once, at boot, from validated config. With a
 * database AppModule adds TypeOrmModule.forRootAsync, which connects, migrates and closes the pool
 * on shutdown, after the HTTP server has drained and the relay has stopped.
 */
@Module({})
export class OrdersPersistenceModule {
  static forConfig(cfg: OrdersConfig): DynamicModule {
    const exports = [OrdersRepository, Outbox];
    if (cfg.persistence.kind === 'in-memory') {
      const outbox = new InMemoryOutbox();
      return {
        module: OrdersPersistenceModule,
        providers: [
          { provide: Outbox, useValue: outbox },
          { provide: OrdersRepository, useValue: new InMemoryOrdersRepository(outbox) },
        ],
        exports,
      };
    }
    return {
      module: OrdersPersistenceModule,
      // The database indicator uses terminus's TypeORM ping.
      imports: [TerminusModule],
      providers: [
        { provide: OrdersRepository, useClass: TypeOrmOrdersRepository },
        { provide: Outbox, useClass: TypeOrmOutbox },
        TypeOrmDatabaseIndicator.provider(getDataSourceToken(), 'db'),
      ],
      exports,
    };
  }
}
