import type { Cart, CartItem } from '@retail/contracts';
import { CartsClient } from './carts.client';

/**
 * Carts kept in this UI process (spec/ui.md §3): lost on restart, not shared between replicas.
 * Adding an item already in the cart adds to its quantity, as the real service does.
 */
export class MockCartsClient extends CartsClient {
  private readonly carts = new Map<string, CartItem[]>();

  cart(customerId: string): Promise<Cart> {
    const items = this.carts.get(customerId) ?? [];
    return Promise.resolve({ customerId, items: items.map((i) => ({ ...i })) });
  }

  addItem(customerId: string, item: CartItem): Promise<void> {
    const items = this.carts.get(customerId) ?? [];
    const line = items.find((i) => i.itemId === item.itemId);
    if (line) {
      line.quantity += item.quantity;
    } else {
      items.push({ ...item });
    }
    this.carts.set(customerId, items);
    return Promise.resolve();
  }

  removeItem(customerId: string, itemId: string): Promise<void> {
    const items = this.carts.get(customerId);
    if (items) {
      this.carts.set(
        customerId,
        items.filter((i) => i.itemId !== itemId),
      );
    }
    return Promise.resolve();
  }

  deleteCart(customerId: string): Promise<void> {
    this.carts.delete(customerId);
    return Promise.resolve();
  }

  fail(): Promise<string> {
    return Promise.reject(
      new Error(
        'carts is the in-process mock (ENDPOINTS_CARTS unset): there is no service to fail',
      ),
    );
  }
}
