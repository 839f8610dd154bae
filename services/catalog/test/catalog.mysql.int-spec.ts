import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp, describeWithServer, startTcpProxy, TcpProxy } from '@retail/testing';
import { createConnection } from 'mysql2/promise';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/catalog.config';
import { describeCatalogApi, describeReadCache } from './catalog-api.suite';
import { countRows, createThrowawayDatabase, MYSQL, mysqlEnv } from './mysql';

// Tag memberships: smart 2 + dress 5 + luxury 1 + casual 1 (spec/catalog.md §8).
const SEEDED = { product: 6, tag: 4, product_tag: 9 };

const startCatalog = (env: Record<string, string>) =>
  createTestApp(AppModule.forRoot(loadConfig({ LOG_LEVEL: 'silent', ...env })));

describeWithServer('mysql', 'catalog on MariaDB', () => {
  let db: { name: string; drop: () => Promise<void> };

  beforeAll(async () => {
    db = await createThrowawayDatabase();
  });
  afterAll(() => db.drop());

  describeCatalogApi('MariaDB, read cache on', () =>
    mysqlEnv(db.name, { CACHE_TTL_SECONDS: '300' }),
  );
  describeCatalogApi('MariaDB, read cache off (the default)', () => mysqlEnv(db.name));
  describeReadCache('MariaDB', () => mysqlEnv(db.name));

  describe('a change made in the database', () => {
    const CHRONO = '808a2de1-1aaa-4c25-a9b9-6612e8f29a38';
    const priceSeen = async (app: NestFastifyApplication) =>
      (await request(app.getHttpServer()).get(`/catalogue/product/${CHRONO}`).expect(200)).body
        .price as number;
    const setPrice = async (price: number) => {
      const c = await createConnection({ ...MYSQL, database: db.name });
      await c.query('UPDATE product SET price = ? WHERE product_id = ?', [price, CHRONO]);
      await c.end();
    };
    afterEach(() => setPrice(5100));

    it('shows once CACHE_TTL_SECONDS have passed', async () => {
      const app = await startCatalog(mysqlEnv(db.name, { CACHE_TTL_SECONDS: '1' }));
      try {
        expect(await priceSeen(app)).toBe(5100);
        await setPrice(4900);
        expect(await priceSeen(app)).toBe(5100);
        await new Promise((r) => setTimeout(r, 1100));
        expect(await priceSeen(app)).toBe(4900);
      } finally {
        await app.close();
      }
    });

    it('shows at once with CACHE_TTL_SECONDS=0', async () => {
      const app = await startCatalog(mysqlEnv(db.name, { CACHE_TTL_SECONDS: '0' }));
      try {
        expect(await priceSeen(app)).toBe(5100);
        await setPrice(4900);
        expect(await priceSeen(app)).toBe(4900);
      } finally {
        await app.close();
      }
    });
  });

  describe('migrations', () => {
    it('create and seed the schema once; running them again changes nothing', async () => {
      const again = await createThrowawayDatabase();
      try {
        await (await startCatalog(mysqlEnv(again.name))).close();
        expect(await countRows(again.name)).toEqual(SEEDED);
        await (await startCatalog(mysqlEnv(again.name))).close();
        expect(await countRows(again.name)).toEqual(SEEDED);

        // Even with TypeORM's bookkeeping gone (a database the reference created), re-seeding
        // inserts nothing twice.
        const c = await createConnection({ ...MYSQL, database: again.name });
        await c.query('DROP TABLE migrations');
        await c.end();
        await (await startCatalog(mysqlEnv(again.name))).close();
        expect(await countRows(again.name)).toEqual(SEEDED);
      } finally {
        await again.drop();
      }
    });

    it('leave the schema alone with DB_MIGRATE=false', async () => {
      const empty = await createThrowawayDatabase();
      try {
        const app = await startCatalog(mysqlEnv(empty.name, { DB_MIGRATE: 'false' }));
        const res = await request(app.getHttpServer()).get('/catalogue').expect(503);
        expect(res.body).toEqual({ code: 503, message: 'database connection error' });
        await app.close();
      } finally {
        await empty.drop();
      }
    });
  });

  describe('with a read endpoint and a database that goes away', () => {
    let reader: TcpProxy;
    let writer: TcpProxy;
    let app: NestFastifyApplication;
    const http = () => request(app.getHttpServer());

    beforeAll(async () => {
      reader = await startTcpProxy(MYSQL.port);
      writer = await startTcpProxy(MYSQL.port);
      app = await startCatalog(
        mysqlEnv(db.name, {
          DB_ENDPOINT: `127.0.0.1:${writer.port}`,
          DB_READ_ENDPOINT: `127.0.0.1:${reader.port}`,
          DB_CONNECT_TIMEOUT: '2',
        }),
      );
    });
    afterAll(async () => {
      await app.close();
      await reader.stop();
      await writer.stop();
    });

    it('sends the API reads to DB_READ_ENDPOINT', async () => {
      const before = reader.connections();
      const writes = writer.connections();
      await http().get('/catalogue?tags=dress').expect(200);
      await http().get('/catalogue/size').expect(200);
      await http().get('/catalogue/tags').expect(200);
      expect(reader.connections()).toBeGreaterThan(before);
      expect(writer.connections()).toBe(writes);
      const ready = await http().get('/health/ready').expect(200);
      expect(Object.keys(ready.body.details)).toEqual(['database', 'database-reader']);
    });

    it('answers 503 {code,message} fast while the reader is gone, and recovers', async () => {
      await reader.stop();
      const started = Date.now();
      const res = await http().get('/catalogue').expect(503);
      expect(res.body).toEqual({ code: 503, message: 'database connection error' });
      await http().get('/catalogue/product/510a0d7e-8e83-4193-b483-e27e09ddc34d').expect(503);
      expect(Date.now() - started).toBeLessThan(5000);

      const ready = await http().get('/health/ready').expect(503);
      expect(ready.body.error['database-reader'].status).toBe('down');
      await http().get('/health').expect(200);

      await reader.start();
      await expect(pollStatus(() => http().get('/catalogue'), 200)).resolves.toBe(200);
      await http().get('/health/ready').expect(200);
    });
  });
});

async function pollStatus(
  send: () => PromiseLike<{ status: number }>,
  want: number,
): Promise<number> {
  let status = 0;
  for (let i = 0; i < 50 && status !== want; i++) {
    status = (await send()).status;
    if (status !== want) await new Promise((r) => setTimeout(r, 100));
  }
  return status;
}
