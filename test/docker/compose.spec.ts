import { existsSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { SERVICES, ServiceRow } from './support/tools';
import schema from './compose-spec.schema.json';
import {
  bytes,
  ComposeFile,
  ComposeService,
  loadCompose,
  root,
  serviceConfig,
  withDefaults,
} from './support/compose';

// The schema's own formats (Go durations like 10s, port and expose specs), as compose reads them.
function validator() {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\[?[\d.:a-fA-F]+\]?:)?(\d+(-\d+)?:)?)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', () => true);
  // The schema still names its parts with draft-04's `id` (only labels: every $ref is a JSON
  // pointer), which Ajv refuses, and its draft as http://…/2019-09/schema#, which Ajv knows
  // without the `#`; both are dropped.
  const rules = JSON.parse(
    JSON.stringify(schema, (key, value: unknown) =>
      key === 'id' && typeof value === 'string' ? undefined : value,
    ),
  ) as Partial<typeof schema>;
  delete rules.$schema;
  return ajv.compile(rules);
}

const appServices = SERVICES.map((s) => [s.compose, s] as const);

describe('docker/compose.yaml', () => {
  const compose: ComposeFile = loadCompose('docker/compose.yaml');
  const services = compose.services;

  it('follows the Compose Specification schema', () => {
    const validate = validator();
    expect(validate(compose) ? [] : validate.errors).toEqual([]);
  });

  it('is checked by a validator that does reject what the schema forbids', () => {
    const validate = validator();
    expect(validate({ services: { ui: { image: 'x', mem_limt: '1g' } } })).toBe(false);
    expect(validate({ services: { ui: { healthcheck: { interval: 'often' } } } })).toBe(false);
  });

  it('has no obsolete version key', () => {
    expect(compose).not.toHaveProperty('version');
  });

  it("runs the six services under the reference's names and the five backends", () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        ...SERVICES.map((s) => s.compose),
        'catalog-db',
        'carts-db',
        'orders-db',
        'rabbitmq',
        'checkout-redis',
      ].sort(),
    );
  });

  it('gives every container a health check', () => {
    const without = Object.entries(services)
      .filter(([, s]) => !(s.healthcheck?.test?.length ?? 0))
      .map(([name]) => name);
    expect(without).toEqual([]);
  });

  it('makes every dependency wait for a healthy container that has a health check', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [target, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect({ name, target, condition }).toEqual({ name, target, condition: 'service_healthy' });
        expect({ target, exists: target in services }).toEqual({ target, exists: true });
        expect({ target, health: services[target].healthcheck !== undefined }).toEqual({
          target,
          health: true,
        });
      }
    }
  });

  it('pins every backend image to a version', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build) continue;
      expect({ name, image: service.image }).toEqual({
        name,
        image: expect.stringMatching(/^[\w./-]+:\d[\w.-]*(-[\w.]+)?$/),
      });
    }
  });

  it('publishes only the UI, on 8888', () => {
    const published = Object.entries(services).filter(([, s]) => s.ports);
    expect(published.map(([n, s]) => [n, s.ports])).toEqual([['ui', ['8888:8080']]]);
  });

  it('reads the database password from one variable with a default', () => {
    const passwords = Object.values(services).flatMap((s) =>
      Object.entries(s.environment ?? {})
        .filter(([k]) => /PASSWORD$/.test(k) && !k.includes('RANDOM'))
        .map(([, v]) => v),
    );
    expect(passwords.length).toBeGreaterThanOrEqual(4);
    for (const value of passwords) expect(value).toMatch(/^\$\{MYSQL_PASSWORD:-[^}]+\}$/);
  });

  it("wires each service to its backend's host, database and credentials", () => {
    const env = (name: string) => services[name].environment ?? {};
    expect(env('catalog')).toMatchObject({
      DB_ENDPOINT: 'catalog-db:3306',
      DB_NAME: env('catalog-db').MARIADB_DATABASE,
      DB_USER: env('catalog-db').MARIADB_USER,
      DB_PASSWORD: env('catalog-db').MARIADB_PASSWORD,
    });
    expect(env('orders')).toMatchObject({
      SPRING_DATASOURCE_URL: `jdbc:postgresql://orders-db:5432/${env('orders-db').POSTGRES_DB}`,
      SPRING_DATASOURCE_USERNAME: env('orders-db').POSTGRES_USER,
      SPRING_DATASOURCE_PASSWORD: env('orders-db').POSTGRES_PASSWORD,
      SPRING_PROFILES_ACTIVE: 'rabbitmq',
      SPRING_RABBITMQ_HOST: 'rabbitmq',
    });
    expect(env('carts')).toMatchObject({ CARTS_DYNAMODB_ENDPOINT: 'http://carts-db:8000' });
    expect(env('checkout')).toMatchObject({ REDIS_URL: 'redis://checkout-redis:6379' });
  });

  describe.each(appServices)('%s', (name, service) => {
    let s: ComposeService;
    beforeAll(() => {
      s = services[name];
    });

    it(`is built from services/${service.name}/Dockerfile with the repository as context`, () => {
      expect(path.resolve(root, 'docker', s.build?.context ?? '')).toBe(root);
      expect(s.build?.dockerfile).toBe(`services/${service.name}/Dockerfile`);
      expect(existsSync(path.join(root, s.build?.dockerfile ?? ''))).toBe(true);
      expect(s.image).toBe(`retail-store-sample-${service.name}:\${TAG:-latest}`);
    });

    it('drops every capability and runs on a read-only root with a /tmp tmpfs', () => {
      expect(s.cap_drop).toEqual(['ALL']);
      expect(s.read_only).toBe(true);
      expect(s.tmpfs).toEqual([expect.stringMatching(/^\/tmp(:|$)/)]);
    });

    it('has memory for a Node process', () => {
      expect(bytes(s.mem_limit ?? '0')).toBeGreaterThanOrEqual(bytes('256m'));
    });

    it(`checks health with curl on ${service.health}`, () => {
      expect(s.healthcheck?.test).toEqual(
        expect.arrayContaining(['curl', `http://localhost:8080${service.health}`]),
      );
    });
  });

  describe('environment', () => {
    const configs = SERVICES.map((s) => [s.compose, s, serviceConfig(s.name)] as const);
    const missing = configs.filter(([, , c]) => !c).map(([, s]) => s.name);
    if (missing.length > 0) {
      console.warn(`no env class to check yet for: ${missing.join(', ')}`);
    }
    const checkable = configs.filter(
      (c): c is readonly [string, ServiceRow, NonNullable<(typeof c)[2]>] => c[2] !== undefined,
    );

    it('has at least one service whose env class can be read', () => {
      expect(checkable.length).toBeGreaterThan(0);
    });

    it.each(checkable)('of %s names only variables its config reads', (name, _s, config) => {
      const unknown = Object.keys(services[name].environment ?? {}).filter(
        (v) => !config.variables.has(v),
      );
      expect({ config: config.file, unknown }).toEqual({ config: config.file, unknown: [] });
    });

    it.each(checkable)('of %s is accepted by its loadConfig()', (name, _s, config) => {
      const env = Object.fromEntries(
        Object.entries(services[name].environment ?? {}).map(([k, v]) => [k, withDefaults(v)]),
      );
      // The folder the image runs in holds public/ (assets reads its files from there).
      expect(() => config.loadConfig(env, path.join(root, 'services', _s.name))).not.toThrow();
    });

    it('points the UI and checkout at the other services by their compose names', () => {
      for (const { compose: caller } of SERVICES) {
        for (const [key, value] of Object.entries(services[caller].environment ?? {})) {
          if (!key.startsWith('ENDPOINTS_')) continue;
          const callee = SERVICES.find((s) => s.endpointVar === key);
          expect({ key, value }).toEqual({ key, value: `http://${callee?.compose}:8080` });
          expect(services[caller].depends_on).toHaveProperty(callee?.compose ?? '?');
        }
      }
      expect(Object.keys(services.ui.environment ?? {}).sort()).toEqual(
        SERVICES.filter((s) => s.endpointVar)
          .map((s) => s.endpointVar)
          .sort(),
      );
    });
  });
});

describe('docker/compose.ports.yaml', () => {
  const base = loadCompose('docker/compose.yaml');
  const override = loadCompose('docker/compose.ports.yaml');

  it('follows the Compose Specification schema', () => {
    const validate = validator();
    expect(validate(override) ? [] : validate.errors).toEqual([]);
  });

  it('publishes each API on its npm start port, on 127.0.0.1 only', () => {
    for (const [name, service] of Object.entries(override.services)) {
      expect(base.services).toHaveProperty(name);
      const port = SERVICES.find((s) => s.compose === name)?.port;
      expect({ name, ports: service.ports }).toEqual({ name, ports: [`127.0.0.1:${port}:8080`] });
    }
    expect(Object.keys(override.services).sort()).toEqual(
      SERVICES.filter((s) => s.compose !== 'ui')
        .map((s) => s.compose)
        .sort(),
    );
  });
});
