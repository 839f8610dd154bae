import { buildService, describeWithServer, packagesLoadedByBuiltService } from '@retail/testing';
import { REDIS_URL } from '@retail/testing/backends';

describe('the built checkout loads ioredis only for Redis', () => {
  let main: string;
  beforeAll(() => {
    main = buildService('checkout');
  });

  it('in memory, never', async () => {
    const loaded = await packagesLoadedByBuiltService(main, { LOG_LEVEL: 'silent' }, '/health');
    expect(loaded).not.toContain('ioredis');
    expect(loaded).toContain('@nestjs/core');
  });

  describeWithServer('redis', 'on Redis', () => {
    it('yes', async () => {
      const env = { LOG_LEVEL: 'silent', REDIS_URL };
      expect(await packagesLoadedByBuiltService(main, env, '/health')).toContain('ioredis');
    });
  });
});
