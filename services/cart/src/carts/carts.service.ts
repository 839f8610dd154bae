import { Injectable } from '@nestjs/common';
import { CartItem } from './cart';
import { ItemNotFoundError } from './carts.errors';
import { CartsRepository } from './persistence/carts.repository';

@Injectable()
export class CartsService {
  constructor(private readonly repository: CartsRepository) {}

  /** An unknown cart is an empty one, never an error. */
  items(customerId: string): Promise<CartItem[]> {
    return this.repository.items(customerId);
  }

  async item(customerId: string, itemId: string): Promise<CartItem> {
    const item = await this.repository.item(customerId, itemId);
    if (!item) throw new ItemNotFoundError(customerId, itemId);
    return item;
  }

  /** Adds to an existing line's quantity, or creates the line as requested. */
  add(customerId: string, item: CartItem): Promise<CartItem> {
    return this.repository.add(customerId, item);
  }

  async update(customerId: string, item: CartItem): Promise<void> {
    if (!(await this.repository.update(customerId, item))) {
      throw new ItemNotFoundError(customerId, item.itemId);
    }
  }

  /** Idempotent: removing an absent line is not an error. */
  async remove(customerId: string, itemId: string): Promise<void> {
    await this.repository.remove(customerId, itemId);
  }

  clear(customerId: string): Promise<void> {
    return this.repository.clear(customerId);
  }

  /**
   * Moves the session cart's lines into the customer's cart, adding quantities. Each line is
   * taken out of the session cart before it is added, so concurrent merges move it once.
   */
  async merge(customerId: string, sessionId: string): Promise<void> {
    if (sessionId === customerId) return;
    for (const { itemId } of await this.repository.items(sessionId)) {
      const taken = await this.repository.remove(sessionId, itemId);
      if (!taken) continue;
      try {
        await this.repository.add(customerId, taken);
      } catch (error) {
        // Put the line back rather than lose it; the caller sees the original failure.
        await this.repository.add(sessionId, taken).catch(() => undefined);
        throw error;
      }
    }
  }
}
