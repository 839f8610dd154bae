import { buildService, describeWithServer, packagesLoadedByBuiltService } from '@retail/testing';
import { catalogDbEnv, createMysqlDatabase } from '@retail/testing/backends';

const TYPEORM = ['typeorm', '@nestjs/typeorm'];

describe('the built catalog loads TypeORM and mysql2 only for MySQL', () => {
  let main: string;
  beforeAll(() => {
    main = buildService('catalog');
  });

  it('in memory, neither', async () => {
    const loaded = await packagesLoadedByBuiltService(main, { LOG_LEVEL: 'silent' }, '/health');
    for (const pkg of [...TYPEORM, 'mysql2']) expect(loaded).not.toContain(pkg);
    expect(loaded).toContain('@nestjs/core');
  });

  describeWithServer('mysql', 'on MariaDB', () => {
    it('both', async () => {
      const db = await createMysqlDatabase('catalog_test');
      try {
        const env = { LOG_LEVEL: 'silent', ...catalogDbEnv(db.name) };
        const loaded = await packagesLoadedByBuiltService(main, env, '/health');
        for (const pkg of [...TYPEORM, 'mysql2']) expect(loaded).toContain(pkg);
      } finally {
        await db.drop();
      }
    });
  });
});
