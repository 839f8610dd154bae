import type { CreateOrderRequest } from '@retail/contracts';
import { HttpClient, HttpClientOptions } from '../http-client';

/**
 * The body checkout posts to `POST /orders`: a CreateOrderRequest whose `email` is left out when
 * the checkout had none and null when it was null (spec/checkout.md "Submit").
 */
export type OrderSubmission = Omit<CreateOrderRequest, 'email'> & { email?: string | null };

/** What checkout keeps of the answer: the new order's id, when orders sent one. */
export interface PlacedOrder {
  id?: string;
}

/** The orders API as checkout uses it. The abstract class doubles as a Nest injection token. */
export abstract class OrdersClient {
  /** Places one order; rejects with UpstreamError when orders does not take it. */
  abstract create(order: OrderSubmission): Promise<PlacedOrder>;
  /** Resolves when orders answers its liveness endpoint, for readiness probes. */
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}

/** Talks to a real orders service over HTTP, with keep-alive and a deadline on every call. */
export class HttpOrdersClient extends OrdersClient {
  private readonly http: HttpClient;

  constructor(options: Omit<HttpClientOptions, 'service'>) {
    super();
    this.http = new HttpClient({ service: 'orders', ...options });
  }

  async create(order: OrderSubmission): Promise<PlacedOrder> {
    const body = this.http.expectOk(
      await this.http.post<unknown>('/orders', order),
      'POST /orders',
    );
    const id = (body as { id?: unknown } | null | undefined)?.id;
    return typeof id === 'string' ? { id } : {};
  }

  async ping(): Promise<void> {
    this.http.expectOk(await this.http.get('/actuator/health'), 'GET /actuator/health');
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

/** Mock mode (no ENDPOINTS_ORDERS): nothing is sent and every order gets the reference's id. */
export class MockOrdersClient extends OrdersClient {
  static readonly ORDER_ID = 'abc123';

  create(): Promise<PlacedOrder> {
    return Promise.resolve({ id: MockOrdersClient.ORDER_ID });
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
