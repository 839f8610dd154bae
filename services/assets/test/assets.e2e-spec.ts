import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp } from '@retail/testing';
import request, { Response } from 'supertest';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/assets.config';

const APP_DIR = path.join(__dirname, '..');
const PICTURES = path.join(APP_DIR, 'public', 'assets');
// The six image names the catalog seed uses (spec/assets.md §2), and the UI's placeholder.
const PRODUCT_IMAGES = [
  'chrono_classic',
  'gentleman',
  'pocket_watch',
  'smart_1',
  'smart_2',
  'wood_watch',
];
const ALL_IMAGES = [...PRODUCT_IMAGES, 'sample_product'];
const YEAR = 'public, max-age=31536000, immutable';

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('assets API', () => {
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp(AppModule.forRoot(loadConfig({ LOG_LEVEL: 'silent' }, APP_DIR)));
  });
  afterAll(() => app.close());

  describe('GET /assets/<name>', () => {
    it.each(ALL_IMAGES)('serves %s.jpg as the JPEG file, byte for byte', async (name) => {
      const file = readFileSync(path.join(PICTURES, `${name}.jpg`));
      const res = await http().get(`/assets/${name}.jpg`).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['content-length']).toBe(String(file.length));
      expect(Buffer.compare(res.body as Buffer, file)).toBe(0);
      expect(file.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    });

    it.each(ALL_IMAGES)('serves %s.svg as SVG', async (name) => {
      const file = readFileSync(path.join(PICTURES, `${name}.svg`), 'utf8');
      const res = await http().get(`/assets/${name}.svg`).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toBe('image/svg+xml');
      expect((res.body as Buffer).toString()).toBe(file);
      expect(file).toMatch(
        /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" [^>]*viewBox="0 0 600 600"/,
      );
    });

    it('ignores a query string, as cache-busting URLs add one', async () => {
      const plain = await http().get('/assets/gentleman.jpg').expect(200);
      const busted = await http().get('/assets/gentleman.jpg?v=2').expect(200);
      expect(busted.headers.etag).toBe(plain.headers.etag);
    });

    it('sends caching headers: ETag, Last-Modified of the file, a year, immutable', async () => {
      const res = await http().get('/assets/gentleman.jpg').expect(200);
      expect(res.headers.etag).toMatch(/^(W\/)?"[^"]+"$/);
      const mtime = statSync(path.join(PICTURES, 'gentleman.jpg')).mtime;
      expect(res.headers['last-modified']).toBe(
        new Date(Math.floor(mtime.getTime() / 1000) * 1000).toUTCString(),
      );
      expect(res.headers['cache-control']).toBe(YEAR);
      expect(res.headers['accept-ranges']).toBe('bytes');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

    it('gives every file its own ETag', async () => {
      const tags = new Set<string>();
      for (const name of ALL_IMAGES) {
        tags.add((await http().head(`/assets/${name}.jpg`).expect(200)).headers.etag);
      }
      expect(tags.size).toBe(ALL_IMAGES.length);
    });

    it('answers HEAD with the headers of GET and no body', async () => {
      const get = await http().get('/assets/smart_1.jpg').expect(200);
      const head = await app.inject({ method: 'HEAD', url: '/assets/smart_1.jpg' });
      expect(head.statusCode).toBe(200);
      for (const h of [
        'content-type',
        'content-length',
        'etag',
        'last-modified',
        'cache-control',
      ]) {
        expect(head.headers[h]).toBe(get.headers[h]);
      }
      expect(head.rawPayload).toHaveLength(0);
    });

    it('answers 304 with no body to If-None-Match with the ETag, weak or strong, in a list, or *', async () => {
      const { etag } = (await http().get('/assets/wood_watch.jpg').expect(200)).headers;
      // If-None-Match compares weakly: the same tag with the other strength matches too.
      const otherStrength = etag.startsWith('W/') ? etag.slice(2) : `W/${etag}`;
      for (const inm of [etag, otherStrength, `"other", ${etag}`, '*']) {
        const res = await http()
          .get('/assets/wood_watch.jpg')
          .set('If-None-Match', inm)
          .buffer(true)
          .parse(binary)
          .expect(304);
        expect(res.headers.etag).toBe(etag);
        expect(res.headers['cache-control']).toBe(YEAR);
        expect(res.body).toEqual(Buffer.alloc(0));
      }
    });

    it('answers 200 to If-None-Match with another ETag, even if If-Modified-Since is recent', async () => {
      await http()
        .get('/assets/wood_watch.jpg')
        .set('If-None-Match', '"stale"')
        .set('If-Modified-Since', new Date().toUTCString())
        .expect(200);
    });

    it('answers 304 to If-Modified-Since at or after Last-Modified, 200 before it', async () => {
      const modified = (await http().get('/assets/smart_2.jpg').expect(200)).headers[
        'last-modified'
      ];
      await http().get('/assets/smart_2.jpg').set('If-Modified-Since', modified).expect(304);
      const earlier = new Date(Date.parse(modified) - 1000).toUTCString();
      await http().get('/assets/smart_2.jpg').set('If-Modified-Since', earlier).expect(200);
      await http().get('/assets/smart_2.jpg').set('If-Modified-Since', 'garbage').expect(200);
    });

    it('answers 304 to a conditional HEAD too', async () => {
      const { etag } = (await http().head('/assets/pocket_watch.jpg').expect(200)).headers;
      await http().head('/assets/pocket_watch.jpg').set('If-None-Match', etag).expect(304);
    });

    it('compresses SVG with br or gzip when asked, with Vary and an ETag per encoding', async () => {
      const file = readFileSync(path.join(PICTURES, 'chrono_classic.svg'));
      const br = await app.inject({
        url: '/assets/chrono_classic.svg',
        headers: { 'accept-encoding': 'gzip, deflate, br' },
      });
      expect(br.statusCode).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(String(br.headers.vary).toLowerCase()).toBe('accept-encoding');
      expect(Number(br.headers['content-length'])).toBeLessThan(file.length / 3);
      expect(brotliDecompressSync(br.rawPayload)).toEqual(file);

      const gz = await app.inject({
        url: '/assets/chrono_classic.svg',
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload)).toEqual(file);

      const plain = await app.inject({ url: '/assets/chrono_classic.svg' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(String(plain.headers.vary).toLowerCase()).toBe('accept-encoding');
      expect(plain.rawPayload).toEqual(file);
      expect(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size).toBe(3);
      expect(new Set([br, gz, plain].map((r) => r.headers['last-modified'])).size).toBe(1);
    });

    it('never compresses a JPEG', async () => {
      const res = await app.inject({
        url: '/assets/gentleman.jpg',
        headers: { 'accept-encoding': 'br, gzip' },
      });
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.rawPayload).toEqual(readFileSync(path.join(PICTURES, 'gentleman.jpg')));
    });

    it('answers a byte range with 206, and 416 past the end', async () => {
      const file = readFileSync(path.join(PICTURES, 'smart_2.jpg'));
      const res = await http()
        .get('/assets/smart_2.jpg')
        .set('Range', 'bytes=0-99')
        .buffer(true)
        .parse(binary)
        .expect(206);
      expect(res.headers['content-range']).toBe(`bytes 0-99/${file.length}`);
      expect(res.body).toEqual(file.subarray(0, 100));
      const past = await http()
        .get('/assets/smart_2.jpg')
        .set('Range', `bytes=${file.length}-`)
        .expect(416);
      expect(past.headers['content-range']).toBe(`bytes */${file.length}`);
      expect(past.text).toBe('');
    });

    it('answers 412 with the small text body when If-Match names another version', async () => {
      const res = await http().get('/assets/smart_2.jpg').set('If-Match', '"stale"').expect(412);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.text).toBe('412 Precondition Failed');
    });

    it('honours a range under If-Range only while the copy is current', async () => {
      const { etag } = (await http().head('/assets/smart_2.jpg').expect(200)).headers;
      const range = (ifRange: string) =>
        http().get('/assets/smart_2.jpg').set('Range', 'bytes=0-9').set('If-Range', ifRange);
      expect((await range(etag).expect(206)).headers['content-length']).toBe('10');
      const stale = await range('"stale"').expect(200);
      expect(stale.headers['content-range']).toBeUndefined();
    });

    it('answers 404 with a small text body for an unknown file', async () => {
      for (const url of ['/assets/nope.jpg', '/assets/gentleman.png', '/assets/', '/assets']) {
        const res = await http().get(url).expect(404);
        expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
        expect(res.text).toBe('404 Not Found');
        expect(res.headers['cache-control']).toBeUndefined();
      }
    });

    it('answers 404 to methods other than GET and HEAD', async () => {
      await http().post('/assets/gentleman.jpg').expect(404);
      await http().delete('/assets/gentleman.jpg').expect(404);
      await http().put('/assets/gentleman.jpg').send('x').expect(404);
    });
  });

  describe('GET /health.html', () => {
    it('answers 200 text/html `OK` (two bytes) and is never cached', async () => {
      const res = await http().get('/health.html').expect(200);
      expect(res.headers['content-type']).toBe('text/html');
      expect(res.headers['content-length']).toBe('2');
      expect(res.text).toBe('OK');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.expires).toBe('Thu, 01 Jan 1970 00:00:01 GMT');
    });

    it('answers HEAD', async () => {
      const res = await http().head('/health.html').expect(200);
      expect(res.headers['content-length']).toBe('2');
    });
  });

  describe('GET /health/ready', () => {
    it('is ready: the files are loaded before the server listens', async () => {
      const res = await http().get('/health/ready').expect(200);
      expect(res.body).toMatchObject({ status: 'ok' });
    });
  });

  describe('GET /metrics', () => {
    it('counts picture requests by route template, never by file name', async () => {
      await http().get('/assets/gentleman.jpg').expect(200);
      await http().get('/assets/unknown-name.jpg').expect(404);
      const res = await http().get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="\/assets\/:name",status="200"\} \d+/,
      );
      expect(res.text).toMatch(/route="\/assets\/:name",status="404"/);
      expect(res.text).not.toContain('unknown-name');
      expect(res.text).toContain('process_resident_memory_bytes');
    });
  });
});
