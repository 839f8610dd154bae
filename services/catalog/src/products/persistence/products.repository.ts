import { Product, ProductQuery, Tag } from '../product';

/**
 * Where products are stored. The abstract class is the DI token; the implementation is chosen
 * once at boot (ProductsPersistenceModule). Only products with at least one tag are visible, as in
 * the reference's inner joins. Implementations throw CatalogUnavailableError when storage fails.
 */
export abstract class ProductsRepository {
  abstract find(query: ProductQuery): Promise<Product[]>;
  /** How many products have any of `tags` (all products when empty). */
  abstract count(tags: string[]): Promise<number>;
  abstract findById(id: string): Promise<Product | undefined>;
  /** Every tag, in the order they were created. */
  abstract tags(): Promise<Tag[]>;
}
