import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp } from '@retail/testing';
import type { Cache } from 'cache-manager';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/catalog.config';
import { ProductsRepository } from '../src/products/persistence/products.repository';

type Env = Record<string, string>;

const GENTLEMAN = '510a0d7e-8e83-4193-b483-e27e09ddc34d';
const POCKET_WATCH = '6d62d909-f957-430e-8689-b5129c0bb75e';
const CHRONO = '808a2de1-1aaa-4c25-a9b9-6612e8f29a38';

/**
 * The whole HTTP contract of the catalog, run against each store: in memory (e2e) and on MariaDB
 * (int). `env` gives the store's variables; the seed data is the same for both.
 */
export function describeCatalogApi(store: string, env: () => Env): void {
  describe(`catalog API (${store})`, () => {
    let app: NestFastifyApplication;
    const http = () => request(app.getHttpServer());

    beforeAll(async () => {
      app = await createTestApp(AppModule.forRoot(loadConfig({ LOG_LEVEL: 'silent', ...env() })));
    });
    afterAll(() => app.close());

    describe('GET /catalogue', () => {
      it('lists the six seed products by id with every field of the contract, in order', async () => {
        const res = await http().get('/catalogue').expect(200);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.body).toHaveLength(6);
        expect(res.body[0].id).toBe(GENTLEMAN);
        expect(Object.keys(res.body[2])).toEqual([
          'id',
          'name',
          'description',
          'imageUrl',
          'price',
          'count',
          'tag',
        ]);
        expect(res.body[2]).toMatchObject({
          id: CHRONO,
          name: 'Chronograf Classic',
          imageUrl: '/assets/chrono_classic.jpg',
          price: 5100,
          count: 9,
          tag: ['dress', 'luxury'],
        });
      });

      it('pages with page and size, 1-based', async () => {
        const page1 = await http().get('/catalogue?page=1&size=3').expect(200);
        const page2 = await http().get('/catalogue?page=2&size=3').expect(200);
        const page3 = await http().get('/catalogue?page=3&size=3').expect(200);
        expect(page1.body.map((p: { id: string }) => p.id)[0]).toBe(GENTLEMAN);
        expect(page1.body).toHaveLength(3);
        expect(page2.body).toHaveLength(3);
        expect(page3.body).toEqual([]);
        expect(new Set([...page1.body, ...page2.body].map((p: { id: string }) => p.id)).size).toBe(
          6,
        );
      });

      it('answers [] for page 0, size 0 and a page past the end', async () => {
        for (const q of ['page=0', 'size=0', 'page=5&size=2']) {
          expect((await http().get(`/catalogue?${q}`).expect(200)).body).toEqual([]);
        }
      });

      it('filters by any of the comma-separated tags and lists all tags of each match', async () => {
        const dress = await http().get('/catalogue?tags=dress&size=9').expect(200);
        expect(dress.body).toHaveLength(5);
        const luxury = await http().get('/catalogue?tags=luxury').expect(200);
        expect(luxury.body).toEqual([
          expect.objectContaining({ id: CHRONO, tag: ['dress', 'luxury'] }),
        ]);
        const either = await http().get('/catalogue?tags=luxury,casual').expect(200);
        expect(either.body.map((p: { name: string }) => p.name)).toEqual([
          'Chronograf Classic',
          'Wood Watch',
        ]);
      });

      it('answers [] (not null) when nothing matches, injection strings included', async () => {
        for (const tags of ['nothing', "' OR 1=1 --", 'dress;DROP TABLE product']) {
          const res = await http().get('/catalogue').query({ tags }).expect(200);
          expect(res.body).toEqual([]);
        }
      });

      it.each([
        [
          'price_asc',
          [
            'Wood Watch',
            'FitnessX',
            'Pocket Watch',
            'Smart 3.0',
            'Gentleman',
            'Chronograf Classic',
          ],
        ],
        [
          'price_desc',
          [
            'Chronograf Classic',
            'Gentleman',
            'Smart 3.0',
            'Pocket Watch',
            'FitnessX',
            'Wood Watch',
          ],
        ],
        [
          'name_asc',
          [
            'Chronograf Classic',
            'FitnessX',
            'Gentleman',
            'Pocket Watch',
            'Smart 3.0',
            'Wood Watch',
          ],
        ],
        [
          'name_desc',
          [
            'Wood Watch',
            'Smart 3.0',
            'Pocket Watch',
            'Gentleman',
            'FitnessX',
            'Chronograf Classic',
          ],
        ],
      ])('orders by %s', async (order, names) => {
        const res = await http().get(`/catalogue?order=${order}`).expect(200);
        expect(res.body.map((p: { name: string }) => p.name)).toEqual(names);
      });

      it('orders by id for an empty or unknown order', async () => {
        for (const order of ['', 'price', 'random']) {
          const res = await http().get('/catalogue').query({ order }).expect(200);
          expect(res.body[0].id).toBe(GENTLEMAN);
          expect(res.body[1].id).toBe(POCKET_WATCH);
        }
      });

      it.each([
        ['page=abc', 'page'],
        ['size=1.5', 'size'],
        ['page=-1', 'page'],
        ['size=-3', 'size'],
        ['page=', 'page'],
        ['size=99999999999999999999', 'size'],
      ])('rejects %s with 400 and a {code,message} body naming the field', async (query, field) => {
        const res = await http().get(`/catalogue?${query}`).expect(400);
        expect(res.body).toEqual({ code: 400, message: expect.stringContaining(field) });
      });
    });

    describe('GET /catalogue/size', () => {
      it.each([
        ['', 6],
        ['?tags=smart', 2],
        ['?tags=dress', 5],
        ['?tags=luxury', 1],
        ['?tags=casual', 1],
        ['?tags=smart,casual', 3],
        ['?tags=unknown', 0],
      ])('counts %s as %i', async (query, size) => {
        expect((await http().get(`/catalogue/size${query}`).expect(200)).body).toEqual({ size });
      });
    });

    it('GET /catalogue/tags lists the four tags in seed order', async () => {
      const res = await http().get('/catalogue/tags').expect(200);
      expect(res.body).toEqual([
        { name: 'smart', displayName: 'Smart' },
        { name: 'dress', displayName: 'Dress' },
        { name: 'luxury', displayName: 'Luxury' },
        { name: 'casual', displayName: 'Casual' },
      ]);
    });

    describe('GET /catalogue/product/:id', () => {
      it('returns one product', async () => {
        const res = await http().get(`/catalogue/product/${POCKET_WATCH}`).expect(200);
        expect(res.body).toMatchObject({
          id: POCKET_WATCH,
          name: 'Pocket Watch',
          price: 385,
          tag: ['dress'],
        });
      });

      it('answers 404 {code,message} for an unknown id', async () => {
        const res = await http().get('/catalogue/product/missing').expect(404);
        expect(res.body).toEqual({ code: 404, message: 'not found' });
      });
    });

    it('accepts a trailing slash like the reference', async () => {
      expect((await http().get('/catalogue/tags/').expect(200)).body).toHaveLength(4);
    });

    it('answers unknown paths 404 in the catalog error shape', async () => {
      const res = await http().get('/nowhere').expect(404);
      expect(res.body).toEqual({ code: 404, message: expect.any(String) });
    });

    describe('operations', () => {
      it('GET /health answers text OK', async () => {
        const res = await http().get('/health').expect(200);
        expect(res.text).toBe('OK');
        expect(res.headers['content-type']).toMatch(/^text\/plain/);
      });

      it('GET /health/ready is 200 while the store answers', async () => {
        expect((await http().get('/health/ready').expect(200)).body.status).toBe('ok');
      });

      it('GET /metrics has process metrics and the request histogram by route template', async () => {
        await http().get(`/catalogue/product/${CHRONO}`).expect(200);
        const res = await http().get('/metrics').expect(200);
        expect(res.text).toContain('process_cpu_user_seconds_total');
        expect(res.text).toMatch(
          /http_request_duration_seconds_count\{method="GET",route="\/catalogue\/product\/:id",status="200"\} [1-9]/,
        );
      });

      it('serves the OpenAPI document and the browsable UI', async () => {
        const doc = await http().get('/swagger/doc.json').expect(200);
        expect(Object.keys(doc.body.paths)).toEqual(
          expect.arrayContaining([
            '/catalogue',
            '/catalogue/size',
            '/catalogue/tags',
            '/catalogue/product/{id}',
          ]),
        );
        const ui = await http().get('/swagger/index.html').expect(200);
        expect(ui.text).toContain('swagger-ui');
      });
    });
  });
}

/**
 * The read cache (CACHE_TTL_SECONDS) on a store: repeats are answered without reaching the store
 * and without validation, errors are never stored, and 0 turns it off.
 */
export function describeReadCache(store: string, env: () => Env): void {
  describe(`read cache (${store})`, () => {
    const start = (ttl: string) =>
      createTestApp(
        AppModule.forRoot(loadConfig({ LOG_LEVEL: 'silent', ...env(), CACHE_TTL_SECONDS: ttl })),
      );
    const storeCalls = (app: NestFastifyApplication) => {
      const repository = app.get(ProductsRepository);
      return ['find', 'count', 'findById', 'tags'].map((m) =>
        jest.spyOn(repository, m as keyof ProductsRepository),
      );
    };
    const READS = [
      '/catalogue?tags=dress&page=1&size=3',
      '/catalogue/size?tags=smart',
      '/catalogue/tags',
      `/catalogue/product/${CHRONO}`,
    ];

    it('answers a repeated read from memory, with the same body, without asking the store', async () => {
      const app = await start('60');
      try {
        const calls = storeCalls(app);
        for (const url of READS) {
          const first = await request(app.getHttpServer()).get(url).expect(200);
          const again = await request(app.getHttpServer()).get(url).expect(200);
          expect(again.body).toEqual(first.body);
          expect(again.headers['content-type']).toBe(first.headers['content-type']);
        }
        expect(calls.reduce((n, spy) => n + spy.mock.calls.length, 0)).toBe(READS.length);
      } finally {
        await app.close();
      }
    });

    it('never stores a 400 or a 404: each repeat is checked again', async () => {
      const app = await start('60');
      try {
        const cache = app.get<Cache>(CACHE_MANAGER);
        for (const [url, status] of [
          ['/catalogue?page=-1', 400],
          ['/catalogue?size=abc', 400],
          ['/catalogue/product/missing', 404],
        ] as const) {
          const first = await request(app.getHttpServer()).get(url).expect(status);
          const again = await request(app.getHttpServer()).get(url).expect(status);
          expect(again.body).toEqual(first.body);
          expect(await cache.get(url)).toBeUndefined();
        }
        // A valid query after them is stored under its own URL only.
        await request(app.getHttpServer()).get('/catalogue?page=1').expect(200);
        expect(await cache.get('/catalogue?page=1')).toHaveLength(6);
        expect(await cache.get('/catalogue?page=-1')).toBeUndefined();
      } finally {
        await app.close();
      }
    });

    it('leaves the health and metrics routes alone', async () => {
      const app = await start('60');
      try {
        const scrape = () => request(app.getHttpServer()).get('/metrics').expect(200);
        await request(app.getHttpServer()).get('/catalogue/tags').expect(200);
        const first = await scrape();
        await request(app.getHttpServer()).get('/catalogue/tags').expect(200);
        const again = await scrape();
        expect(again.text).not.toEqual(first.text);
        expect(again.headers['x-cache']).toBeUndefined();
        await request(app.getHttpServer()).get('/health/ready').expect(200);
        expect(await app.get<Cache>(CACHE_MANAGER).get('/health/ready')).toBeUndefined();
      } finally {
        await app.close();
      }
    });

    it('asks the store every time with CACHE_TTL_SECONDS=0', async () => {
      const app = await start('0');
      try {
        const calls = storeCalls(app);
        for (const url of READS) {
          await request(app.getHttpServer()).get(url).expect(200);
          await request(app.getHttpServer()).get(url).expect(200);
        }
        expect(calls.reduce((n, spy) => n + spy.mock.calls.length, 0)).toBe(2 * READS.length);
        expect(await app.get<Cache>(CACHE_MANAGER).get(READS[0])).toBeUndefined();
      } finally {
        await app.close();
      }
    });
  });
}
