// Wire shapes of the carts API (spec/cart.md "Data shapes"). Numbers are integers.

export interface CartItem {
  /** The product id. */
  itemId: string;
  quantity: number;
  /** Whole dollars, copied from the catalog's price. */
  unitPrice: number;
}

export interface Cart {
  customerId: string;
  /** Never null. */
  items: CartItem[];
}

/** The Spring-style error body of cart and orders, plus `message` naming what was wrong. */
export interface SpringError {
  timestamp: string;
  status: number;
  error: string;
  path: string;
  message: string;
}
