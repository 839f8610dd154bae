import type { CatalogSize, Product, Tag } from '@retail/contracts';
import { BackendClient, ClientOptions, HttpBackend, segment } from '../backend-client';

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
  readonly service = 'catalog';
  abstract products(query: ProductQuery): Promise<Product[]>;
  abstract count(tags?: string): Promise<number>;
  /** undefined when the catalog has no such product. */
  abstract product(id: string): Promise<Product | undefined>;
  abstract tags(): Promise<Tag[]>;
}

export class HttpCatalogClient extends CatalogClient {
  private readonly backend: HttpBackend;

  constructor(baseUrl: string, options: ClientOptions = {}) {
    super();
    this.backend = new HttpBackend(this.service, baseUrl, '/health', options);
  }

  get baseUrl(): string {
    return this.backend.baseUrl;
  }

  async products({ tags = '', order = '', page, size }: ProductQuery): Promise<Product[]> {
    const query = new URLSearchParams({ tags, order, page: String(page), size: String(size) });
    const res = await this.backend.http.get<Product[] | null>(`/catalogue?${query.toString()}`);
    // The reference catalog answers null for no match; ours answers [].
    return this.backend.http.expectOk(res, 'GET /catalogue') ?? [];
  }

  async count(tags = ''): Promise<number> {
    const query = new URLSearchParams({ tags });
    const res = await this.backend.http.get<CatalogSize>(`/catalogue/size?${query.toString()}`);
    return this.backend.http.expectOk(res, 'GET /catalogue/size').size;
  }

  async product(id: string): Promise<Product | undefined> {
    const res = await this.backend.http.get<Product>(`/catalogue/product/${segment(id)}`);
    if (res.status === 404) return undefined;
    return this.backend.http.expectOk(res, 'GET /catalogue/product/{id}');
  }

  async tags(): Promise<Tag[]> {
    const res = await this.backend.http.get<Tag[] | null>('/catalogue/tags');
    return this.backend.http.expectOk(res, 'GET /catalogue/tags') ?? [];
  }

  health(): Promise<void> {
    return this.backend.health();
  }

  close(): Promise<void> {
    return this.backend.http.close();
  }
}
