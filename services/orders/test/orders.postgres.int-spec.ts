import { describeWithServer } from '@retail/testing';
import { orderCreatedEvent } from '../src/events/order-created.event';
import { createPostgresDatabase, openOrdersStore, ThrowawayDatabase } from './databases';
import { describeOrdersApi } from './orders-api.suite';
import { describeOrdersRepository } from './orders-repository.suite';
import { describeSqlStore } from './sql-store.suite';

describeWithServer('postgres', 'orders on PostgreSQL', () => {
  let db: ThrowawayDatabase;

  beforeAll(async () => {
    db = await createPostgresDatabase();
  });
  afterAll(() => db.drop());

  describeOrdersApi('PostgreSQL', () => db.env());

  describeOrdersRepository('PostgreSQL', async () => {
    const store = await openOrdersStore(db.env());
    await db.query('TRUNCATE order_entity, order_item_entity, order_outbox');
    return store;
  });

  describeSqlStore('PostgreSQL', () => db, createPostgresDatabase);

  it('takes over a database the reference created: its orders stay listed, new ones come first', async () => {
    const legacy = await createPostgresDatabase();
    try {
      // The reference's Flyway V1 (spec/orders.md "Persistence") and one order it wrote.
      await legacy.query(`CREATE TABLE IF NOT EXISTS order_entity (
        id varchar(255) NOT NULL PRIMARY KEY, first_name varchar(255) NOT NULL,
        last_name varchar(255), email varchar(255))`);
      await legacy.query(`CREATE TABLE IF NOT EXISTS order_item_entity (
        product_id varchar(255) NOT NULL, name varchar(255) NOT NULL,
        quantity int, unit_cost int, total_cost int, order_entity varchar(255) NOT NULL)`);
      await legacy.query(
        "INSERT INTO order_entity VALUES ('legacy-1', 'Jane', NULL, 'jane@example.com')",
      );
      await legacy.query(
        "INSERT INTO order_item_entity VALUES ('0', 'Wood Watch', 1, NULL, 50, 'legacy-1')",
      );

      const store = await openOrdersStore(legacy.env());
      try {
        const jane = {
          id: 'legacy-1',
          firstName: 'Jane',
          lastName: null,
          email: 'jane@example.com',
          items: [{ productId: '0', name: 'Wood Watch', quantity: 1, unitCost: 0, totalCost: 50 }],
        };
        expect(await store.orders.findAll()).toEqual([jane]);
        const order = { ...jane, id: 'ours-1', items: [{ ...jane.items[0], productId: null }] };
        await store.orders.create(order, orderCreatedEvent(order));
        expect(await store.orders.findAll()).toEqual([order, jane]);
      } finally {
        await store.close();
      }
    } finally {
      await legacy.drop();
    }
  });
});
