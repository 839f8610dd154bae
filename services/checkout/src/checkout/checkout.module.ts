import { DynamicModule, Module } from '@nestjs/common';
import { CHECKOUT_CONFIG, CheckoutConfig } from '../config/checkout.config';
import { CheckoutController } from './checkout.controller';
import { CheckoutService } from './checkout.service';
import { NonJsonBodyParser } from './non-json-body.parser';
import { OrdersClientModule } from './orders/orders-client.module';
import { CheckoutPersistenceModule } from './persistence/checkout-persistence.module';

@Module({})
export class CheckoutModule {
  static forConfig(cfg: CheckoutConfig): DynamicModule {
    return {
      module: CheckoutModule,
      imports: [CheckoutPersistenceModule.forConfig(cfg), OrdersClientModule.forConfig(cfg)],
      controllers: [CheckoutController],
      providers: [{ provide: CHECKOUT_CONFIG, useValue: cfg }, CheckoutService, NonJsonBodyParser],
    };
  }
}
