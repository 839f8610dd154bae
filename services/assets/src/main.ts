import { createApp, listen, runMain, startTracing } from '@retail/service-kit';
import { AppModule } from './app.module';
import { loadConfig } from './config/assets.config';

runMain('assets', async () => {
  // Built, this file is dist/services/assets/main.js and the pictures sit in public/ beside it.
  const config = loadConfig(process.env, __dirname);
  const stopTracing = await startTracing(config.tracing);
  const app = await createApp(AppModule.forRoot(config));
  await listen(app, config.port, stopTracing);
});
