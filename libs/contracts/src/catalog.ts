// Wire shapes of the catalog API (spec/catalog.md §5). Field names and order are the contract.

export interface Product {
  id: string;
  name: string;
  description: string;
  imageUrl: string;
  /** Whole dollars. */
  price: number;
  count: number;
  /** Names of every tag the product has (singular field name, as the reference). */
  tag: string[];
}

export interface Tag {
  name: string;
  displayName: string;
}

export interface CatalogSize {
  size: number;
}

export interface CatalogError {
  /** The HTTP status, repeated. */
  code: number;
  message: string;
}

/** `order` values the catalog honours; anything else (and empty) means by id. */
export const CATALOG_ORDERS = ['price_asc', 'price_desc', 'name_asc', 'name_desc'] as const;
export type CatalogOrder = (typeof CATALOG_ORDERS)[number];
