import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { HttpOrdersClient, MockOrdersClient, OrdersClient } from '@retail/clients';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { CheckoutConfig } from '../../config/checkout.config';
import { OrdersIndicator } from '../../health/orders.indicator';

/** Closes the kept-alive connections to orders after the HTTP server has drained. */
@Injectable()
class OrdersClientCloser implements OnApplicationShutdown {
  constructor(@Inject(OrdersClient) private readonly orders: OrdersClient) {}

  onApplicationShutdown(): Promise<void> {
    return this.orders.close();
  }
}

/** The orders client, chosen once at boot: HTTP when ENDPOINTS_ORDERS is set, else the mock. */
@Module({})
export class OrdersClientModule {
  static forConfig(cfg: CheckoutConfig): DynamicModule {
    const orders = cfg.orders;
    const client =
      orders.kind === 'http'
        ? new HttpOrdersClient(orders.baseUrl, { timeoutMs: orders.timeoutMs })
        : new MockOrdersClient();
    return {
      module: OrdersClientModule,
      providers: [
        { provide: OrdersClient, useValue: client },
        OrdersClientCloser,
        // In mock mode there is nothing to reach, so nothing for readiness to check.
        ...(orders.kind === 'http'
          ? [
              {
                provide: OrdersIndicator,
                inject: [HealthIndicatorService],
                useFactory: (health: HealthIndicatorService) => new OrdersIndicator(health, client),
              },
            ]
          : []),
      ],
      exports: [OrdersClient],
    };
  }
}
