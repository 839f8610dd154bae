/** A product as the catalog reasons about it; `tags` are tag names in the tags' own order. */
export interface Product {
  id: string;
  name: string;
  description: string;
  imageUrl: string;
  price: number;
  count: number;
  tags: string[];
}

export interface Tag {
  name: string;
  displayName: string;
}

export type ProductOrder = 'id' | 'price_asc' | 'price_desc' | 'name_asc' | 'name_desc';

/** A page of products: any of `tags` (none = all), sorted, then `limit` items from `offset`. */
export interface ProductQuery {
  tags: string[];
  order: ProductOrder;
  offset: number;
  limit: number;
}
