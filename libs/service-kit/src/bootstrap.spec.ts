import { Writable } from 'node:stream';
import { BadRequestException, Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import request from 'supertest';
import { createApp } from './bootstrap';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DependencyIndicator, pingIndicator } from './health/dependency-indicator';
import { DomainError } from './http/errors';
import { ServiceKitModule } from './service-kit.module';
import { ServiceDefinition } from './service-definition';

class GoneError extends DomainError {
  readonly code = 'TEST.GONE';
}

class Line {
  @IsString() itemId!: string;
  @IsInt() @Min(1) quantity!: number;
}

class Order {
  @IsString() name!: string;
  @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
}

let database: 'up' | 'down' | 'hung' = 'up';

class DatabaseIndicator extends DependencyIndicator {
  readonly indicators;

  constructor(health: HealthIndicatorService) {
    super();
    this.indicators = {
      database: pingIndicator(health, 'database', () =>
        database === 'up'
          ? Promise.resolve()
          : database === 'down'
            ? Promise.reject(new Error('connect ECONNREFUSED'))
            : new Promise(() => undefined),
      ),
    };
  }
}

@Controller()
class FixtureController {
  @Get('gone') gone(): never {
    throw new GoneError('it left');
  }
  @Get('bad') bad(): never {
    throw new BadRequestException('nope');
  }
  @Get('boom') boom(): never {
    throw new Error('secret internals at /srv/app.ts:42');
  }
  @Post('orders') create(@Body() order: Order): Order {
    return order;
  }
  @Get('items/:id') item(@Query('q') q?: string) {
    return { q };
  }
  @Get('health') health() {
    return 'OK';
  }
}

const logLines: Array<Record<string, unknown>> = [];
const destination = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean))
      logLines.push(JSON.parse(line));
    done();
  },
});

const definition: ServiceDefinition = {
  name: 'fixture',
  health: { style: 'terminus', livenessPath: '/health' },
  logDestination: destination,
  errors: {
    statusByCode: { 'TEST.GONE': 410 },
    render: ({ status, error, message, path }) => ({ status, error, message, path }),
  },
  openApi: {
    title: 'Fixture <API>',
    description: 'for tests',
    uiPath: 'docs',
    jsonPath: 'docs/api.json',
  },
};

@Module({
  controllers: [FixtureController],
  providers: [
    {
      provide: DatabaseIndicator,
      inject: [HealthIndicatorService],
      useFactory: (h: HealthIndicatorService) => new DatabaseIndicator(h),
    },
  ],
})
class FixtureModule {}

describe('a service built with the kit', () => {
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createApp({
      module: FixtureModule,
      imports: [ServiceKitModule.forRoot(definition)],
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  describe('errors', () => {
    it('maps a DomainError code to its status in the service body shape', async () => {
      const res = await http().get('/gone?x=1').expect(410);
      expect(res.body).toEqual({ status: 410, error: 'Gone', message: 'it left', path: '/gone' });
    });

    it('keeps an HttpException status', async () => {
      expect((await http().get('/bad').expect(400)).body).toMatchObject({
        status: 400,
        message: 'nope',
      });
    });

    it('answers anything else 500 with an errorId and no internals', async () => {
      const res = await http().get('/boom').expect(500);
      expect(res.body.message).toMatch(/^Internal error \(errorId [0-9a-f-]{36}\)$/);
      expect(JSON.stringify(res.body)).not.toContain('/srv/app.ts');
      const logged = logLines.find((l) => l.msg === 'unhandled error');
      expect(JSON.stringify(logged)).toContain('/srv/app.ts');
    });

    it('answers unknown routes 404 and broken JSON 400 in the same shape', async () => {
      expect((await http().get('/nowhere').expect(404)).body).toMatchObject({
        status: 404,
        error: 'Not Found',
      });
      const res = await http()
        .post('/orders')
        .set('content-type', 'application/json')
        .send('{"name":')
        .expect(400);
      expect(res.body).toMatchObject({ status: 400, error: 'Bad Request', path: '/orders' });
    });
  });

  describe('validation', () => {
    it('names each bad field once, nested fields dotted', async () => {
      const res = await http()
        .post('/orders')
        .send({ name: 7, lines: [{ itemId: 'a', quantity: 0 }, { quantity: 'x' }] })
        .expect(400);
      expect(res.body.message.split('; ')).toEqual([
        'name must be a string',
        'lines.0.quantity must not be less than 1',
        'lines.1.itemId must be a string',
        'lines.1.quantity must be an integer number',
      ]);
    });

    it('drops fields the DTO does not declare', async () => {
      const res = await http()
        .post('/orders')
        .send({ name: 'n', lines: [], admin: true })
        .expect(201);
      expect(res.body).toEqual({ name: 'n', lines: [] });
    });
  });

  describe('logs and metrics', () => {
    it('logs one JSON line per request with method, path, status, duration and request id', async () => {
      await http().get('/items/42?q=a').set('x-request-id', 'req-abc').expect(200);
      expect(logLines.filter((l) => l.msg === 'request').at(-1)).toMatchObject({
        level: 'info',
        service: 'fixture',
        reqId: 'req-abc',
        method: 'GET',
        path: '/items/42?q=a',
        status: 200,
        durationMs: expect.any(Number),
      });
    });

    it('does not log health probes', async () => {
      const before = logLines.length;
      await http().get('/health').expect(200);
      expect(logLines.slice(before).filter((l) => l.msg === 'request')).toEqual([]);
    });

    it('serves Prometheus text with process metrics and the histogram by route template', async () => {
      await http().get('/items/1').expect(200);
      await http().get('/items/2').expect(200);
      await http().get('/no/such/thing').expect(404);
      const res = await http().get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toContain('nodejs_eventloop_lag_seconds');
      expect(res.text).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="\/items\/:id",status="200"\} [3-9]/,
      );
      expect(res.text).toContain('route="unmatched",status="404"');
      expect(res.text).not.toContain('/items/1"');
    });
  });

  describe('readiness', () => {
    afterEach(() => (database = 'up'));

    it("reports each dependency a DependencyIndicator provides, up, in terminus's report", async () => {
      const res = await http().get('/health/ready').expect(200);
      expect(res.body).toEqual({
        status: 'ok',
        info: { database: { status: 'up' } },
        error: {},
        details: { database: { status: 'up' } },
      });
    });

    it('answers 503 naming a dependency that fails, and why', async () => {
      database = 'down';
      const res = await http().get('/health/ready').expect(503);
      expect(res.body).toEqual({
        status: 'error',
        info: {},
        error: { database: { status: 'down', message: 'connect ECONNREFUSED' } },
        details: { database: { status: 'down', message: 'connect ECONNREFUSED' } },
      });
    });

    it('reads a dependency that does not answer in time as down', async () => {
      database = 'hung';
      const started = Date.now();
      const res = await http().get('/health/ready').expect(503);
      expect(res.body.error.database.message).toBe('no answer within 2000 ms');
      expect(Date.now() - started).toBeLessThan(3000);
    });
  });
  describe('OpenAPI', () => {
    it('serves the document with every route, built once', async () => {
      const res = await http().get('/docs/api.json').expect(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.body.info).toMatchObject({ title: 'Fixture <API>', description: 'for tests' });
      expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/orders', '/gone']));
      // built once: a second request answers the same document
      expect((await http().get('/docs/api.json').expect(200)).body).toEqual(res.body);
    });

    it("serves @nestjs/swagger's UI page, whose scripts and styles load, with the document", async () => {
      for (const page of ['/docs', '/docs/index.html']) {
        const res = await http().get(page).expect(200);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.text).toContain('<title>Fixture <API></title>');
      }
      const html = (await http().get('/docs').expect(200)).text;
      const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(assets).toEqual(
        expect.arrayContaining(['./docs/swagger-ui.css', './docs/swagger-ui-bundle.js']),
      );
      for (const asset of assets.filter((a) => a.startsWith('./'))) {
        await http().get(asset.slice(1)).expect(200);
      }
      const bundle = await http().get('/docs/swagger-ui-bundle.js').expect(200);
      expect(bundle.text).toContain('SwaggerUIBundle');
      const init = await http().get('/docs/swagger-ui-init.js').expect(200);
      expect(init.text).toContain('"title": "Fixture <API>"');
    });
  });
});

describe('createApp', () => {
  it('takes the body limit from the definition the module imports the kit with', async () => {
    const app = await createApp({
      module: FixtureModule,
      imports: [ServiceKitModule.forRoot({ ...definition, bodyLimit: 64 })],
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    try {
      const order = { name: 'x'.repeat(100), lines: [] };
      await request(app.getHttpServer()).post('/orders').send(order).expect(413);
    } finally {
      await app.close();
    }
  });

  it('refuses a module that does not import the kit with a definition', async () => {
    await expect(createApp({ module: FixtureModule })).rejects.toThrow(
      'FixtureModule does not import ServiceKitModule.forRoot(definition)',
    );
  });
});
