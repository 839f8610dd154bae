import { CreateCatalogSchema1719000000000 } from './1719000000000-create-catalog-schema';
import { SeedCatalog1719000000001 } from './1719000000001-seed-catalog';

/** In run order. Classes, not a glob, so the bundled service carries them. */
export const CATALOG_MIGRATIONS = [CreateCatalogSchema1719000000000, SeedCatalog1719000000001];
