import type { Product, Tag } from '@retail/contracts';
import { CatalogClient, ProductQuery } from './catalog.client';

/** Where the UI serves its bundled generic product picture. */
export const MOCK_IMAGE_URL = '/assets/img/sample_product.jpg';

const MOCK_TAG: Tag = { name: 'smart', displayName: 'Smart' };

/**
 * Clearly placeholder data for a UI started without ENDPOINTS_CATALOG (spec/ui.md §3): twenty
 * "productN" items at $123 with the generic picture and one tag, so a shopper sees at once that
 * no catalog is connected. Unlike the reference's mock, the tag filter and paging both work.
 */
const MOCK_PRODUCTS: readonly Product[] = Array.from({ length: 20 }, (_, i) => ({
  id: String(i + 1),
  name: `product${i + 1}`,
  description: `product description ${i + 1}: placeholder from the UI's built-in catalog mock`,
  imageUrl: MOCK_IMAGE_URL,
  price: 123,
  count: 1,
  tag: [MOCK_TAG.name],
}));

export class MockCatalogClient extends CatalogClient {
  products({ tags, page, size }: ProductQuery): Promise<Product[]> {
    if (page < 1 || size < 1) return Promise.resolve([]);
    const matching = this.matching(tags);
    return Promise.resolve(matching.slice((page - 1) * size, page * size).map((p) => ({ ...p })));
  }

  count(tags?: string): Promise<number> {
    return Promise.resolve(this.matching(tags).length);
  }

  product(id: string): Promise<Product | undefined> {
    const found = MOCK_PRODUCTS.find((p) => p.id === id);
    return Promise.resolve(found && { ...found });
  }

  tags(): Promise<Tag[]> {
    return Promise.resolve([{ ...MOCK_TAG }]);
  }

  private matching(tags: string | undefined): readonly Product[] {
    if (!tags) return MOCK_PRODUCTS;
    const wanted = tags.split(',');
    return MOCK_PRODUCTS.filter((p) => p.tag.some((t) => wanted.includes(t)));
  }
}
