import { DynamicModule, Module } from '@nestjs/common';
import { DEPENDENCY_CHECKS, DependencyCheck } from '@retail/service-kit';
import { CHECKOUT_CONFIG, CheckoutConfig } from '../config/checkout.config';
import { CheckoutController } from './checkout.controller';
import { CheckoutService } from './checkout.service';
import { NonJsonBodyParser } from './non-json-body.parser';
import { ORDERS_CHECKS, OrdersClientModule } from './orders/orders-client.module';
import { CheckoutPersistenceModule, STORE_CHECKS } from './persistence/checkout-persistence.module';

@Module({})
export class CheckoutModule {
  static forConfig(cfg: CheckoutConfig): DynamicModule {
    return {
      module: CheckoutModule,
      imports: [CheckoutPersistenceModule.forConfig(cfg), OrdersClientModule.forConfig(cfg)],
      controllers: [CheckoutController],
      providers: [
        { provide: CHECKOUT_CONFIG, useValue: cfg },
        CheckoutService,
        NonJsonBodyParser,
        {
          provide: DEPENDENCY_CHECKS,
          inject: [STORE_CHECKS, ORDERS_CHECKS],
          useFactory: (store: DependencyCheck[], orders: DependencyCheck[]) => [
            ...store,
            ...orders,
          ],
        },
      ],
      exports: [DEPENDENCY_CHECKS],
    };
  }
}
