import { Injectable } from '@nestjs/common';
import { Metrics } from '@retail/service-kit';
import { Counter, Gauge } from 'prom-client';
import type { Order } from './order';

/**
 * Product ids counted one by one. Clients choose the ids and every series lives until the process
 * ends, so past this many a new id adds to `OTHER_PRODUCTS`: memory and `/actuator/prometheus`
 * stay bounded, and the per-product counts still add up to every quantity ordered.
 */
export const MAX_PRODUCT_SERIES = 1000;
export const OTHER_PRODUCTS = '(other)';

/** The reference's business metrics (spec/orders.md "Health and metrics"), counted per commit. */
@Injectable()
export class OrdersMetrics {
  private readonly orders: Counter<'productId'>;
  private readonly orderTotal: Gauge;
  private readonly products = new Set<string>();

  constructor(metrics: Metrics) {
    this.orders = new Counter({
      name: 'watch_orders_total',
      help: 'The number of orders placed',
      labelNames: ['productId'],
      registers: [metrics.registry],
    });
    this.orders.inc({ productId: '*' }, 0);
    this.orderTotal = new Gauge({
      name: 'watch_orderTotal',
      help: 'The sum of the totalCost of every item ordered since the service started',
      registers: [metrics.registry],
    });
  }

  /** `*` counts orders; each product id counts the quantity ordered (items without one are not). */
  orderPlaced(order: Order): void {
    this.orders.inc({ productId: '*' });
    for (const item of order.items) {
      if (item.productId !== null) {
        this.orders.inc({ productId: this.series(item.productId) }, item.quantity);
      }
      this.orderTotal.inc(item.totalCost);
    }
  }

  private series(productId: string): string {
    if (this.products.has(productId)) return productId;
    if (this.products.size >= MAX_PRODUCT_SERIES) return OTHER_PRODUCTS;
    this.products.add(productId);
    return productId;
  }
}
