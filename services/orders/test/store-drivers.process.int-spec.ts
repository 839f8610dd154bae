import { buildService, describeWithServer, packagesLoadedByBuiltService } from '@retail/testing';
import { createPostgresDatabase, ordersDbEnv } from '@retail/testing/backends';

const TYPEORM = ['typeorm', '@nestjs/typeorm'];

describe('the built orders service loads TypeORM and a driver only for its database', () => {
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
    for (const pkg of [...TYPEORM, 'pg', 'mysql2']) expect(loaded).not.toContain(pkg);
    expect(loaded).toContain('@nestjs/core');
  });

  describeWithServer('postgres', 'on PostgreSQL', () => {
    it('TypeORM and pg, and not mysql2', async () => {
      const db = await createPostgresDatabase('orders_test');
      try {
        const env = { LOG_LEVEL: 'silent', ...ordersDbEnv(db.name) };
        const loaded = await packagesLoadedByBuiltService(main, env, '/actuator/health');
        for (const pkg of [...TYPEORM, 'pg']) expect(loaded).toContain(pkg);
        expect(loaded).not.toContain('mysql2');
      } finally {
        await db.drop();
      }
    });
  });
});
