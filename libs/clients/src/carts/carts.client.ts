import type { Cart, CartItem } from '@retail/contracts';
import { BackendClient, ClientOptions, Remote, segment } from '../backend-client';

/** The carts API the UI uses (spec/ui.md §7, spec/cart.md). The customer id is the session id. */
export abstract class CartsClient extends BackendClient {
  constructor(remote?: Remote) {
    super('carts', remote);
  }

  abstract cart(customerId: string): Promise<Cart>;
  /** Adds `item`; an item already in the cart gains the quantity. */
  abstract addItem(customerId: string, item: CartItem): Promise<void>;
  abstract removeItem(customerId: string, itemId: string): Promise<void>;
  abstract deleteCart(customerId: string): Promise<void>;
  /** Flips the cart service's chaos switch (its health turns DOWN); resolves with its answer. */
  abstract fail(): Promise<string>;
}

export class HttpCartsClient extends CartsClient {
  constructor(baseUrl: string, options: ClientOptions = {}) {
    super({
      baseUrl,
      healthPath: '/actuator/health',
      options: { ...options, jsonTypeWithoutBody: true },
    });
  }

  async cart(customerId: string): Promise<Cart> {
    const res = await this.http.get<Cart>(`/carts/${segment(customerId)}`);
    return this.http.expectOk(res, 'GET /carts/{customerId}');
  }

  async addItem(customerId: string, item: CartItem): Promise<void> {
    const res = await this.http.post(`/carts/${segment(customerId)}/items`, item);
    this.http.expectOk(res, 'POST /carts/{customerId}/items');
  }

  async removeItem(customerId: string, itemId: string): Promise<void> {
    const res = await this.http.delete(`/carts/${segment(customerId)}/items/${segment(itemId)}`);
    this.http.expectOk(res, 'DELETE /carts/{customerId}/items/{itemId}');
  }

  async deleteCart(customerId: string): Promise<void> {
    const res = await this.http.delete(`/carts/${segment(customerId)}`);
    this.http.expectOk(res, 'DELETE /carts/{customerId}');
  }

  async fail(): Promise<string> {
    const res = await this.http.postForText('/actuator/fail');
    this.http.expectOk({ status: res.status, body: res.text }, 'POST /actuator/fail');
    return res.text;
  }
}
