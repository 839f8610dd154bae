import { DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@retail/service-kit';
import type { OrdersConfig } from './config/orders.config';
import { HEALTH_SWITCHES, HealthController } from './health/health.controller';
import { JsonOnlyBodies } from './http/json-only-bodies';
import { ordersDefinition } from './orders.definition';
import { OrdersModule } from './orders/orders.module';

@Module({})
export class AppModule {
  static forRoot(cfg: OrdersConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(ordersDefinition(cfg)), OrdersModule.forConfig(cfg)],
      controllers: [HealthController],
      providers: [JsonOnlyBodies, { provide: HEALTH_SWITCHES, useValue: cfg.health }],
    };
  }
}
