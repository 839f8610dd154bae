import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_LOGGER } from '@retail/service-kit';
import type { AppLogger } from '@retail/service-kit';
import { orderCreatedEvent } from '../events/order-created.event';
import { OutboxRelay } from '../events/outbox-relay';
import type { CreateOrderDto, CreateOrderItemDto } from './dto/create-order.dto';
import type { Order, OrderItem } from './order';
import { OrderNotFoundError } from './orders.errors';
import { OrdersMetrics } from './orders.metrics';
import { OrdersRepository } from './persistence/orders.repository';

@Injectable()
export class OrdersService {
  constructor(
    private readonly repository: OrdersRepository,
    private readonly relay: OutboxRelay,
    private readonly metrics: OrdersMetrics,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  /**
   * Stores the order with a new UUID and its OrderCreatedEvent in one transaction; the event is
   * published after the commit, and the metrics count only committed orders.
   */
  async create(request: CreateOrderDto): Promise<Order> {
    const order: Order = {
      id: randomUUID(),
      firstName: request.firstName,
      lastName: request.lastName ?? null,
      email: request.email ?? null,
      items: request.items.map(toItem),
    };
    await this.repository.create(order, orderCreatedEvent(order));
    this.relay.wake();
    this.metrics.orderPlaced(order);
    this.logger.info({ orderId: order.id, items: order.items.length }, 'order created');
    return order;
  }

  list(): Promise<Order[]> {
    return this.repository.findAll();
  }

  async get(id: string): Promise<Order> {
    const order = await this.repository.findById(id);
    if (!order) throw new OrderNotFoundError(id);
    return order;
  }
}

/**
 * Missing numbers are 0, as in the reference. Checkout sends the unit cost as `price` (spec:
 * "What the real client sends"), so `price` stands in when `unitCost` is absent.
 */
function toItem(item: CreateOrderItemDto): OrderItem {
  return {
    productId: item.productId ?? null,
    name: item.name,
    quantity: item.quantity ?? 0,
    unitCost: item.unitCost ?? item.price ?? 0,
    totalCost: item.totalCost ?? 0,
  };
}
