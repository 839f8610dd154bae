import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MAX_TEXT_LENGTH, PRINTABLE_TEXT } from '@retail/contracts';
import { APP_LOGGER } from '@retail/service-kit';
import type { AppLogger } from '@retail/service-kit';
import { orderCreatedEvent } from '../events/order-created.event';
import { OutboxRelay } from '../events/outbox-relay';
import type { CreateOrderDto, CreateOrderItemDto } from './dto/create-order.dto';
import type { Order, OrderItem } from './order';
import { InvalidIdempotencyKeyError, OrderNotFoundError } from './orders.errors';
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
   * published after the commit, and the metrics count only committed orders. A request repeating
   * an `idempotencyKey` gets the order first placed with it, and nothing is stored or published.
   */
  async create(request: CreateOrderDto, idempotencyKey?: string): Promise<Order> {
    if (idempotencyKey !== undefined && !isStorableText(idempotencyKey)) {
      throw new InvalidIdempotencyKeyError();
    }
    const order: Order = {
      id: randomUUID(),
      firstName: request.firstName,
      lastName: request.lastName ?? null,
      email: request.email ?? null,
      items: request.items.map(toItem),
    };
    const placed = await this.repository.create(order, orderCreatedEvent(order), idempotencyKey);
    if (!placed.created) {
      this.logger.info({ orderId: placed.order.id }, 'order repeated, the first one answered');
      return placed.order;
    }
    this.relay.wake();
    this.metrics.orderPlaced(order);
    this.logger.info({ orderId: order.id, items: order.items.length }, 'order created');
    return order;
  }

  list(): Promise<Order[]> {
    return this.repository.findAll();
  }

  async get(id: string): Promise<Order> {
    // No order has such an id, and a database would refuse the text (PostgreSQL and NUL).
    if (!isStorableText(id)) throw new OrderNotFoundError(id);
    const order = await this.repository.findById(id);
    if (!order) throw new OrderNotFoundError(id);
    return order;
  }
}

const isStorableText = (text: string): boolean =>
  text.length > 0 && text.length <= MAX_TEXT_LENGTH && PRINTABLE_TEXT.test(text);

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
