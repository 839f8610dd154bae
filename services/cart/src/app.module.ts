import { DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@retail/service-kit';
import { cartDefinition } from './cart.definition';
import { CartsModule } from './carts/carts.module';
import type { CartConfig } from './config/cart.config';
import { FailSwitch } from './health/fail-switch';
import { HealthController } from './health/health.controller';
import { JsonBodyParsers } from './http/json-body.parsers';

@Module({})
export class AppModule {
  static forRoot(cfg: CartConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(cartDefinition(cfg)), CartsModule.forConfig(cfg)],
      controllers: [HealthController],
      providers: [FailSwitch, JsonBodyParsers],
    };
  }
}
