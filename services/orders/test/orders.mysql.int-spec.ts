import { createLogger } from '@retail/service-kit';
import { describeWithServer } from '@retail/testing';
import { loadConfig, SqlConfig } from '../src/config/orders.config';
import { openSqlStore } from '../src/orders/persistence/typeorm-sql-store';
import { createMysqlDatabase, ThrowawayDatabase } from './databases';
import { describeOrdersApi } from './orders-api.suite';
import { describeOrdersRepository } from './orders-repository.suite';
import { describeSqlStore } from './sql-store.suite';

const logger = createLogger('orders-test', 'silent');
const sqlConfig = (env: Record<string, string>) => loadConfig(env).persistence as SqlConfig;

describeWithServer('mysql', 'orders on MariaDB', () => {
  let db: ThrowawayDatabase;

  beforeAll(async () => {
    db = await createMysqlDatabase();
  });
  afterAll(() => db.drop());

  describeOrdersApi('MariaDB', () => db.env());

  describeOrdersRepository('MariaDB', async () => {
    const store = await openSqlStore(sqlConfig(db.env()), logger);
    for (const table of ['order_entity', 'order_item_entity', 'order_outbox']) {
      await db.query(`TRUNCATE ${table}`);
    }
    return store;
  });

  describeSqlStore('MariaDB', () => db, createMysqlDatabase);
});
