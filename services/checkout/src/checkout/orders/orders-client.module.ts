import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { HttpOrdersClient, MockOrdersClient, OrdersClient } from '@retail/clients';
import type { DependencyCheck } from '@retail/service-kit';
import type { CheckoutConfig } from '../../config/checkout.config';

/** The orders service's readiness check; empty in mock mode, where there is nothing to reach. */
export const ORDERS_CHECKS = Symbol('ORDERS_CHECKS');

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
    const checks: DependencyCheck[] =
      orders.kind === 'http' ? [{ name: 'orders', check: () => client.health() }] : [];
    return {
      module: OrdersClientModule,
      providers: [
        { provide: OrdersClient, useValue: client },
        { provide: ORDERS_CHECKS, useValue: checks },
        OrdersClientCloser,
      ],
      exports: [OrdersClient, ORDERS_CHECKS],
    };
  }
}
