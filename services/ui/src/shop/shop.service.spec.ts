import { MockCatalogClient } from '@retail/clients';
import { ShopService } from './shop.service';
import { ProductNotFoundError } from './shop.errors';

describe(ShopService.name, () => {
  const shop = new ShopService(new MockCatalogClient());

  describe('catalogPage', () => {
    it('builds the menu, size switch and page links in the reference’s parameter order', async () => {
      const page = await shop.catalogPage({ tag: 'smart', page: 2, size: 9 });
      expect(page).toMatchObject({
        nav: 'catalog',
        tagLabel: 'Smart',
        shown: 9,
        total: 20,
        previous: '/catalog?page=1&size=9&tag=smart',
        next: '/catalog?page=3&size=9&tag=smart',
      });
      expect(page.categories).toEqual([
        { label: 'Smart', href: '/catalog?page=1&size=9&tag=smart', active: true },
      ]);
      expect(page.sizes.map((s) => [s.href, s.active])).toEqual([
        ['/catalog?page=2&size=3&tag=smart', false],
        ['/catalog?page=2&size=9&tag=smart', true],
      ]);
      expect(page.pages.map((p) => p.label)).toEqual(['1', '2', '3']);
      expect(page.pages[1].active).toBe(true);
    });

    it('encodes the tag in links and has no previous or next past the last page', async () => {
      const page = await shop.catalogPage({ tag: 'a&b c', page: 1, size: 3 });
      expect(page.total).toBe(0);
      expect(page.sizes[0].href).toBe('/catalog?page=1&size=3&tag=a%26b%20c');
      expect(page.previous).toBeUndefined();
      expect(page.next).toBeUndefined();
      expect(page.tagLabel).toBeUndefined();
    });
  });

  describe('productPage', () => {
    it('puts the product name last in the breadcrumbs', async () => {
      const page = await shop.productPage('3');
      expect(page.breadcrumbs).toEqual([
        { label: 'Catalog', href: '/catalog' },
        { label: 'product3' },
      ]);
    });

    it('throws ProductNotFoundError for an unknown id', async () => {
      await expect(shop.productPage('nope')).rejects.toBeInstanceOf(ProductNotFoundError);
    });
  });
});
