import type { SqlDialect } from '../../../config/orders.config';
import { CreateOrdersSchemaMysql1719100000000 } from './1719100000000-create-orders-schema.mysql';
import { CreateOrdersSchemaPostgres1719100000000 } from './1719100000000-create-orders-schema.postgres';
import { AddIdempotencyKeyMysql1719200000000 } from './1719200000000-add-idempotency-key.mysql';
import { AddIdempotencyKeyPostgres1719200000000 } from './1719200000000-add-idempotency-key.postgres';

/** In run order, per dialect. Classes, not a glob, so the bundled service carries them. */
export const ORDERS_MIGRATIONS: Record<SqlDialect, (new () => object)[]> = {
  postgres: [CreateOrdersSchemaPostgres1719100000000, AddIdempotencyKeyPostgres1719200000000],
  mysql: [CreateOrdersSchemaMysql1719100000000, AddIdempotencyKeyMysql1719200000000],
};
