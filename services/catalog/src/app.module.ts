import { DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@retail/service-kit';
import { catalogDefinition } from './catalog.definition';
import type { CatalogConfig } from './config/catalog.config';
import { HealthController } from './health/health.controller';
import { ProductsModule } from './products/products.module';

@Module({})
export class AppModule {
  static forRoot(cfg: CatalogConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(catalogDefinition(cfg)), ProductsModule.forConfig(cfg)],
      controllers: [HealthController],
    };
  }
}
