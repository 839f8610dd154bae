import { buildService, describeWithServer, packagesLoadedByBuiltService } from '@retail/testing';
import { createPostgresDatabase, ordersDbEnv } from '@retail/testing/backends';

describe('the built orders service loads a database driver only for its database', () => {
  let main: string;
  beforeAll(() => {
    main = buildService('orders');
  });

  it('in memory, none', async () => {
    const loaded = await packagesLoadedByBuiltService(
      main,
      { LOG_LEVEL: 'silent' },
      '/actuator/health',
    );
    expect(loaded).not.toContain('pg');
    expect(loaded).not.toContain('mysql2');
    expect(loaded).toContain('@nestjs/core');
  });

  describeWithServer('postgres', 'on PostgreSQL', () => {
    it('pg, and not mysql2', async () => {
      const db = await createPostgresDatabase('orders_test');
      try {
        const env = { LOG_LEVEL: 'silent', ...ordersDbEnv(db.name) };
        const loaded = await packagesLoadedByBuiltService(main, env, '/actuator/health');
        expect(loaded).toContain('pg');
        expect(loaded).not.toContain('mysql2');
      } finally {
        await db.drop();
      }
    });
  });
});
