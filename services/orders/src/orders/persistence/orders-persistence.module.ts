import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import { APP_LOGGER, AppLogger } from '@retail/service-kit';
import type { OrdersConfig } from '../../config/orders.config';
import { Outbox } from '../../events/outbox';
import { DatabaseIndicator } from '../../health/database.indicator';
import { InMemoryOrdersRepository, InMemoryOutbox } from './in-memory-orders.repository';
import { OrdersRepository } from './orders.repository';
import { SQL_STORE } from './sql-store';
import type { SqlStore } from './sql-store';

/** Closes the pool after the HTTP server has drained and the relay has stopped. */
@Injectable()
class SqlStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(SQL_STORE) private readonly store: SqlStore) {}

  onApplicationShutdown(): Promise<void> {
    return this.store.close();
  }
}

/** Chooses where orders and their outbox live, once, at boot, from validated config. */
@Module({})
export class OrdersPersistenceModule {
  static forConfig(cfg: OrdersConfig): DynamicModule {
    const db = cfg.persistence;
    const exports = [OrdersRepository, Outbox];
    if (db.kind === 'in-memory') {
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
      providers: [
        {
          provide: SQL_STORE,
          inject: [APP_LOGGER],
          useFactory: async (logger: AppLogger): Promise<SqlStore> => {
            const { openSqlStore } = await import('./typeorm-sql-store');
            return openSqlStore(db, logger);
          },
        },
        SqlStoreCloser,
        { provide: OrdersRepository, inject: [SQL_STORE], useFactory: (s: SqlStore) => s.orders },
        { provide: Outbox, inject: [SQL_STORE], useFactory: (s: SqlStore) => s.outbox },
        {
          provide: DatabaseIndicator,
          inject: [TypeOrmHealthIndicator, SQL_STORE],
          useFactory: (typeOrm: TypeOrmHealthIndicator, s: SqlStore) =>
            new DatabaseIndicator(typeOrm, s.dataSource),
        },
      ],
      exports,
    };
  }
}
