import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ServiceKitModule } from '@retail/service-kit';
import { catalogDefinition } from './catalog.definition';
import type { CatalogConfig } from './config/catalog.config';
import { HealthController } from './health/health.controller';
import { catalogTypeOrmOptions } from './products/persistence/typeorm.options';
import { ProductsModule } from './products/products.module';

@Module({})
export class AppModule {
  static forRoot(cfg: CatalogConfig): DynamicModule {
    const db = cfg.persistence;
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot(catalogDefinition(cfg)),
        ...(db.kind === 'mysql' ? [TypeOrmModule.forRootAsync(catalogTypeOrmOptions(db))] : []),
        ProductsModule.forConfig(cfg),
      ],
      controllers: [HealthController],
    };
  }
}
