import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  bashArray,
  jsonFiles,
  readJson,
  serviceConnect,
  SERVICES,
  serviceOfTemplate,
  taskDefinition,
  type JsonRecord,
} from './support/files';
import { ECS_DIR, REPO_ROOT } from './support/tools';

const TEMPLATES = jsonFiles('task-definitions');
const container = (definition: JsonRecord): JsonRecord =>
  (definition.containerDefinitions as JsonRecord[])[0];
const environment = (template: string): Record<string, string> =>
  Object.fromEntries(
    (
      (container(taskDefinition(template)).environment ?? []) as { name: string; value: string }[]
    ).map((e) => [e.name, e.value]),
  );
const secrets = (template: string): Record<string, string> =>
  Object.fromEntries(
    (
      (container(taskDefinition(template)).secrets ?? []) as { name: string; valueFrom: string }[]
    ).map((s) => [s.name, s.valueFrom]),
  );
const ssmParameter = (name: string): string =>
  `arn:aws:ssm:\${AWS_REGION}:\${ACCOUNT_ID}:parameter/retail-store-ecs/${name}`;

describe('task definition templates', () => {
  it('are the six services plus the three extra UI variants', () => {
    expect(TEMPLATES).toEqual([
      'assets',
      'carts',
      'catalog',
      'checkout',
      'orders',
      'ui',
      'ui-banner',
      'ui-endpoints',
      'ui-full',
    ]);
    expect(bashArray('render-task-definitions.sh', 'ALL_TEMPLATES').sort()).toEqual(
      [...TEMPLATES, 'ui-scaling-policy'].sort(),
    );
  });

  describe.each(TEMPLATES)('%s', (template) => {
    const service = serviceOfTemplate(template);
    const expected = SERVICES[service];
    const definition = taskDefinition(template);

    it('has the shape every workshop task definition shares', () => {
      expect(definition).toMatchObject({
        family: `retail-store-ecs-${service}`,
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '1024',
        memory: '2048',
        runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
      });
      expect(definition.containerDefinitions).toHaveLength(1);
      expect(container(definition)).toMatchObject({
        name: 'application',
        essential: true,
        portMappings: [
          {
            name: 'application',
            containerPort: 8080,
            hostPort: 8080,
            protocol: 'tcp',
            appProtocol: 'http',
          },
        ],
      });
    });

    it(`checks health with curl -f on ${expected.health}`, () => {
      expect(container(definition).healthCheck).toEqual({
        command: ['CMD-SHELL', `curl -f http://localhost:8080${expected.health} || exit 1`],
        interval: 10,
        timeout: 5,
        retries: 3,
        startPeriod: 60,
      });
    });

    it(`logs to retail-store-ecs-tasks with prefix ${service}-service`, () => {
      expect(container(definition).logConfiguration).toEqual({
        logDriver: 'awslogs',
        options: {
          'awslogs-group': 'retail-store-ecs-tasks',
          'awslogs-region': '${AWS_REGION}',
          'awslogs-stream-prefix': `${service}-service`,
        },
      });
    });

    it(`runs retail-store-sample-${expected.image} from the rendered registry and tag`, () => {
      expect(container(definition).image).toBe(
        `\${IMAGE_REGISTRY}/retail-store-sample-${expected.image}:\${IMAGE_TAG}`,
      );
    });

    it('uses the roles of the workshop', () => {
      expect(definition.executionRoleArn).toBe(
        `arn:aws:iam::\${ACCOUNT_ID}:role/${expected.executionRole}`,
      );
      expect(definition.taskRoleArn).toBe(
        expected.taskRole && `arn:aws:iam::\${ACCOUNT_ID}:role/${expected.taskRole}`,
      );
    });

    it('keeps an init process exactly where a task role allows ECS Exec', () => {
      // ECS Exec needs the task role's ssmmessages permissions; the init process reaps its children.
      const init = (container(definition).linuxParameters as JsonRecord | undefined)
        ?.initProcessEnabled;
      expect(init).toBe(expected.taskRole === undefined ? undefined : true);
    });

    it('keeps the root filesystem writable and the user of the image (ECS Exec needs both)', () => {
      expect(container(definition)).not.toHaveProperty('readonlyRootFilesystem');
      expect(container(definition)).not.toHaveProperty('user');
    });
  });

  it('gives the assets container cpu 0, as the workshop does', () => {
    expect(container(taskDefinition('assets')).cpu).toBe(0);
  });

  it('uses only the placeholders the render script knows', () => {
    const known = bashArray('render-task-definitions.sh', 'PLACEHOLDERS');
    const files = [
      ...TEMPLATES.map((t) => path.join(ECS_DIR, 'task-definitions', `${t}.json`)),
      path.join(ECS_DIR, 'autoscaling', 'ui-scaling-policy.json'),
    ];
    const used = new Set(
      files.flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]),
      ),
    );
    expect([...used].filter((name) => !known.includes(name))).toEqual([]);
    expect([...used].sort()).toEqual([...known].sort());
  });
});

describe('the UI variants', () => {
  it('plain: no environment, so every backend is the in-process mock', () => {
    expect(container(taskDefinition('ui'))).not.toHaveProperty('environment');
    expect(container(taskDefinition('ui'))).not.toHaveProperty('secrets');
  });

  it("banner: RETAIL_UI_BANNER with the workshop's text, apostrophe included", () => {
    expect(environment('ui-banner')).toEqual({ RETAIL_UI_BANNER: "We've updated the UI service!" });
  });

  it('endpoints: catalog and assets through Service Connect, no banner', () => {
    expect(environment('ui-endpoints')).toEqual({
      ENDPOINTS_CATALOG: 'http://catalog',
      ENDPOINTS_ASSETS: 'http://assets',
    });
  });

  it('full: every backend through Service Connect', () => {
    expect(environment('ui-full')).toEqual({
      ENDPOINTS_CATALOG: 'http://catalog',
      ENDPOINTS_CARTS: 'http://carts',
      ENDPOINTS_CHECKOUT: 'http://checkout',
      ENDPOINTS_ORDERS: 'http://orders',
      ENDPOINTS_ASSETS: 'http://assets',
    });
  });

  it('calls only names some Service Connect file publishes, on the alias port 80', () => {
    const published = jsonFiles('service-connect').map((service) => {
      const alias = (serviceConnect(service).services as JsonRecord[])[0]
        .clientAliases as JsonRecord[];
      return `http://${String(alias[0].dnsName)}`;
    });
    const called = TEMPLATES.flatMap((t) =>
      Object.entries(environment(t))
        .filter(([name]) => name.startsWith('ENDPOINTS_'))
        .map(([, url]) => url),
    );
    expect(called.length).toBeGreaterThan(0);
    expect(called.filter((url) => !published.includes(url))).toEqual([]);
  });
});

describe('backends', () => {
  it('catalog: DB_NAME=catalog, endpoint from SSM, user and password from the secret', () => {
    expect(environment('catalog')).toEqual({ DB_NAME: 'catalog' });
    expect(secrets('catalog')).toEqual({
      DB_ENDPOINT: ssmParameter('catalog/db-endpoint'),
      DB_USER: '${CATALOG_DB_SECRET_ARN}:username::',
      DB_PASSWORD: '${CATALOG_DB_SECRET_ARN}:password::',
    });
  });

  it('carts: the DynamoDB profile and table, credentials from the task role', () => {
    expect(environment('carts')).toEqual({
      SPRING_PROFILES_ACTIVE: 'dynamodb',
      CARTS_DYNAMODB_TABLENAME: 'retail-store-ecs-carts',
      AWS_REGION: '${AWS_REGION}',
    });
    expect(secrets('carts')).toEqual({});
  });

  it('checkout: Redis URL from SSM, orders through Service Connect', () => {
    expect(environment('checkout')).toEqual({ ENDPOINTS_ORDERS: 'http://orders' });
    expect(secrets('checkout')).toEqual({ REDIS_URL: ssmParameter('checkout/redis-url') });
  });

  it('orders: PostgreSQL and RabbitMQ addresses from SSM, credentials from their secrets', () => {
    expect(environment('orders')).toEqual({ SPRING_PROFILES_ACTIVE: 'rabbitmq' });
    expect(secrets('orders')).toEqual({
      SPRING_DATASOURCE_URL: ssmParameter('orders/datasource-url'),
      SPRING_DATASOURCE_USERNAME: '${ORDERS_DB_SECRET_ARN}:username::',
      SPRING_DATASOURCE_PASSWORD: '${ORDERS_DB_SECRET_ARN}:password::',
      SPRING_RABBITMQ_ADDRESSES: ssmParameter('orders/rabbitmq-addresses'),
      SPRING_RABBITMQ_USERNAME: '${ORDERS_MQ_SECRET_ARN}:username::',
      SPRING_RABBITMQ_PASSWORD: '${ORDERS_MQ_SECRET_ARN}:password::',
    });
  });
});

describe('Service Connect configurations', () => {
  it('exist for the six services', () => {
    expect(jsonFiles('service-connect')).toEqual(Object.keys(SERVICES).sort());
  });

  it.each(Object.keys(SERVICES))(
    '%s: retailstore.local, port application, discovery name and alias = service on port 80',
    (service) => {
      expect(serviceConnect(service)).toEqual({
        enabled: true,
        namespace: 'retailstore.local',
        services: [
          {
            portName: 'application',
            discoveryName: service,
            clientAliases: [{ port: 80, dnsName: service }],
          },
        ],
      });
    },
  );
});

describe('UI scaling policy', () => {
  it('tracks ALBRequestCountPerTarget at 1500 on the ALB and target group of the stack', () => {
    expect(readJson(path.join(ECS_DIR, 'autoscaling', 'ui-scaling-policy.json'))).toEqual({
      TargetValue: 1500,
      PredefinedMetricSpecification: {
        PredefinedMetricType: 'ALBRequestCountPerTarget',
        ResourceLabel: '${UI_ALB_PREFIX}/${UI_TG_PREFIX}',
      },
    });
  });
});

describe('the images the task definitions run', () => {
  it.each(Object.entries(SERVICES))(
    '%s: services/<image>/Dockerfile exists, exposes 8080, and any health check of its own uses the same path',
    (_service, { image, health }) => {
      const dockerfile = path.join(REPO_ROOT, 'services', image, 'Dockerfile');
      expect(existsSync(dockerfile)).toBe(true);
      const text = readFileSync(dockerfile, 'utf8');
      expect(text).toMatch(/^EXPOSE 8080$/m);
      // The image's own HEALTHCHECK (used by docker and compose) must agree with ECS's.
      const paths = [...text.matchAll(/http:\/\/localhost:(?:8080|\$\{PORT\})(\/[^"'\s]*)/g)].map(
        (m) => m[1],
      );
      expect(paths.filter((p) => p !== health)).toEqual([]);
    },
  );
});
