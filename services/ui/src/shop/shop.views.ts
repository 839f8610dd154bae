import type { Product } from '@retail/contracts';
import type { PageModel } from '../web/layout';

export interface Link {
  label: string;
  href: string;
  active: boolean;
}

export interface HomePage extends PageModel {
  products: Product[];
}

export interface CatalogPage extends PageModel {
  tag: string;
  /** The selected tag's display name, for the heading. */
  tagLabel: string | undefined;
  categories: Link[];
  products: Product[];
  shown: number;
  total: number;
  sizes: Link[];
  pages: Link[];
  previous: string | undefined;
  next: string | undefined;
}

export interface ProductPage extends PageModel {
  product: Product;
}
