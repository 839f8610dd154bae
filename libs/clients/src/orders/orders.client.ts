import { type CreateOrderRequest, IDEMPOTENCY_KEY_HEADER } from '@retail/contracts';
import { BackendClient, ClientOptions, Remote } from '../backend-client';
import { UpstreamError } from '../http-client';

/**
 * The body checkout posts to `POST /orders`: a CreateOrderRequest whose `email` is left out when
 * the checkout had none and null when it was null (spec/checkout.md "Submit").
 */
export type OrderSubmission = Omit<CreateOrderRequest, 'email'> & { email?: string | null };

/** What checkout keeps of the answer: the new order's id, when orders sent one. */
export interface PlacedOrder {
  id?: string;
}

/** The orders API as checkout uses it (spec/orders.md "Routes"). */
export abstract class OrdersClient extends BackendClient {
  constructor(remote?: Remote) {
    super('orders', remote);
  }

  /**
   * Places one order; rejects with UpstreamError when orders does not take it. Calls with the same
   * `idempotencyKey` place one order between them: a repeat gets the first one.
   */
  abstract create(order: OrderSubmission, idempotencyKey: string): Promise<PlacedOrder>;
}

export class HttpOrdersClient extends OrdersClient {
  constructor(baseUrl: string, options: ClientOptions = {}) {
    super({ baseUrl, healthPath: '/actuator/health', options });
  }

  async create(order: OrderSubmission, idempotencyKey: string): Promise<PlacedOrder> {
    const res = await this.http.post<unknown>('/orders', order, {
      [IDEMPOTENCY_KEY_HEADER]: idempotencyKey,
    });
    if (res.status < 200 || res.status >= 300) {
      // Orders' error body names what it rejected; that is worth passing on.
      const detail = (res.body as { message?: unknown } | undefined)?.message;
      throw new UpstreamError(
        this.service,
        'status',
        `orders answered ${res.status} to POST /orders${typeof detail === 'string' ? `: ${detail}` : ''}`,
        res.status,
      );
    }
    const id = (res.body as { id?: unknown } | null | undefined)?.id;
    return typeof id === 'string' ? { id } : {};
  }
}
