import { DynamicModule, Module } from '@nestjs/common';
import type { CatalogConfig } from '../config/catalog.config';
import { ProductsPersistenceModule } from './persistence/products-persistence.module';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';

@Module({})
export class ProductsModule {
  static forConfig(cfg: CatalogConfig): DynamicModule {
    return {
      module: ProductsModule,
      imports: [ProductsPersistenceModule.forConfig(cfg)],
      controllers: [ProductsController],
      providers: [ProductsService],
      exports: [ProductsPersistenceModule],
    };
  }
}
