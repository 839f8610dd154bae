/** One line of a cart: a product, how many, and the unit price copied from the catalog. */
export interface CartItem {
  itemId: string;
  quantity: number;
  /** Whole dollars. */
  unitPrice: number;
}

/** The reference stores `quantity` and `unitPrice` as Java `int`; no line may go past it. */
export const MAX_INT32 = 2_147_483_647;
