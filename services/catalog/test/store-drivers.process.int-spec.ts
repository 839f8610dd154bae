import { buildService, describeWithServer, packagesLoadedByBuiltService } from '@retail/testing';
import { catalogDbEnv, createMysqlDatabase } from '@retail/testing/backends';

describe('the built catalog loads mysql2 only for MySQL', () => {
  let main: string;
  beforeAll(() => {
    main = buildService('catalog');
  });

  it('in memory, never', async () => {
    const loaded = await packagesLoadedByBuiltService(main, { LOG_LEVEL: 'silent' }, '/health');
    expect(loaded).not.toContain('mysql2');
    expect(loaded).toContain('@nestjs/core');
  });

  describeWithServer('mysql', 'on MariaDB', () => {
    it('yes', async () => {
      const db = await createMysqlDatabase('catalog_test');
      try {
        const env = { LOG_LEVEL: 'silent', ...catalogDbEnv(db.name) };
        expect(await packagesLoadedByBuiltService(main, env, '/health')).toContain('mysql2');
      } finally {
        await db.drop();
      }
    });
  });
});
