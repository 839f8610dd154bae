import { Product, ProductOrder, ProductQuery, Tag } from '../product';
import { ProductsRepository } from './products.repository';
import { SEED_PRODUCTS, SEED_TAGS } from './seed';

type Compare = (a: Product, b: Product) => number;

const byId: Compare = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const thenById =
  (primary: Compare): Compare =>
  (a, b) =>
    primary(a, b) || byId(a, b);

// MySQL's default collation compares names case-insensitively; this keeps both stores alike.
const collator = new Intl.Collator('en', { sensitivity: 'accent' });

const ORDERS: Record<ProductOrder, Compare> = {
  id: byId,
  price_asc: thenById((a, b) => a.price - b.price),
  price_desc: thenById((a, b) => b.price - a.price),
  name_asc: thenById((a, b) => collator.compare(a.name, b.name)),
  name_desc: thenById((a, b) => collator.compare(b.name, a.name)),
};

/** The embedded default: the seed catalog in memory. Read-only, so safe under any concurrency. */
export class InMemoryProductsRepository extends ProductsRepository {
  constructor(
    private readonly products: readonly Product[] = SEED_PRODUCTS,
    private readonly allTags: readonly Tag[] = SEED_TAGS,
  ) {
    super();
  }

  find(query: ProductQuery): Promise<Product[]> {
    const matches = this.matching(query.tags).sort(ORDERS[query.order]);
    return Promise.resolve(matches.slice(query.offset, query.offset + query.limit));
  }

  count(tags: string[]): Promise<number> {
    return Promise.resolve(this.matching(tags).length);
  }

  findById(id: string): Promise<Product | undefined> {
    return Promise.resolve(this.visible().find((p) => p.id === id));
  }

  tags(): Promise<Tag[]> {
    return Promise.resolve([...this.allTags]);
  }

  private visible(): Product[] {
    return this.products.filter((p) => p.tags.length > 0);
  }

  private matching(tags: string[]): Product[] {
    if (tags.length === 0) return this.visible();
    const wanted = new Set(tags.map((t) => t.toLowerCase()));
    return this.visible().filter((p) => p.tags.some((t) => wanted.has(t.toLowerCase())));
  }
}
