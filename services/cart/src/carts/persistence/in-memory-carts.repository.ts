import { CartItem, MAX_INT32 } from '../cart';
import { QuantityLimitError } from '../carts.errors';
import { byItemId, CartsRepository } from './carts.repository';

/**
 * The embedded default: carts in a map, lost on restart. Every method reads and writes within
 * one synchronous turn of the event loop, so concurrent requests cannot interleave inside one.
 */
export class InMemoryCartsRepository extends CartsRepository {
  private readonly carts = new Map<string, Map<string, CartItem>>();

  items(customerId: string): Promise<CartItem[]> {
    const cart = this.carts.get(customerId);
    return Promise.resolve(cart ? [...cart.values()].map(copy).sort(byItemId) : []);
  }

  item(customerId: string, itemId: string): Promise<CartItem | undefined> {
    const line = this.carts.get(customerId)?.get(itemId);
    return Promise.resolve(line && copy(line));
  }

  add(customerId: string, item: CartItem): Promise<CartItem> {
    const cart = this.carts.get(customerId) ?? new Map<string, CartItem>();
    const line = cart.get(item.itemId);
    if (line && line.quantity > MAX_INT32 - item.quantity) {
      return Promise.reject(new QuantityLimitError(item.itemId));
    }
    const stored = line ? { ...line, quantity: line.quantity + item.quantity } : copy(item);
    cart.set(item.itemId, stored);
    this.carts.set(customerId, cart);
    return Promise.resolve(copy(stored));
  }

  update(customerId: string, item: CartItem): Promise<boolean> {
    const cart = this.carts.get(customerId);
    if (!cart?.has(item.itemId)) return Promise.resolve(false);
    cart.set(item.itemId, copy(item));
    return Promise.resolve(true);
  }

  remove(customerId: string, itemId: string): Promise<CartItem | undefined> {
    const cart = this.carts.get(customerId);
    const line = cart?.get(itemId);
    cart?.delete(itemId);
    // An emptied cart leaves no trace, as in DynamoDB where a cart is just its lines.
    if (cart?.size === 0) this.carts.delete(customerId);
    return Promise.resolve(line);
  }

  clear(customerId: string): Promise<void> {
    this.carts.delete(customerId);
    return Promise.resolve();
  }
}

// Callers get copies, so nothing outside can change a stored line.
const copy = ({ itemId, quantity, unitPrice }: CartItem): CartItem => ({
  itemId,
  quantity,
  unitPrice,
});
