import type {
  Checkout,
  CheckoutRequest,
  CheckoutSubmitted,
  ShippingOption,
} from '@retail/contracts';
import { UpstreamError } from '../http-client';
import { CheckoutClient } from './checkout.client';

/** The mock's one delivery option (spec/ui.md §3). */
const MOCK_SHIPPING: ShippingOption = {
  name: 'Standard',
  amount: 10,
  token: 'standard',
  estimatedDays: 3,
};

/**
 * Checkouts kept in this UI process. Prices follow the real service's rules (DESIGN.md): tax is
 * 5% once an address is known, shipping once a known option is chosen, each -1 until then, and
 * the total includes both. Order ids are visibly fake: `MOCK-000001`, … A repeated submit answers
 * with the first submission's result, as the checkout service does, until a new checkout starts.
 */
export class MockCheckoutClient extends CheckoutClient {
  private readonly checkouts = new Map<string, Checkout>();
  private readonly submitted = new Map<string, CheckoutSubmitted>();
  private orders = 0;

  checkout(customerId: string): Promise<Checkout | undefined> {
    return Promise.resolve(structuredClone(this.checkouts.get(customerId)));
  }

  update(customerId: string, request: CheckoutRequest): Promise<Checkout> {
    const subtotal = request.subtotal;
    const tax = request.shippingAddress ? Math.floor(subtotal / 20) : -1;
    const shipping =
      request.deliveryOptionToken === MOCK_SHIPPING.token ? MOCK_SHIPPING.amount : -1;
    const checkout: Checkout = {
      shippingRates: { shipmentId: 'mock-shipment', rates: [{ ...MOCK_SHIPPING }] },
      request: structuredClone(request),
      paymentId: 'mock-payment',
      paymentToken: 'mock-payment-token',
      shipping,
      tax,
      total: subtotal + Math.max(tax, 0) + Math.max(shipping, 0),
    };
    this.checkouts.set(customerId, checkout);
    this.submitted.delete(customerId);
    return Promise.resolve(structuredClone(checkout));
  }

  submit(customerId: string): Promise<CheckoutSubmitted> {
    const repeat = this.submitted.get(customerId);
    if (repeat) return Promise.resolve({ ...repeat });
    const checkout = this.checkouts.get(customerId);
    if (!checkout) {
      return Promise.reject(
        new UpstreamError('checkout', 'status', 'no checkout in progress', 404),
      );
    }
    const { request } = checkout;
    if (!request.shippingAddress || !request.items?.length) {
      const missing = request.shippingAddress ? 'items' : 'shipping address';
      return Promise.reject(
        new UpstreamError('checkout', 'status', `the checkout has no ${missing}`, 400),
      );
    }
    this.checkouts.delete(customerId);
    this.orders += 1;
    const result: CheckoutSubmitted = {
      orderId: `MOCK-${String(this.orders).padStart(6, '0')}`,
      customerEmail: request.customerEmail,
    };
    this.submitted.set(customerId, result);
    return Promise.resolve({ ...result });
  }
}
