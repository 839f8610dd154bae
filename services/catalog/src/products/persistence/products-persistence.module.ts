import { DynamicModule, Module } from '@nestjs/common';
import type { CatalogConfig } from '../../config/catalog.config';
import { InMemoryProductsRepository } from './in-memory-products.repository';
import { ProductsRepository } from './products.repository';

/** Chooses the products store once, at boot, from validated config. */
@Module({})
export class ProductsPersistenceModule {
  static forConfig(cfg: CatalogConfig): DynamicModule | Promise<DynamicModule> {
    const db = cfg.persistence;
    if (db.kind === 'mysql') {
      // TypeORM costs about 25 MB and a second of start-up: load it only when a database is set.
      return import('./mysql-persistence').then((m) =>
        m.mysqlPersistence(ProductsPersistenceModule, db),
      );
    }
    return {
      module: ProductsPersistenceModule,
      providers: [{ provide: ProductsRepository, useValue: new InMemoryProductsRepository() }],
      exports: [ProductsRepository],
    };
  }
}
