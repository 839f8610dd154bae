import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@retail/service-kit';
import { getMetadataStorage } from 'class-validator';
import { CartEnv, loadConfig } from './cart.config';

describe('loadConfig', () => {
  it('runs in memory on port 8080 with no environment', () => {
    const cfg = loadConfig({});
    expect(cfg.port).toBe(8080);
    expect(cfg.persistence).toEqual({ kind: 'in-memory' });
    expect(cfg.tracing.enabled).toBe(false);
  });

  it('takes PORT, and SERVER_PORT over it as Spring does', () => {
    expect(loadConfig({ PORT: '8082' }).port).toBe(8082);
    expect(loadConfig({ PORT: '8082', SERVER_PORT: '9000' }).port).toBe(9000);
  });

  it.each([
    [{ SPRING_PROFILES_ACTIVE: 'dynamodb' }],
    [{ SPRING_PROFILES_ACTIVE: 'prod, dynamodb ,chaos-monkey' }],
    [{ CARTS_DYNAMODB_TABLENAME: 'Items' }],
    [{ CARTS_DYNAMODB_ENDPOINT: 'http://carts-db:8000' }],
    [{ CARTS_DYNAMODB_CREATETABLE: 'false' }],
  ])('selects DynamoDB with %p', (env) => {
    expect(loadConfig(env).persistence.kind).toBe('dynamodb');
  });

  it('keeps other profiles in memory', () => {
    expect(loadConfig({ SPRING_PROFILES_ACTIVE: 'prod,chaos-latency' }).persistence.kind).toBe(
      'in-memory',
    );
  });

  it("uses the reference's defaults on AWS: table Items, SDK chain for region and keys", () => {
    expect(loadConfig({ SPRING_PROFILES_ACTIVE: 'dynamodb' }).persistence).toEqual({
      kind: 'dynamodb',
      tableName: 'Items',
      endpoint: undefined,
      region: undefined,
      credentials: undefined,
      createTable: false,
    });
  });

  it('targets an emulator in us-west-2 unless AWS_REGION says otherwise, with static keys', () => {
    const env = {
      SPRING_PROFILES_ACTIVE: 'dynamodb',
      CARTS_DYNAMODB_ENDPOINT: 'http://carts-db:8000',
      CARTS_DYNAMODB_CREATETABLE: 'true',
      CARTS_DYNAMODB_TABLENAME: 'dev-carts',
      AWS_ACCESS_KEY_ID: 'key',
      AWS_SECRET_ACCESS_KEY: 'secret',
    };
    expect(loadConfig(env).persistence).toEqual({
      kind: 'dynamodb',
      tableName: 'dev-carts',
      endpoint: 'http://carts-db:8000',
      region: 'us-west-2',
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret', sessionToken: undefined },
      createTable: true,
    });
    expect(loadConfig({ ...env, AWS_REGION: 'eu-west-1' }).persistence).toMatchObject({
      region: 'eu-west-1',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ SERVER_PORT: '70000' }, 'SERVER_PORT'],
    [{ SPRING_PROFILES_ACTIVE: 'mongo' }, 'SPRING_PROFILES_ACTIVE'],
    [{ CARTS_DYNAMODB_TABLENAME: 'a b' }, 'CARTS_DYNAMODB_TABLENAME'],
    [{ CARTS_DYNAMODB_ENDPOINT: 'carts-db:8000' }, 'CARTS_DYNAMODB_ENDPOINT'],
    [{ CARTS_DYNAMODB_CREATETABLE: 'maybe' }, 'CARTS_DYNAMODB_CREATETABLE'],
    [{ AWS_ACCESS_KEY_ID: 'key' }, 'AWS_SECRET_ACCESS_KEY'],
    [{ AWS_SECRET_ACCESS_KEY: 'secret' }, 'AWS_ACCESS_KEY_ID'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('rejects %p naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('lists every bad variable in one error', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT.*LOG_LEVEL/);
  });
});

describe('README', () => {
  it('documents exactly the variables CartEnv reads', () => {
    const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const section = readme.split(/^## /m).find((s) => s.startsWith('Environment')) ?? '';
    const documented = [...section.matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]).sort();
    const read = [
      ...new Set(
        getMetadataStorage()
          .getTargetValidationMetadatas(CartEnv, '', false, false)
          .map((m) => m.propertyName),
      ),
    ].sort();
    expect(documented).toEqual(read);
  });
});
