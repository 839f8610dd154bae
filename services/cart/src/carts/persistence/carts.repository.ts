import { CartItem } from '../cart';

/**
 * Where cart lines are stored, one line per (customerId, itemId). The abstract class is the DI
 * token; the implementation is chosen once at boot (CartsPersistenceModule). Lines come back
 * ordered by itemId so both stores list a cart alike. Implementations throw
 * CartsUnavailableError when storage fails and QuantityLimitError when an add would overflow.
 */
export abstract class CartsRepository {
  /** The customer's lines; none for an unknown customer (never an error). */
  abstract items(customerId: string): Promise<CartItem[]>;
  abstract item(customerId: string, itemId: string): Promise<CartItem | undefined>;
  /**
   * Adds `item.quantity` atomically to the line (concurrent adds never lose a unit), or creates
   * it with the given quantity and price; an existing line keeps its price. Returns the line.
   */
  abstract add(customerId: string, item: CartItem): Promise<CartItem>;
  /** Replaces quantity and price of an existing line; false (and nothing stored) when absent. */
  abstract update(customerId: string, item: CartItem): Promise<boolean>;
  /** Removes the line and returns it as it was, atomically; undefined when absent. */
  abstract remove(customerId: string, itemId: string): Promise<CartItem | undefined>;
  /** Removes every line of the customer. */
  abstract clear(customerId: string): Promise<void>;
}

/** Lines of one cart in the order both stores list them. */
export const byItemId = (a: CartItem, b: CartItem): number =>
  a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0;
