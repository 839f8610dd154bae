import type { Checkout, CheckoutRequest, CheckoutSubmitted } from '@retail/contracts';
import { BackendClient, ClientOptions, HttpBackend, segment } from '../backend-client';

/** The checkout API the UI uses (spec/ui.md §7, spec/checkout.md). */
export abstract class CheckoutClient extends BackendClient {
  readonly service = 'checkout';
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
  private readonly backend: HttpBackend;

  constructor(baseUrl: string, options: ClientOptions = {}) {
    super();
    this.backend = new HttpBackend(this.service, baseUrl, '/health', options);
  }

  get baseUrl(): string {
    return this.backend.baseUrl;
  }

  async checkout(customerId: string): Promise<Checkout | undefined> {
    const res = await this.backend.http.get<Checkout>(`/checkout/${segment(customerId)}`);
    if (res.status === 404) return undefined;
    return this.backend.http.expectOk(res, 'GET /checkout/{customerId}');
  }

  async update(customerId: string, request: CheckoutRequest): Promise<Checkout> {
    const res = await this.backend.http.post<Checkout>(
      `/checkout/${segment(customerId)}/update`,
      request,
    );
    return this.backend.http.expectOk(res, 'POST /checkout/{customerId}/update');
  }

  async submit(customerId: string): Promise<CheckoutSubmitted> {
    const res = await this.backend.http.post<CheckoutSubmitted>(
      `/checkout/${segment(customerId)}/submit`,
    );
    return this.backend.http.expectOk(res, 'POST /checkout/{customerId}/submit');
  }

  health(): Promise<void> {
    return this.backend.health();
  }

  close(): Promise<void> {
    return this.backend.http.close();
  }
}
