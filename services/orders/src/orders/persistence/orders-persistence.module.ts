import { DynamicModule, Module } from '@nestjs/common';
import type { OrdersConfig } from '../../config/orders.config';
import { Outbox } from '../../events/outbox';
import { InMemoryOrdersRepository, InMemoryOutbox } from './in-memory-orders.repository';
import { OrdersRepository } from './orders.repository';

/** Chooses where orders and their outbox live, once, at boot, from validated config. */
@Module({})
export class OrdersPersistenceModule {
  static async forConfig(cfg: OrdersConfig): Promise<DynamicModule> {
    const db = cfg.persistence;
    if (db.kind !== 'in-memory') {
      // Imported only with a database, so the service in memory never loads TypeORM.
      const { TypeOrmOrdersModule } = await import('./typeorm-orders.module');
      return TypeOrmOrdersModule.forConfig(db);
    }
    const outbox = new InMemoryOutbox();
    return {
      module: OrdersPersistenceModule,
      providers: [
        { provide: Outbox, useValue: outbox },
        { provide: OrdersRepository, useValue: new InMemoryOrdersRepository(outbox) },
      ],
      exports: [OrdersRepository, Outbox],
    };
  }
}
