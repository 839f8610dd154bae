import { Injectable } from '@nestjs/common';
import { CatalogClient } from '@retail/clients';
import type { CatalogQuery } from './dto/catalog.query';
import { ProductNotFoundError } from './shop.errors';
import type { CatalogPage, HomePage, Link, ProductPage } from './shop.views';

const HOT_PRODUCTS = 4;
const PAGE_SIZES = [3, 9];

/** Link to a catalog page, in the reference's parameter order; an empty tag stays as `tag=`. */
const catalogHref = (page: number, size: number, tag: string): string =>
  `/catalog?page=${page}&size=${size}&tag=${encodeURIComponent(tag)}`;

@Injectable()
export class ShopService {
  constructor(private readonly catalog: CatalogClient) {}

  async home(): Promise<HomePage> {
    const products = await this.catalog.products({ page: 1, size: HOT_PRODUCTS });
    return { nav: 'home', products };
  }

  async catalogPage({ tag, page, size }: CatalogQuery): Promise<CatalogPage> {
    const [products, total, tags] = await Promise.all([
      this.catalog.products({ tags: tag, page, size }),
      this.catalog.count(tag),
      this.catalog.tags(),
    ]);
    const totalPages = Math.ceil(total / size);
    const pages: Link[] = Array.from({ length: totalPages }, (_, i) => ({
      label: String(i + 1),
      href: catalogHref(i + 1, size, tag),
      active: i + 1 === page,
    }));
    return {
      nav: 'catalog',
      breadcrumbs: [{ label: 'Catalog' }],
      tag,
      tagLabel: tags.find((t) => t.name === tag)?.displayName,
      categories: tags.map((t) => ({
        label: t.displayName,
        href: catalogHref(1, size, t.name),
        active: t.name === tag,
      })),
      products,
      shown: products.length,
      total,
      sizes: PAGE_SIZES.map((s) => ({
        label: String(s),
        href: catalogHref(page, s, tag),
        active: s === size,
      })),
      pages,
      previous: page > 1 && page <= totalPages ? catalogHref(page - 1, size, tag) : undefined,
      next: page < totalPages ? catalogHref(page + 1, size, tag) : undefined,
    };
  }

  async productPage(id: string): Promise<ProductPage> {
    const product = await this.catalog.product(id);
    if (!product) throw new ProductNotFoundError(id);
    return {
      nav: 'catalog',
      breadcrumbs: [{ label: 'Catalog', href: '/catalog' }, { label: product.name }],
      product,
    };
  }
}
