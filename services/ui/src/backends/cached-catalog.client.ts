import { CatalogClient, type ProductQuery } from '@retail/clients';
import type { Product, Tag } from '@retail/contracts';

// Distinct queries kept at most; tags and paging are user input, so the map must stay bounded.
const MAX_ENTRIES = 500;

/**
 * Keeps the catalog's answers for a few seconds (CATALOG_CACHE_SECONDS). Every page reads the
 * catalog, which changes rarely, so this saves a round trip per page and most of /catalog's
 * three. Failures are never kept: the next request asks again.
 */
export class CachedCatalogClient extends CatalogClient {
  private readonly entries = new Map<string, { expires: number; value: Promise<unknown> }>();

  constructor(
    private readonly inner: CatalogClient,
    private readonly ttlMs: number,
  ) {
    super();
  }

  override get baseUrl(): string | undefined {
    return this.inner.baseUrl;
  }

  products(query: ProductQuery): Promise<Product[]> {
    const key = `p|${query.tags ?? ''}|${query.order ?? ''}|${query.page}|${query.size}`;
    return this.cached(key, () => this.inner.products(query));
  }

  count(tags?: string): Promise<number> {
    return this.cached(`c|${tags ?? ''}`, () => this.inner.count(tags));
  }

  product(id: string): Promise<Product | undefined> {
    return this.cached(`i|${id}`, () => this.inner.product(id));
  }

  tags(): Promise<Tag[]> {
    return this.cached('t', () => this.inner.tags());
  }

  override health(): Promise<void> {
    return this.inner.health();
  }

  override close(): Promise<void> {
    return this.inner.close();
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value as Promise<T>;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const value = load();
    this.entries.set(key, { expires: now + this.ttlMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
