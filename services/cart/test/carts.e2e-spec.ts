import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp, documentOfBuiltService } from '@retail/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/cart.config';
import { describeCartsApi, springError } from './carts-api.suite';

const inMemoryApp = () => createTestApp(AppModule.forRoot(loadConfig({ LOG_LEVEL: 'silent' })));

describe('carts API (in memory)', () => {
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await inMemoryApp();
  });
  afterAll(() => app.close());

  describeCartsApi(() => app);

  it('answers unknown paths 404 in the Spring shape', async () => {
    const res = await http().get('/nowhere').expect(404);
    expect(res.body).toEqual(springError(404, '/nowhere'));
  });

  it('answers an unknown path 404 even for a POST with a non-JSON body', async () => {
    await http().post('/nowhere').set('Content-Type', 'text/plain').send('hello').expect(404);
  });

  it('answers a body over 1 MiB with 413 in the Spring shape', async () => {
    const res = await http()
      .post('/carts/c1/items')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ itemId: 'p1', quantity: 1, unitPrice: 1, pad: 'x'.repeat(1_100_000) }))
      .expect(413);
    expect(res.body).toEqual(springError(413, '/carts/c1/items'));
    expect((await http().get('/carts/c1').expect(200)).body.items).toEqual([]);
  });

  it('answers a malformed Content-Type on POST with 415', async () => {
    const res = await http()
      .post('/carts/c1/items')
      .set('Content-Type', 'not a media type')
      .send('{}')
      .expect(415);
    expect(res.body).toEqual(springError(415, '/carts/c1/items'));
  });

  it('ignores a non-JSON body on routes that take none', async () => {
    await http().delete('/carts/c1').set('Content-Type', 'text/plain').send('x').expect(202);
  });

  describe('operations', () => {
    it('GET /actuator/health, liveness and readiness answer {"status":"UP"}', async () => {
      for (const path of [
        '/actuator/health',
        '/actuator/health/liveness',
        '/actuator/health/readiness',
      ]) {
        const res = await http().get(path).expect(200);
        expect(res.body).toEqual({ status: 'UP' });
        expect(res.headers['content-type']).toMatch(/^application\/json/);
      }
    });

    it('GET /actuator/prometheus has process metrics and requests by route template', async () => {
      await http().get('/carts/metrics-check/items/p1').expect(404);
      const res = await http().get('/actuator/prometheus').expect(200);
      expect(res.text).toContain('process_cpu_user_seconds_total');
      expect(res.text).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="\/carts\/:customerId\/items\/:itemId",status="404"\} [1-9]/,
      );
    });

    it('serves the OpenAPI document with every route, and the browsable UI', async () => {
      const doc = await http().get('/v3/api-docs').expect(200);
      expect(Object.keys(doc.body.paths).sort()).toEqual([
        '/carts/{customerId}',
        '/carts/{customerId}/items',
        '/carts/{customerId}/items/{itemId}',
        '/carts/{customerId}/merge',
      ]);
      expect(doc.body.paths['/carts/{customerId}/merge'].get.parameters).toEqual([
        expect.objectContaining({ name: 'customerId', in: 'path', required: true }),
        expect.objectContaining({ name: 'sessionId', in: 'query', required: true }),
      ]);
      const items = doc.body.paths['/carts/{customerId}/items'];
      for (const method of ['post', 'patch']) {
        expect(items[method].requestBody.content['application/json'].schema).toEqual({
          $ref: '#/components/schemas/ItemBody',
        });
      }
      expect((await http().get('/swagger-ui/index.html').expect(200)).text).toContain('swagger-ui');
    });

    it('serves the same OpenAPI document once built: dist runs the real @nestjs/swagger', async () => {
      const fromSource = (await http().get('/v3/api-docs').expect(200)).body as unknown;
      expect(await documentOfBuiltService('cart', '/v3/api-docs')).toEqual(fromSource);
    });
  });

  describe('POST /actuator/fail (chaos switch)', () => {
    let failing: NestFastifyApplication;

    beforeAll(async () => {
      failing = await inMemoryApp();
    });
    afterAll(() => failing.close());

    it('answers OK, then health and liveness stay DOWN (503) while readiness and the API work', async () => {
      const server = () => request(failing.getHttpServer());
      // As the UI's client calls it: JSON Content-Type, no body.
      const res = await server()
        .post('/actuator/fail')
        .set('Content-Type', 'application/json')
        .expect(200);
      expect(res.text).toBe('OK');
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      for (let i = 0; i < 2; i++) {
        expect((await server().get('/actuator/health').expect(503)).body).toEqual({
          status: 'DOWN',
        });
        expect((await server().get('/actuator/health/liveness').expect(503)).body).toEqual({
          status: 'DOWN',
        });
      }
      expect((await server().get('/actuator/health/readiness').expect(200)).body).toEqual({
        status: 'UP',
      });
      await server().get('/carts/c1').expect(200);
    });
  });
});
