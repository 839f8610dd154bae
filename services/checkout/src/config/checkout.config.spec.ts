import { ConfigError } from '@retail/service-kit';
import { loadConfig } from './checkout.config';

describe(loadConfig.name, () => {
  it('runs in memory with mock orders when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({
      port: 8080,
      logLevel: 'info',
      persistence: { kind: 'in-memory' },
      ttlSeconds: 86_400,
      orders: { kind: 'mock' },
      shippingNamePrefix: '',
      tracing: { enabled: false },
    });
  });

  it('treats empty variables as unset, as the reference does', () => {
    const cfg = loadConfig({ REDIS_URL: '', REDIS_READER_URL: '', ENDPOINTS_ORDERS: '', PORT: '' });
    expect(cfg).toMatchObject({
      port: 8080,
      persistence: { kind: 'in-memory' },
      orders: { kind: 'mock' },
    });
  });

  it('uses Redis when REDIS_URL is set, reads from REDIS_READER_URL when that is', () => {
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379' }).persistence).toEqual({
      kind: 'redis',
      writerUrl: 'redis://cache:6379',
      readerUrl: undefined,
      commandTimeoutMs: 2000,
    });
    expect(
      loadConfig({
        REDIS_URL: 'rediss://:secret@master.abc.cache.amazonaws.com:6379',
        REDIS_READER_URL: 'rediss://replica.abc.cache.amazonaws.com:6379/0',
        REDIS_COMMAND_TIMEOUT_MS: '500',
      }).persistence,
    ).toMatchObject({
      readerUrl: 'rediss://replica.abc.cache.amazonaws.com:6379/0',
      commandTimeoutMs: 500,
    });
  });

  it('ignores REDIS_READER_URL without REDIS_URL', () => {
    expect(loadConfig({ REDIS_READER_URL: 'redis://replica:6379' }).persistence).toEqual({
      kind: 'in-memory',
    });
  });

  it('calls orders over HTTP when ENDPOINTS_ORDERS is set, with a 5 s default timeout', () => {
    expect(loadConfig({ ENDPOINTS_ORDERS: 'http://orders:8080' }).orders).toEqual({
      kind: 'http',
      baseUrl: 'http://orders:8080',
      timeoutMs: 5000,
    });
    expect(
      loadConfig({ ENDPOINTS_ORDERS: 'http://localhost:8083/', ENDPOINTS_ORDERS_TIMEOUT_MS: '250' })
        .orders,
    ).toMatchObject({
      timeoutMs: 250,
    });
  });

  it('keeps SHIPPING_NAME_PREFIX verbatim, spaces included', () => {
    expect(loadConfig({ SHIPPING_NAME_PREFIX: 'ACME ' }).shippingNamePrefix).toBe('ACME ');
  });

  it('accepts CHECKOUT_TTL_SECONDS=0 for no expiry', () => {
    expect(loadConfig({ CHECKOUT_TTL_SECONDS: '0' }).ttlSeconds).toBe(0);
  });

  it('rejects bad values with one error naming every bad variable', () => {
    const load = () =>
      loadConfig({
        PORT: 'eighty',
        REDIS_URL: 'http://cache:6379',
        ENDPOINTS_ORDERS: 'orders:8080',
        CHECKOUT_TTL_SECONDS: '-1',
        ENDPOINTS_ORDERS_TIMEOUT_MS: '0',
      });
    expect(load).toThrow(ConfigError);
    let message = '';
    try {
      load();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toHaveLength(1);
    for (const name of [
      'PORT',
      'REDIS_URL',
      'ENDPOINTS_ORDERS',
      'CHECKOUT_TTL_SECONDS',
      'ENDPOINTS_ORDERS_TIMEOUT_MS',
    ]) {
      expect(message).toContain(name);
    }
    expect(message).toContain('REDIS_URL must be a redis:// or rediss:// URL');
  });
});
