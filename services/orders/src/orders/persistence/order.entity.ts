import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

// Table shapes of the reference's schema (spec/orders.md "Persistence") plus what it lacked:
// `seq` for newest-first listing, `ordinal` to keep item order, and the outbox.

@Entity('order_entity')
export class OrderEntity {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  id!: string;

  @Column({ name: 'first_name', type: 'varchar', length: 255 })
  firstName!: string;

  @Column({ name: 'last_name', type: 'varchar', length: 255, nullable: true })
  lastName!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  email!: string | null;

  /** The `idempotency-key` header of the request that placed it; unique, null without one. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 255, nullable: true, select: false })
  idempotencyKey!: string | null;

  /** Assigned by the database on insert; orders are listed by it, newest first. */
  @Column({ type: 'bigint', insert: false, update: false, select: false })
  seq!: string;
}

@Entity('order_item_entity')
export class OrderItemEntity {
  @PrimaryColumn({ name: 'order_entity', type: 'varchar', length: 255 })
  orderId!: string;

  @PrimaryColumn({ type: 'int' })
  ordinal!: number;

  @Column({ name: 'product_id', type: 'varchar', length: 255, nullable: true })
  productId!: string | null;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'int' })
  quantity!: number;

  @Column({ name: 'unit_cost', type: 'int' })
  unitCost!: number;

  @Column({ name: 'total_cost', type: 'int' })
  totalCost!: number;
}

@Entity('order_outbox')
export class OutboxEntity {
  /** Write order: the relay publishes by ascending seq. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 100 })
  type!: string;

  @Column({ name: 'order_id', type: 'varchar', length: 255 })
  orderId!: string;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'created_at', type: 'timestamp', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamp', nullable: true })
  sentAt!: Date | null;
}
