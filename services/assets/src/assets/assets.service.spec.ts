import type { Asset } from './asset';
import { AssetNotFoundError } from './assets.errors';
import { AssetsService, CACHE_CONTROL } from './assets.service';

const MODIFIED = Date.UTC(2026, 0, 2, 3, 4, 5);
const MODIFIED_HTTP = 'Fri, 02 Jan 2026 03:04:05 GMT';

const photo: Asset = {
  name: 'photo.jpg',
  contentType: 'image/jpeg',
  modifiedMs: MODIFIED,
  identity: { body: Buffer.from('0123456789'), etag: '"p"' },
  compressed: [],
};
const drawing: Asset = {
  name: 'drawing.svg',
  contentType: 'image/svg+xml',
  modifiedMs: MODIFIED,
  identity: { body: Buffer.from('<svg>long</svg>'), etag: '"d"' },
  compressed: [
    { body: Buffer.from('BR'), etag: '"d-br"', encoding: 'br' },
    { body: Buffer.from('GZ'), etag: '"d-gz"', encoding: 'gzip' },
  ],
};

describe(AssetsService.name, () => {
  const service = new AssetsService(
    new Map([
      [photo.name, photo],
      [drawing.name, drawing],
    ]),
  );

  describe('respond', () => {
    it('sends the file with its type, length, validators and a year of caching', () => {
      const res = service.respond('photo.jpg', {});
      expect(res.status).toBe(200);
      expect(res.body?.toString()).toBe('0123456789');
      expect(res.headers).toEqual({
        'content-type': 'image/jpeg',
        'content-length': '10',
        etag: '"p"',
        'last-modified': MODIFIED_HTTP,
        'cache-control': CACHE_CONTROL,
        'accept-ranges': 'bytes',
        'x-content-type-options': 'nosniff',
      });
    });

    it('throws AssetNotFoundError for a name that was not loaded', () => {
      for (const name of ['nope.jpg', '', '..', '../photo.jpg', 'PHOTO.JPG', 'photo.jpg\0']) {
        expect(() => service.respond(name, {})).toThrow(AssetNotFoundError);
      }
    });

    it('sends the best encoding the client accepts, with Vary, and the file as it is otherwise', () => {
      const br = service.respond('drawing.svg', { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.body?.toString()).toBe('BR');
      expect(br.headers).toMatchObject({
        'content-encoding': 'br',
        'content-length': '2',
        etag: '"d-br"',
        vary: 'Accept-Encoding',
      });
      const gz = service.respond('drawing.svg', { 'accept-encoding': 'gzip' });
      expect(gz.headers).toMatchObject({ 'content-encoding': 'gzip', etag: '"d-gz"' });
      const plain = service.respond('drawing.svg', { 'accept-encoding': 'identity' });
      expect(plain.body?.toString()).toBe('<svg>long</svg>');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toBe('Accept-Encoding');
    });

    it('never compresses a picture and gives it no Vary', () => {
      const res = service.respond('photo.jpg', { 'accept-encoding': 'br, gzip' });
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toBeUndefined();
    });

    it('answers 304 with the validators and no body when If-None-Match names the ETag', () => {
      const res = service.respond('photo.jpg', { 'if-none-match': 'W/"p"' });
      expect(res).toEqual({
        status: 304,
        headers: { etag: '"p"', 'last-modified': MODIFIED_HTTP, 'cache-control': CACHE_CONTROL },
      });
    });

    it('compares If-None-Match with the encoding that would be sent', () => {
      const asBr = { 'accept-encoding': 'br' };
      expect(service.respond('drawing.svg', { ...asBr, 'if-none-match': '"d-br"' }).status).toBe(
        304,
      );
      expect(service.respond('drawing.svg', { ...asBr, 'if-none-match': '"d-gz"' }).status).toBe(
        200,
      );
    });

    it('answers 304 for If-Modified-Since at or after the file time, 200 before it', () => {
      expect(service.respond('photo.jpg', { 'if-modified-since': MODIFIED_HTTP }).status).toBe(304);
      const before = 'Fri, 02 Jan 2026 03:04:04 GMT';
      expect(service.respond('photo.jpg', { 'if-modified-since': before }).status).toBe(200);
    });

    it('ignores If-Modified-Since when If-None-Match is present', () => {
      const res = service.respond('photo.jpg', {
        'if-none-match': '"old"',
        'if-modified-since': MODIFIED_HTTP,
      });
      expect(res.status).toBe(200);
    });

    it('answers a byte range with 206 and Content-Range, from the uncompressed file', () => {
      const res = service.respond('drawing.svg', { range: 'bytes=1-3', 'accept-encoding': 'br' });
      expect(res.status).toBe(206);
      expect(res.body?.toString()).toBe('svg');
      expect(res.headers).toMatchObject({
        'content-range': 'bytes 1-3/15',
        'content-length': '3',
        etag: '"d"',
      });
      expect(res.headers['content-encoding']).toBeUndefined();
    });

    it('answers 416 for a range past the end and the whole file for one it ignores', () => {
      expect(service.respond('photo.jpg', { range: 'bytes=10-' })).toEqual({
        status: 416,
        headers: { 'content-range': 'bytes */10' },
      });
      const many = service.respond('photo.jpg', { range: 'bytes=0-1,4-5' });
      expect(many.status).toBe(200);
      expect(many.body?.toString()).toBe('0123456789');
    });

    it('honours If-Range only while the ETag or date is current', () => {
      const ranged = (ifRange: string) =>
        service.respond('photo.jpg', { range: 'bytes=0-0', 'if-range': ifRange }).status;
      expect(ranged('"p"')).toBe(206);
      expect(ranged(MODIFIED_HTTP)).toBe(206);
      expect(ranged('"old"')).toBe(200);
      expect(ranged('Thu, 01 Jan 2026 00:00:00 GMT')).toBe(200);
    });
  });
});
