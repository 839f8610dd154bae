import { createApp, listen, runMain, startTracing } from '@retail/service-kit';
import { AppModule } from './app.module';
import { loadConfig } from './config/ui.config';

runMain('ui', async () => {
  const config = loadConfig(process.env);
  const stopTracing = await startTracing(config.tracing);
  const app = await createApp(AppModule.forRoot(config));
  await listen(app, config.port, stopTracing);
});
