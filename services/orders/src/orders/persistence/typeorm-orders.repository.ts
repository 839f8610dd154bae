import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { withTimeout } from '@retail/service-kit';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Outbox, OutboxEvent } from '../../events/outbox';
import type { Order } from '../order';
import { OrdersUnavailableError } from '../orders.errors';
import { OrderEntity, OrderItemEntity, OutboxEntity } from './order.entity';
import { OrdersRepository, Placed } from './orders.repository';

// A query that outlives this is answered 503 rather than holding the request (DESIGN: no hangs).
const QUERY_TIMEOUT_MS = 5000;

// What PostgreSQL and MySQL/MariaDB report for a duplicate in a unique index.
const UNIQUE_VIOLATION = new Set(['23505', 'ER_DUP_ENTRY']);

/** One row of the orders ⟕ items join. */
interface OrderRow {
  id: string;
  firstName: string;
  lastName: string | null;
  email: string | null;
  productId: string | null;
  name: string | null;
  quantity: number | null;
  unitCost: number | null;
  totalCost: number | null;
}

/** PostgreSQL or MySQL/MariaDB storage; every query is parameterised by the query builder. */
@Injectable()
export class TypeOrmOrdersRepository extends OrdersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  create(order: Order, event: OutboxEvent, idempotencyKey?: string): Promise<Placed> {
    return guarded(async (abandoned) => {
      try {
        await this.dataSource.transaction(async (manager) => {
          // Once the caller has been told 503, the transaction rolls back at its next step instead
          // of committing an order the caller believes was not placed.
          abandoned.throwIfAborted();
          await insert(manager, OrderEntity, {
            id: order.id,
            firstName: order.firstName,
            lastName: order.lastName,
            email: order.email,
            idempotencyKey: idempotencyKey ?? null,
          });
          abandoned.throwIfAborted();
          if (order.items.length > 0) {
            await insert(
              manager,
              OrderItemEntity,
              order.items.map((item, ordinal) => ({ orderId: order.id, ordinal, ...item })),
            );
          }
          abandoned.throwIfAborted();
          await insert(manager, OutboxEntity, {
            eventId: event.id,
            type: event.type,
            orderId: event.orderId,
            payload: event.payload,
          });
          abandoned.throwIfAborted();
        });
        return { order, created: true };
      } catch (error) {
        // The unique index made this insert wait for the first one with the key, then refused it.
        if (idempotencyKey === undefined || !isUniqueViolation(error)) throw error;
        const [placed] = toOrders(
          await this.ordersWithItems()
            .where('o.idempotencyKey = :idempotencyKey', { idempotencyKey })
            .getRawMany<OrderRow>(),
        );
        if (!placed) throw error;
        return { order: placed, created: false };
      }
    });
  }

  findAll(): Promise<Order[]> {
    return guarded(async () => toOrders(await this.ordersWithItems().getRawMany<OrderRow>()));
  }

  findById(id: string): Promise<Order | undefined> {
    return guarded(async () => {
      const rows = await this.ordersWithItems().where('o.id = :id', { id }).getRawMany<OrderRow>();
      return toOrders(rows)[0];
    });
  }

  /** One query: each order with its items in their order, newest order first. */
  private ordersWithItems() {
    return this.dataSource
      .createQueryBuilder()
      .from(OrderEntity, 'o')
      .leftJoin(OrderItemEntity, 'i', 'i.orderId = o.id')
      .select('o.id', 'id')
      .addSelect('o.firstName', 'firstName')
      .addSelect('o.lastName', 'lastName')
      .addSelect('o.email', 'email')
      .addSelect('i.productId', 'productId')
      .addSelect('i.name', 'name')
      .addSelect('i.quantity', 'quantity')
      .addSelect('i.unitCost', 'unitCost')
      .addSelect('i.totalCost', 'totalCost')
      .orderBy('o.seq', 'DESC')
      .addOrderBy('i.ordinal', 'ASC');
  }
}

/** The outbox table. Publishing holds row locks, so several instances never send an event twice. */
@Injectable()
export class TypeOrmOutbox extends Outbox {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async publishPending(
    limit: number,
    publish: (events: OutboxEvent[]) => Promise<void>,
  ): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    try {
      // MySQL's default REPEATABLE READ would gap-lock the index end and stall new orders.
      await runner.startTransaction(
        this.dataSource.options.type === 'mysql' ? 'READ COMMITTED' : undefined,
      );
      const rows = await runner.manager
        .createQueryBuilder(OutboxEntity, 'e')
        .where('e.sentAt IS NULL')
        .orderBy('e.seq', 'ASC')
        .limit(limit)
        .setLock('pessimistic_write')
        .getMany();
      if (rows.length > 0) {
        await publish(
          rows.map((r) => ({
            id: r.eventId,
            type: 'OrderCreatedEvent',
            orderId: r.orderId,
            payload: r.payload,
          })),
        );
        await runner.manager
          .createQueryBuilder()
          .update(OutboxEntity)
          .set({ sentAt: () => 'CURRENT_TIMESTAMP(3)' })
          .where('seq IN (:...seqs)', { seqs: rows.map((r) => r.seq) })
          .execute();
      }
      await runner.commitTransaction();
      return rows.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}

function insert<T extends object>(
  manager: EntityManager,
  entity: new () => T,
  values: Partial<T> | Partial<T>[],
): Promise<unknown> {
  // updateEntity(false): nothing to read back, so no RETURNING or follow-up SELECT.
  return manager
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values(values as never)
    .updateEntity(false)
    .execute();
}

function toOrders(rows: OrderRow[]): Order[] {
  const orders = new Map<string, Order>();
  for (const row of rows) {
    let order = orders.get(row.id);
    if (!order) {
      order = {
        id: row.id,
        firstName: row.firstName,
        lastName: row.lastName,
        email: row.email,
        items: [],
      };
      orders.set(row.id, order);
    }
    // An order without items has one row whose item columns are all null (the outer join).
    if (row.name !== null) {
      order.items.push({
        productId: row.productId,
        name: row.name,
        // A database the reference wrote may hold nulls; the reference reads them as 0.
        quantity: row.quantity ?? 0,
        unitCost: row.unitCost ?? 0,
        totalCost: row.totalCost ?? 0,
      });
    }
  }
  return [...orders.values()];
}

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof QueryFailedError &&
  UNIQUE_VIOLATION.has(String((error.driverError as { code?: unknown }).code));

/**
 * Any storage failure, or no answer in time, becomes OrdersUnavailableError (503). The work gets
 * a signal aborted at that moment, so work that goes on afterwards can stop rather than commit.
 */
async function guarded<T>(work: (abandoned: AbortSignal) => Promise<T>): Promise<T> {
  const abandon = new AbortController();
  try {
    return await withTimeout(work(abandon.signal), QUERY_TIMEOUT_MS);
  } catch (error) {
    abandon.abort(error);
    throw new OrdersUnavailableError(error);
  }
}
