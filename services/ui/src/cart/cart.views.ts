import type { PageModel } from '../web/layout';

export interface CartLine {
  productId: string;
  name: string;
  imageUrl: string;
  /** Unit price in whole dollars: the catalog's current price, as the reference shows. */
  price: number;
  quantity: number;
  total: number;
}

export interface CartContents {
  lines: CartLine[];
  subtotal: number;
  quantity: number;
  /** Set when product details could not be fetched and lines show what the cart stored. */
  detailsUnavailable: boolean;
}

export interface CartPage extends PageModel, CartContents {}
