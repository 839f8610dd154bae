import { ConfigError } from '@retail/service-kit';
import { loadConfig } from './orders.config';

const pg = (url: string, extra: Record<string, string> = {}) =>
  loadConfig({ SPRING_DATASOURCE_URL: url, SPRING_DATASOURCE_USERNAME: 'orders', ...extra })
    .persistence;

describe(loadConfig.name, () => {
  it('defaults to port 8080, orders in memory and events in the log', () => {
    expect(loadConfig({})).toMatchObject({
      port: 8080,
      logLevel: 'info',
      persistence: { kind: 'in-memory' },
      events: { kind: 'log' },
      health: { db: true, rabbit: true },
      tracing: { enabled: false },
    });
  });

  it("reads Spring's MANAGEMENT_HEALTH_DB_ENABLED and MANAGEMENT_HEALTH_RABBIT_ENABLED", () => {
    expect(
      loadConfig({
        MANAGEMENT_HEALTH_DB_ENABLED: 'false',
        MANAGEMENT_HEALTH_RABBIT_ENABLED: 'FALSE',
      }).health,
    ).toEqual({ db: false, rabbit: false });
  });

  it('takes SERVER_PORT over PORT, as Spring does', () => {
    expect(loadConfig({ PORT: '8083' }).port).toBe(8083);
    expect(loadConfig({ PORT: '8083', SERVER_PORT: '9000' }).port).toBe(9000);
  });

  describe('SPRING_DATASOURCE_URL', () => {
    it('reads a JDBC PostgreSQL URL with the credentials from their variables', () => {
      expect(
        pg('jdbc:postgresql://orders-db:5433/orders', { SPRING_DATASOURCE_PASSWORD: 's3cret' }),
      ).toEqual({
        kind: 'postgres',
        host: 'orders-db',
        port: 5433,
        database: 'orders',
        user: 'orders',
        password: 's3cret',
        ssl: 'prefer',
        poolSize: 10,
        connectTimeoutMs: 5000,
        startupRetryMs: 60_000,
      });
    });

    it.each([
      ['jdbc:postgresql://db/orders', 'postgres', 5432],
      ['postgresql://db/orders', 'postgres', 5432],
      ['postgres://db:6000/orders', 'postgres', 6000],
      ['jdbc:mysql://db/orders', 'mysql', 3306],
      ['mysql://db:3307/orders', 'mysql', 3307],
      ['jdbc:mariadb://db/orders', 'mysql', 3306],
    ])('reads %s as %s on port %i', (url, kind, port) => {
      expect(pg(url)).toMatchObject({ kind, host: 'db', port, database: 'orders' });
    });

    it('takes user and password from the URL when their variables are unset', () => {
      const cfg = loadConfig({
        SPRING_DATASOURCE_URL: 'jdbc:postgresql://[::1]:5432/orders?user=app&password=pw',
      }).persistence;
      expect(cfg).toMatchObject({ host: '::1', user: 'app', password: 'pw' });
    });

    it.each([
      ['sslmode=disable', 'disable'],
      ['sslmode=require', 'require'],
      ['sslmode=verify-full', 'verify-full'],
      ['sslMode=REQUIRED', 'require'],
      ['sslMode=VERIFY_IDENTITY', 'verify-full'],
      ['connectTimeout=3', 'prefer'],
    ])('honours %s', (query, ssl) => {
      expect(pg(`jdbc:postgresql://db/orders?${query}`)).toMatchObject({ ssl });
    });

    it('sizes the pool from SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE', () => {
      expect(
        pg('jdbc:postgresql://db/orders', { SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE: '3' }),
      ).toMatchObject({ poolSize: 3 });
    });

    it.each([
      ['jdbc:oracle:thin:@db:1521/orders'],
      ['jdbc:postgresql://db'],
      ['db:5432/orders'],
      ['jdbc:h2:mem:orders'],
    ])('rejects %s naming the variable', (url) => {
      expect(() => pg(url)).toThrow(/^Invalid configuration: SPRING_DATASOURCE_URL must look like/);
    });

    it('rejects an unknown sslmode', () => {
      expect(() => pg('jdbc:postgresql://db/orders?sslmode=sometimes')).toThrow(
        /SPRING_DATASOURCE_URL sslmode must be one of/,
      );
    });

    it('requires a user name', () => {
      expect(() => loadConfig({ SPRING_DATASOURCE_URL: 'jdbc:postgresql://db/orders' })).toThrow(
        new ConfigError(
          'Invalid configuration: SPRING_DATASOURCE_USERNAME must be set when SPRING_DATASOURCE_URL is',
        ),
      );
    });
  });

  describe('events', () => {
    it('publish to RabbitMQ when a profile is rabbitmq, with Spring defaults', () => {
      expect(loadConfig({ SPRING_PROFILES_ACTIVE: 'prod, rabbitmq' }).events).toEqual({
        kind: 'rabbitmq',
        addresses: [
          {
            protocol: 'amqp:',
            hostname: 'localhost',
            port: 5672,
            username: 'guest',
            password: 'guest',
            vhost: '/',
          },
        ],
        exchange: 'orders-exchange',
        queue: 'orders-orders-queue',
      });
    });

    it('stay in the log for other profiles (the reference would not start with only prod)', () => {
      expect(loadConfig({ SPRING_PROFILES_ACTIVE: 'prod' }).events).toEqual({ kind: 'log' });
      expect(loadConfig({ SPRING_PROFILES_ACTIVE: 'rabbitmqx' }).events).toEqual({ kind: 'log' });
    });

    it('use SPRING_RABBITMQ_HOST, _PORT, _USERNAME, _PASSWORD and _VIRTUAL_HOST', () => {
      const events = loadConfig({
        SPRING_PROFILES_ACTIVE: 'rabbitmq',
        SPRING_RABBITMQ_HOST: 'rabbitmq',
        SPRING_RABBITMQ_PORT: '5673',
        SPRING_RABBITMQ_USERNAME: 'orders',
        SPRING_RABBITMQ_PASSWORD: 'pw',
        SPRING_RABBITMQ_VIRTUAL_HOST: 'shop',
      }).events;
      expect(events).toMatchObject({
        addresses: [
          {
            protocol: 'amqp:',
            hostname: 'rabbitmq',
            port: 5673,
            username: 'orders',
            password: 'pw',
            vhost: 'shop',
          },
        ],
      });
    });

    it('prefer SPRING_RABBITMQ_ADDRESSES, in order, with credentials from the address first', () => {
      const events = loadConfig({
        SPRING_PROFILES_ACTIVE: 'rabbitmq',
        SPRING_RABBITMQ_ADDRESSES: 'amqp://rabbitmq:5672, amqps://u:p%40ss@mq2/shop,mq3:5680',
        SPRING_RABBITMQ_USERNAME: 'orders',
        SPRING_RABBITMQ_PASSWORD: 'pw',
      }).events;
      expect(events).toMatchObject({
        addresses: [
          {
            protocol: 'amqp:',
            hostname: 'rabbitmq',
            port: 5672,
            username: 'orders',
            password: 'pw',
          },
          {
            protocol: 'amqps:',
            hostname: 'mq2',
            port: 5671,
            username: 'u',
            password: 'p@ss',
            vhost: 'shop',
          },
          { protocol: 'amqp:', hostname: 'mq3', port: 5680, username: 'orders', vhost: '/' },
        ],
      });
    });

    it('rejects an address that is not AMQP, without echoing its password', () => {
      let error: unknown;
      try {
        loadConfig({
          SPRING_PROFILES_ACTIVE: 'rabbitmq',
          SPRING_RABBITMQ_ADDRESSES: 'http://user:secret@mq:5672',
        });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect(String(error)).toContain('SPRING_RABBITMQ_ADDRESSES');
      expect(String(error)).not.toContain('secret');
    });

    it('take the exchange and queue names from ORDERS_RABBITMQ_EXCHANGE and _QUEUE', () => {
      expect(
        loadConfig({
          SPRING_PROFILES_ACTIVE: 'rabbitmq',
          ORDERS_RABBITMQ_EXCHANGE: 'x-test',
          ORDERS_RABBITMQ_QUEUE: 'q-test',
        }).events,
      ).toMatchObject({ exchange: 'x-test', queue: 'q-test' });
    });
  });

  it('names every bad variable in one error', () => {
    expect(() => loadConfig({ PORT: 'abc', SPRING_RABBITMQ_PORT: '0', LOG_LEVEL: 'loud' })).toThrow(
      /^Invalid configuration: PORT .*; SPRING_RABBITMQ_PORT .*; LOG_LEVEL /,
    );
  });
});
