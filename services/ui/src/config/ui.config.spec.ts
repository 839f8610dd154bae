import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@retail/service-kit';
import { getMetadataStorage } from 'class-validator';
import { loadConfig, UiEnv } from './ui.config';

describe(loadConfig.name, () => {
  it('runs on 8080 with every backend mocked when nothing is set', () => {
    const cfg = loadConfig({});
    expect(cfg.port).toBe(8080);
    expect(cfg.endpoints).toEqual({
      catalog: undefined,
      carts: undefined,
      checkout: undefined,
      assets: undefined,
      orders: undefined,
    });
    expect(cfg).toMatchObject({ keepAlive: true, logBackendCalls: false, banner: '' });
    expect(cfg.tracing.enabled).toBe(false);
  });

  it('treats empty and false (any case) as "use the mock" and strips a trailing slash', () => {
    const cfg = loadConfig({
      ENDPOINTS_CATALOG: '',
      ENDPOINTS_CARTS: 'FALSE',
      ENDPOINTS_CHECKOUT: 'http://checkout:8080/',
      ENDPOINTS_ASSETS: 'https://assets.example.com/base',
      ENDPOINTS_ORDERS: 'http://orders',
    });
    expect(cfg.endpoints).toEqual({
      catalog: undefined,
      carts: undefined,
      checkout: 'http://checkout:8080',
      assets: 'https://assets.example.com/base',
      orders: 'http://orders',
    });
  });

  it('reads the banner, keep-alive, logging, timeout and the prod profile', () => {
    const cfg = loadConfig({
      RETAIL_UI_BANNER: 'Hello <world>',
      ENDPOINTS_HTTP_KEEPALIVE: 'false',
      ENDPOINTS_LOGGING: 'true',
      ENDPOINTS_TIMEOUT_MS: '1500',
      SPRING_PROFILES_ACTIVE: 'dynamodb, prod',
    });
    expect(cfg).toMatchObject({
      banner: 'Hello <world>',
      keepAlive: false,
      logBackendCalls: true,
      backendTimeoutMs: 1500,
      staticMaxAgeSeconds: 365 * 24 * 3600,
    });
  });

  it('stops with one error naming every bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ ENDPOINTS_CATALOG: 'catalog:8080', PORT: 'x', ENDPOINTS_TIMEOUT_MS: '5' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toMatch(/ENDPOINTS_CATALOG must be an http\(s\) base URL/);
    expect(String(error)).toMatch(/PORT/);
    expect(String(error)).toMatch(/ENDPOINTS_TIMEOUT_MS/);
  });

  it('is documented: the README env table lists exactly the variables UiEnv reads', () => {
    const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const section = readme.split(/^## /m).find((s) => s.startsWith('Environment')) ?? '';
    const documented = [...section.matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]).sort();
    const read = [
      ...new Set(
        getMetadataStorage()
          .getTargetValidationMetadatas(UiEnv, '', false, false)
          .map((m) => m.propertyName),
      ),
    ].sort();
    expect(documented).toEqual(read);
  });
});
