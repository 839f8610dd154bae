import { randomUUID } from 'node:crypto';
import type { OrderCreatedEvent } from '@retail/contracts';
import type { Order } from '../orders/order';
import type { OutboxEvent } from './outbox';

/**
 * The reference's OrderCreatedEvent (spec/orders.md "Events"): in `order` null fields are left
 * out, item fields are always present, keys in the reference's order.
 */
export function orderCreatedEvent(order: Order): OutboxEvent {
  const body: OrderCreatedEvent = {
    order: {
      id: order.id,
      firstName: order.firstName,
      ...(order.lastName !== null && { lastName: order.lastName }),
      ...(order.email !== null && { email: order.email }),
      orderItems: order.items.map((i) => ({
        productId: i.productId,
        quantity: i.quantity,
        unitCost: i.unitCost,
        name: i.name,
        totalCost: i.totalCost,
      })),
    },
  };
  return {
    id: randomUUID(),
    type: 'OrderCreatedEvent',
    orderId: order.id,
    payload: JSON.stringify(body),
  };
}
