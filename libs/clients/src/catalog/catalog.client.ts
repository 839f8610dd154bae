import type { CatalogSize, Product, Tag } from '@retail/contracts';
import { BackendClient, ClientOptions, Remote, segment } from '../backend-client';

export interface ProductQuery {
  /** Comma-separated tag names; empty or undefined = all. */
  tags?: string;
  order?: string;
  /** 1-based. */
  page: number;
  size: number;
}

/** The catalog API the UI uses (spec/ui.md §7). */
export abstract class CatalogClient extends BackendClient {
  constructor(remote?: Remote) {
    super('catalog', remote);
  }

  abstract products(query: ProductQuery): Promise<Product[]>;
  abstract count(tags?: string): Promise<number>;
  /** undefined when the catalog has no such product. */
  abstract product(id: string): Promise<Product | undefined>;
  abstract tags(): Promise<Tag[]>;
}

export class HttpCatalogClient extends CatalogClient {
  constructor(baseUrl: string, options: ClientOptions = {}) {
    super({ baseUrl, healthPath: '/health', options });
  }

  async products({ tags = '', order = '', page, size }: ProductQuery): Promise<Product[]> {
    const query = new URLSearchParams({ tags, order, page: String(page), size: String(size) });
    const res = await this.http.get<Product[] | null>(`/catalogue?${query.toString()}`);
    // The reference catalog answers null for no match; ours answers [].
    return this.http.expectOk(res, 'GET /catalogue') ?? [];
  }

  async count(tags = ''): Promise<number> {
    const query = new URLSearchParams({ tags });
    const res = await this.http.get<CatalogSize>(`/catalogue/size?${query.toString()}`);
    return this.http.expectOk(res, 'GET /catalogue/size').size;
  }

  async product(id: string): Promise<Product | undefined> {
    const res = await this.http.get<Product>(`/catalogue/product/${segment(id)}`);
    if (res.status === 404) return undefined;
    return this.http.expectOk(res, 'GET /catalogue/product/{id}');
  }

  async tags(): Promise<Tag[]> {
    const res = await this.http.get<Tag[] | null>('/catalogue/tags');
    return this.http.expectOk(res, 'GET /catalogue/tags') ?? [];
  }
}
