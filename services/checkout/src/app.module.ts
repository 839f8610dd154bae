import { DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@retail/service-kit';
import { checkoutDefinition } from './checkout.definition';
import { CheckoutModule } from './checkout/checkout.module';
import type { CheckoutConfig } from './config/checkout.config';
import { HealthController } from './health/health.controller';

@Module({})
export class AppModule {
  static forRoot(cfg: CheckoutConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(checkoutDefinition(cfg)), CheckoutModule.forConfig(cfg)],
      controllers: [HealthController],
    };
  }
}
