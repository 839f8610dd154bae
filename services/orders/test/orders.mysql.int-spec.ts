import { describeWithServer } from '@retail/testing';
import { createMysqlDatabase, openOrdersStore, ThrowawayDatabase } from './databases';
import { describeOrdersApi } from './orders-api.suite';
import { describeOrdersRepository } from './orders-repository.suite';
import { describeSqlStore } from './sql-store.suite';

describeWithServer('mysql', 'orders on MariaDB', () => {
  let db: ThrowawayDatabase;

  beforeAll(async () => {
    db = await createMysqlDatabase();
  });
  afterAll(() => db.drop());

  describeOrdersApi('MariaDB', () => db.env());

  describeOrdersRepository('MariaDB', async () => {
    const store = await openOrdersStore(db.env());
    for (const table of ['order_entity', 'order_item_entity', 'order_outbox']) {
      await db.query(`TRUNCATE ${table}`);
    }
    return store;
  });

  describeSqlStore('MariaDB', () => db, createMysqlDatabase);
});
