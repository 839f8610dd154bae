import { DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@retail/service-kit';
import { AssetsModule } from './assets/assets.module';
import { assetsDefinition } from './assets.definition';
import type { AssetsConfig } from './config/assets.config';
import { HealthController } from './health/health.controller';

@Module({})
export class AppModule {
  static forRoot(cfg: AssetsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(assetsDefinition(cfg)), AssetsModule.forConfig(cfg)],
      controllers: [HealthController],
    };
  }
}
