import { Inject, Injectable } from '@nestjs/common';
import { OrdersClient, OrderSubmission, UpstreamError } from '@retail/clients';
import type { Checkout, CheckoutRequest, CheckoutSubmitted } from '@retail/contracts';
import { APP_LOGGER, type AppLogger, Metrics } from '@retail/service-kit';
import { Counter } from 'prom-client';
import { CHECKOUT_CONFIG, type CheckoutConfig } from '../config/checkout.config';
import { CheckoutNotFoundError, OrderNotPlacedError } from './checkout.errors';
import { toOrderSubmission } from './orders/order-submission';
import { CheckoutRepository } from './persistence/checkout.repository';
import { priceCheckout } from './pricing/pricing';

@Injectable()
export class CheckoutService {
  private readonly submissions: Counter<'result'>;

  constructor(
    private readonly repository: CheckoutRepository,
    private readonly orders: OrdersClient,
    @Inject(CHECKOUT_CONFIG) private readonly config: CheckoutConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    metrics: Metrics,
  ) {
    this.submissions = new Counter({
      name: 'checkout_submissions_total',
      help: 'Checkout submissions, by result: placed, incomplete (400) or failed (orders, 502)',
      labelNames: ['result'],
      registers: [metrics.registry],
    });
  }

  async get(customerId: string): Promise<Checkout> {
    const checkout = await this.repository.find(customerId);
    if (!checkout) throw new CheckoutNotFoundError(customerId);
    return checkout;
  }

  /** Replaces the customer's checkout with `request`, priced afresh (spec: nothing is merged). */
  async update(customerId: string, request: CheckoutRequest): Promise<Checkout> {
    const checkout = priceCheckout(request, {
      shippingNamePrefix: this.config.shippingNamePrefix,
    });
    await this.repository.save(customerId, checkout);
    return checkout;
  }

  /**
   * Places the checkout as an order, then deletes it. When orders does not take the order the
   * checkout is kept, so the customer can submit again.
   */
  async submit(customerId: string): Promise<CheckoutSubmitted> {
    const { request } = await this.get(customerId);
    let order: OrderSubmission;
    try {
      order = toOrderSubmission(request);
    } catch (error) {
      this.submissions.inc({ result: 'incomplete' });
      throw error;
    }
    const placed = await this.orders.create(order).catch((error: unknown) => {
      this.submissions.inc({ result: 'failed' });
      if (!(error instanceof UpstreamError)) throw error;
      throw new OrderNotPlacedError(
        `Order not placed: ${error.message}; the checkout is kept, submit it again`,
        { cause: error },
      );
    });
    this.submissions.inc({ result: 'placed' });
    this.logger.info({ customerId, orderId: placed.id }, 'order placed');
    // The order exists now: a failed delete must not read as a failed submit (which invites a
    // second order); the stale checkout expires with its TTL.
    await this.repository.delete(customerId).catch((error: unknown) => {
      this.logger.error(
        { customerId, err: error },
        'order placed but the checkout was not deleted',
      );
    });
    return {
      ...(placed.id !== undefined ? { orderId: placed.id } : {}),
      ...(request.customerEmail !== undefined ? { customerEmail: request.customerEmail } : {}),
    };
  }
}
