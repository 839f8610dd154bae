import { DynamicModule, Module } from '@nestjs/common';
import { DEPENDENCY_CHECKS, DependencyCheck } from '@retail/service-kit';
import type { OrdersConfig } from '../config/orders.config';
import { HEALTH_CHECKS } from '../health/health-checks';
import { BROKER_CHECKS, EventsModule } from '../events/events.module';
import { OrdersController } from './orders.controller';
import { OrdersMetrics } from './orders.metrics';
import { OrdersService } from './orders.service';
import { DATABASE_CHECKS, OrdersPersistenceModule } from './persistence/orders-persistence.module';

@Module({})
export class OrdersModule {
  static forConfig(cfg: OrdersConfig): DynamicModule {
    const persistence = OrdersPersistenceModule.forConfig(cfg);
    return {
      module: OrdersModule,
      imports: [persistence, EventsModule.forConfig(cfg, persistence)],
      controllers: [OrdersController],
      providers: [
        OrdersService,
        OrdersMetrics,
        {
          provide: DEPENDENCY_CHECKS,
          inject: [DATABASE_CHECKS, BROKER_CHECKS],
          useFactory: (db: DependencyCheck[], broker: DependencyCheck[]) => [...db, ...broker],
        },
        {
          provide: HEALTH_CHECKS,
          inject: [DEPENDENCY_CHECKS],
          useFactory: (all: DependencyCheck[]) =>
            all.filter((c) => cfg.health[c.name as keyof OrdersConfig['health']] !== false),
        },
      ],
      exports: [DEPENDENCY_CHECKS, HEALTH_CHECKS],
    };
  }
}
