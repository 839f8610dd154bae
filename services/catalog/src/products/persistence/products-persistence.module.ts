import { DynamicModule, Module } from '@nestjs/common';
import type { CatalogConfig } from '../../config/catalog.config';
import { InMemoryProductsRepository } from './in-memory-products.repository';
import { ProductsRepository } from './products.repository';

/** Chooses the products store once, at boot, from validated config. */
@Module({})
export class ProductsPersistenceModule {
  static async forConfig(cfg: CatalogConfig): Promise<DynamicModule> {
    const db = cfg.persistence;
    if (db.kind !== 'in-memory') {
      // Imported only with a database, so the service in memory never loads TypeORM.
      const { TypeOrmProductsModule } = await import('./typeorm-products.module');
      return TypeOrmProductsModule.forConfig(db);
    }
    return {
      module: ProductsPersistenceModule,
      providers: [{ provide: ProductsRepository, useClass: InMemoryProductsRepository }],
      exports: [ProductsRepository],
    };
  }
}
