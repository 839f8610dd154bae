import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { OrdersClient, OrderSubmission, UpstreamError } from '@retail/clients';
import type { Checkout, CheckoutRequest, CheckoutSubmitted } from '@retail/contracts';
import { APP_LOGGER, type AppLogger, Metrics } from '@retail/service-kit';
import { Counter } from 'prom-client';
import { CHECKOUT_CONFIG, type CheckoutConfig } from '../config/checkout.config';
import { CheckoutNotFoundError, OrderNotPlacedError } from './checkout.errors';
import { toOrderSubmission } from './orders/order-submission';
import { CheckoutRepository, SubmitClaim } from './persistence/checkout.repository';
import { priceCheckout } from './pricing/pricing';

// How often a submit that finds another one under way looks again.
const BUSY_POLL_MS = 25;
// A claim outlives the call to orders by this much; a crashed submit frees it after that.
const CLAIM_MARGIN_MS = 5000;

@Injectable()
export class CheckoutService {
  private readonly submissions: Counter<'result'>;
  private readonly leaseMs: number;

  constructor(
    private readonly repository: CheckoutRepository,
    private readonly orders: OrdersClient,
    @Inject(CHECKOUT_CONFIG) private readonly config: CheckoutConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    metrics: Metrics,
  ) {
    this.leaseMs = (config.orders.kind === 'http' ? config.orders.timeoutMs : 0) + CLAIM_MARGIN_MS;
    this.submissions = new Counter({
      name: 'checkout_submissions_total',
      help: 'Checkout submissions, by result: placed, repeated (200, the first answer), incomplete (400) or failed (orders, 502)',
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
   * checkout is kept, so the customer can submit again. Idempotent: the checkout is claimed, so
   * concurrent submits wait for the first; a repeat after the order was placed gets the first
   * answer (`repeated`); and orders gets an idempotency key derived from the stored checkout, so
   * even a submit repeated after a timeout (or a lost claim) finds the order already placed.
   */
  async submit(customerId: string): Promise<{ answer: CheckoutSubmitted; repeated: boolean }> {
    for (;;) {
      const claim = await this.repository.claimSubmit(customerId, this.leaseMs);
      switch (claim.kind) {
        case 'none':
          throw new CheckoutNotFoundError(customerId);
        case 'submitted':
          this.submissions.inc({ result: 'repeated' });
          return { answer: claim.answer, repeated: true };
        case 'claimed':
          return { answer: await this.place(customerId, claim), repeated: false };
        case 'busy':
          // Another submit of this checkout is under way: its answer is this one's too.
          await sleep(BUSY_POLL_MS);
      }
    }
  }

  private async place(
    customerId: string,
    claim: Extract<SubmitClaim, { kind: 'claimed' }>,
  ): Promise<CheckoutSubmitted> {
    const { request } = claim.checkout;
    const release = () =>
      this.repository.releaseSubmit(customerId, claim.token).catch((error: unknown) => {
        // The claim's lease ends it anyway.
        this.logger.warn({ customerId, err: error }, 'submit claim not released');
      });
    let order: OrderSubmission;
    try {
      order = toOrderSubmission(request);
    } catch (error) {
      this.submissions.inc({ result: 'incomplete' });
      await release();
      throw error;
    }
    const placed = await this.orders
      .create(order, idempotencyKey(customerId, claim.json))
      .catch(async (error: unknown) => {
        this.submissions.inc({ result: 'failed' });
        await release();
        if (!(error instanceof UpstreamError)) throw error;
        // Without an answer, orders may still place it: say so, and that a repeat is safe.
        throw new OrderNotPlacedError(
          error.reason === 'timeout'
            ? `Order not confirmed: ${error.message}; the checkout is kept, submit it again (a repeat never places a second order)`
            : `Order not placed: ${error.message}; the checkout is kept, submit it again`,
          { cause: error },
        );
      });
    this.submissions.inc({ result: 'placed' });
    this.logger.info({ customerId, orderId: placed.id }, 'order placed');
    const answer: CheckoutSubmitted = {
      ...(placed.id !== undefined ? { orderId: placed.id } : {}),
      ...(request.customerEmail !== undefined ? { customerEmail: request.customerEmail } : {}),
    };
    // The order exists now: a failed write must not read as a failed submit. The checkout stays
    // until its TTL, and a repeat sends the same idempotency key, so orders answers this order.
    await this.repository.completeSubmit(customerId, claim, answer).catch((error: unknown) => {
      this.logger.error(
        { customerId, err: error },
        'order placed but the checkout was not deleted',
      );
    });
    return answer;
  }
}

/**
 * One key per stored checkout: every update draws new random ids, so a changed checkout is a new
 * order, and the same one sent again is the same order.
 */
const idempotencyKey = (customerId: string, checkoutJson: string): string =>
  createHash('sha256').update(customerId).update('\0').update(checkoutJson).digest('base64url');
