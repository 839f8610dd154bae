import type { Checkout, CheckoutRequest, CheckoutSubmitted } from '@retail/contracts';
import { BackendClient, ClientOptions, Remote, segment } from '../backend-client';

/** The checkout API the UI uses (spec/ui.md §7, spec/checkout.md). */
export abstract class CheckoutClient extends BackendClient {
  constructor(remote?: Remote) {
    super('checkout', remote);
  }

  /** undefined when the customer has no checkout in progress. */
  abstract checkout(customerId: string): Promise<Checkout | undefined>;
  /** Replaces the whole request and answers the newly priced checkout. */
  abstract update(customerId: string, request: CheckoutRequest): Promise<Checkout>;
  /**
   * Places the order. Rejects with an UpstreamError of status 404 when no checkout is in
   * progress and 400 when it lacks an address or items.
   */
  abstract submit(customerId: string): Promise<CheckoutSubmitted>;
}

export class HttpCheckoutClient extends CheckoutClient {
  constructor(baseUrl: string, options: ClientOptions = {}) {
    super({ baseUrl, healthPath: '/health', options });
  }

  async checkout(customerId: string): Promise<Checkout | undefined> {
    const res = await this.http.get<Checkout>(`/checkout/${segment(customerId)}`);
    if (res.status === 404) return undefined;
    return this.http.expectOk(res, 'GET /checkout/{customerId}');
  }

  async update(customerId: string, request: CheckoutRequest): Promise<Checkout> {
    const res = await this.http.post<Checkout>(`/checkout/${segment(customerId)}/update`, request);
    return this.http.expectOk(res, 'POST /checkout/{customerId}/update');
  }

  async submit(customerId: string): Promise<CheckoutSubmitted> {
    const res = await this.http.post<CheckoutSubmitted>(`/checkout/${segment(customerId)}/submit`);
    return this.http.expectOk(res, 'POST /checkout/{customerId}/submit');
  }
}
