import { createTestApp, documentOfBuiltService } from '@retail/testing';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/catalog.config';
import { describeCatalogApi, describeReadCache } from './catalog-api.suite';

describeCatalogApi('in memory, read cache on', () => ({ CACHE_TTL_SECONDS: '300' }));
describeCatalogApi('in memory, read cache off (the default)', () => ({}));
describeReadCache('in memory', () => ({}));

it('serves the same OpenAPI document once built: dist runs the real @nestjs/swagger', async () => {
  const app = await createTestApp(AppModule.forRoot(loadConfig({ LOG_LEVEL: 'silent' })));
  const fromSource = (await app.inject({ url: '/swagger/doc.json' })).json<unknown>();
  await app.close();
  expect(await documentOfBuiltService('catalog', '/swagger/doc.json')).toEqual(fromSource);
});
