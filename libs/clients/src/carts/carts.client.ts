import type { Cart, CartItem } from '@retail/contracts';
import { BackendClient, ClientOptions, HttpBackend, segment } from '../backend-client';

/** The carts API the UI uses (spec/ui.md §7, spec/cart.md). The customer id is the session id. */
export abstract class CartsClient extends BackendClient {
  readonly service = 'carts';
  abstract cart(customerId: string): Promise<Cart>;
  /** Adds `item`; an item already in the cart gains the quantity. */
  abstract addItem(customerId: string, item: CartItem): Promise<void>;
  abstract removeItem(customerId: string, itemId: string): Promise<void>;
  abstract deleteCart(customerId: string): Promise<void>;
  /** Flips the cart service's chaos switch (its health turns DOWN); resolves with its answer. */
  abstract fail(): Promise<string>;
}

export class HttpCartsClient extends CartsClient {
  private readonly backend: HttpBackend;

  constructor(baseUrl: string, options: ClientOptions = {}) {
    super();
    this.backend = new HttpBackend(this.service, baseUrl, '/actuator/health', {
      ...options,
      jsonTypeWithoutBody: true,
    });
  }

  get baseUrl(): string {
    return this.backend.baseUrl;
  }

  async cart(customerId: string): Promise<Cart> {
    const res = await this.backend.http.get<Cart>(`/carts/${segment(customerId)}`);
    return this.backend.http.expectOk(res, 'GET /carts/{customerId}');
  }

  async addItem(customerId: string, item: CartItem): Promise<void> {
    const res = await this.backend.http.post(`/carts/${segment(customerId)}/items`, item);
    this.backend.http.expectOk(res, 'POST /carts/{customerId}/items');
  }

  async removeItem(customerId: string, itemId: string): Promise<void> {
    const res = await this.backend.http.delete(
      `/carts/${segment(customerId)}/items/${segment(itemId)}`,
    );
    this.backend.http.expectOk(res, 'DELETE /carts/{customerId}/items/{itemId}');
  }

  async deleteCart(customerId: string): Promise<void> {
    const res = await this.backend.http.delete(`/carts/${segment(customerId)}`);
    this.backend.http.expectOk(res, 'DELETE /carts/{customerId}');
  }

  async fail(): Promise<string> {
    const res = await this.backend.http.postForText('/actuator/fail');
    this.backend.http.expectOk({ status: res.status, body: res.text }, 'POST /actuator/fail');
    return res.text;
  }

  health(): Promise<void> {
    return this.backend.health();
  }

  close(): Promise<void> {
    return this.backend.http.close();
  }
}
