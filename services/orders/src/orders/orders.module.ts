import { DynamicModule, Module } from '@nestjs/common';
import type { OrdersConfig } from '../config/orders.config';
import { EventsModule } from '../events/events.module';
import { OrdersController } from './orders.controller';
import { OrdersMetrics } from './orders.metrics';
import { OrdersService } from './orders.service';
import { OrdersPersistenceModule } from './persistence/orders-persistence.module';

@Module({})
export class OrdersModule {
  static forConfig(cfg: OrdersConfig): DynamicModule {
    const persistence = OrdersPersistenceModule.forConfig(cfg);
    return {
      module: OrdersModule,
      imports: [persistence, EventsModule.forConfig(cfg, persistence)],
      controllers: [OrdersController],
      providers: [OrdersService, OrdersMetrics],
    };
  }
}
