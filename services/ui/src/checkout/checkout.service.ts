import { Injectable } from '@nestjs/common';
import { CartsClient, CheckoutClient, UpstreamError } from '@retail/clients';
import type { CartItem, Checkout, CheckoutItem, CheckoutRequest } from '@retail/contracts';
import { CartService } from '../cart/cart.service';
import type { CartContents } from '../cart/cart.views';
import { AddressForm, readAddressForm, shippingAddressOf, validateAddress } from './address-form';
import {
  CheckoutIncompleteError,
  CheckoutNotStartedError,
  EmptyCartError,
} from './checkout.errors';
import type {
  AddressStepPage,
  CheckoutStepPage,
  ConfirmationPage,
  DeliveryStepPage,
  Step,
} from './checkout.views';
import { US_STATES } from './us-states';

const STEPS = [
  { label: 'Customer', partial: 'checkout-address' },
  { label: 'Shipping', partial: 'checkout-delivery' },
  { label: 'Payment', partial: 'checkout-payment' },
  { label: 'Review', partial: 'checkout-review' },
];
// Spec/ui.md §6.7: a delivery token is letters, digits and dashes.
const TOKEN = /^[A-Za-z0-9-]{1,64}$/;
const SELECT_DELIVERY = 'Please select a delivery method.';
const CART_CHANGED =
  'Your cart changed after you began checking out. Please review your order below and confirm it again.';

const EMPTY_FORM: AddressForm = readAddressForm({});

/**
 * The checkout steps (spec/ui.md §5–§7): each step reads the checkout, changes its request and
 * posts the whole request back, as the checkout API expects.
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly checkouts: CheckoutClient,
    private readonly carts: CartsClient,
    private readonly cart: CartService,
  ) {}

  /**
   * (Re)starts the checkout from the cart and shows the address step. With `keep`, a checkout
   * in progress is shown as it is instead.
   */
  async start(customerId: string, keep = false): Promise<AddressStepPage> {
    const existing = keep ? await this.checkouts.checkout(customerId) : undefined;
    if (existing) return this.addressStep(existing, EMPTY_FORM, {});
    const contents = await this.cart.contents(customerId);
    if (contents.lines.length === 0) throw new EmptyCartError();
    const checkout = await this.checkouts.update(customerId, {
      customerEmail: null,
      ...itemsOf(contents),
      shippingAddress: null,
      deliveryOptionToken: null,
    });
    return this.addressStep(checkout, EMPTY_FORM, {});
  }

  /** Valid address → the delivery step; otherwise the address step again with the errors. */
  async address(customerId: string, body: unknown): Promise<AddressStepPage | DeliveryStepPage> {
    const form = readAddressForm(body);
    const errors = validateAddress(form);
    const current = await this.current(customerId);
    if (Object.keys(errors).length > 0) {
      return { ...this.addressStep(current, form, errors), invalid: true };
    }
    const updated = await this.update(customerId, current, {
      customerEmail: form.email,
      shippingAddress: shippingAddressOf(form),
    });
    return this.deliveryStep(updated);
  }

  /** A token among the offered options → the payment step; otherwise delivery with an alert. */
  async delivery(customerId: string, body: unknown): Promise<DeliveryStepPage | CheckoutStepPage> {
    const token = (body as Record<string, unknown> | undefined)?.token;
    const current = await this.current(customerId);
    const offered = current.shippingRates.rates.some((r) => r.token === token);
    if (typeof token !== 'string' || !TOKEN.test(token) || !offered) {
      return { ...this.deliveryStep(current), alert: SELECT_DELIVERY, invalid: true };
    }
    const updated = await this.update(customerId, current, { deliveryOptionToken: token });
    return this.frame(updated, 3);
  }

  /** Card fields are ignored (spec/ui.md §6.7): nothing is charged, nothing is kept. */
  async payment(customerId: string): Promise<CheckoutStepPage> {
    return this.frame(await this.current(customerId), 4);
  }

  /**
   * Places the order, then empties the cart; the cart is kept if the order is refused. A cart
   * that no longer holds what the checkout does (an item added in another tab) is not ordered:
   * the review step shows the cart's items again, to be confirmed anew (a page, not an error:
   * the checkout now holds them). Safe to repeat: a second confirm gets the first one's order
   * from checkout.
   */
  async confirm(customerId: string): Promise<ConfirmationPage | CheckoutStepPage> {
    const [checkout, cart] = await Promise.all([
      this.checkouts.checkout(customerId),
      this.carts.cart(customerId),
    ]);
    if (checkout && cartChanged(checkout.request.items ?? [], cart.items)) {
      const contents = await this.cart.contents(customerId);
      const updated = await this.update(customerId, checkout, itemsOf(contents));
      return { ...this.frame(updated, 4), notices: [CART_CHANGED] };
    }
    let submitted;
    try {
      submitted = await this.checkouts.submit(customerId);
    } catch (error) {
      if (error instanceof UpstreamError && error.status === 404)
        throw new CheckoutNotStartedError();
      if (error instanceof UpstreamError && error.status === 400)
        throw new CheckoutIncompleteError();
      throw error;
    }
    const notices: string[] = [];
    // Without a checkout this is a repeat: the first confirm empties the cart.
    if (checkout && cart.items.length > 0) {
      await this.carts.deleteCart(customerId).catch(() => {
        notices.push(
          'Your order is placed, but your cart could not be emptied (the cart service did not answer).',
        );
      });
    }
    return {
      breadcrumbs: [{ label: 'Order' }],
      orderId: submitted.orderId ?? '',
      email: submitted.customerEmail ?? '',
      notices,
      cartQuantity: checkout && !notices.length ? 0 : undefined,
    };
  }

  private async current(customerId: string): Promise<Checkout> {
    const checkout = await this.checkouts.checkout(customerId);
    if (!checkout) throw new CheckoutNotStartedError();
    return checkout;
  }

  private update(
    customerId: string,
    current: Checkout,
    changes: Partial<CheckoutRequest>,
  ): Promise<Checkout> {
    return this.checkouts.update(customerId, { ...current.request, ...changes });
  }

  private addressStep(
    checkout: Checkout,
    form: AddressForm,
    errors: AddressStepPage['errors'],
  ): AddressStepPage {
    return {
      ...this.frame(checkout, 1),
      form,
      errors,
      states: US_STATES.map((s) => ({ ...s, selected: s.code === form.state })),
    };
  }

  private deliveryStep(checkout: Checkout): DeliveryStepPage {
    return {
      ...this.frame(checkout, 2),
      options: checkout.shippingRates.rates.map((r) => ({
        token: r.token,
        name: r.name,
        amount: r.amount,
        estimatedDays: r.estimatedDays,
      })),
    };
  }

  private frame(checkout: Checkout, step: number): CheckoutStepPage {
    const steps: Step[] = STEPS.map(({ label }, i) => ({
      number: i + 1,
      label,
      done: i + 1 < step,
      current: i + 1 === step,
    }));
    const { request } = checkout;
    return {
      breadcrumbs: [{ label: 'Cart', href: '/cart' }, { label: 'Checkout' }],
      stepPartial: STEPS[step - 1].partial,
      steps,
      summary: {
        items: (request.items ?? []).map((i) => ({
          name: i.name,
          imageUrl: i.imageUrl,
          quantity: i.quantity,
          unitCost: i.unitCost,
          totalCost: i.totalCost,
        })),
        subtotal: request.subtotal,
        tax: checkout.tax,
        shipping: checkout.shipping,
        total: checkout.total,
      },
    };
  }
}

/** The checkout's items and subtotal, taken from the cart. */
function itemsOf(contents: CartContents): Pick<CheckoutRequest, 'items' | 'subtotal'> {
  return {
    items: contents.lines.map((l) => ({
      id: l.productId,
      name: l.name,
      quantity: l.quantity,
      unitCost: l.price,
      totalCost: l.total,
      imageUrl: l.imageUrl,
    })),
    subtotal: contents.subtotal,
  };
}

/**
 * Whether the cart holds other products or quantities than the checkout. An empty cart counts
 * as unchanged: a confirm running alongside may just have emptied it after ordering.
 */
function cartChanged(ordered: CheckoutItem[], cart: CartItem[]): boolean {
  if (cart.length === 0) return false;
  const quantities = new Map(ordered.map((i) => [i.id, i.quantity]));
  return (
    cart.length !== ordered.length || cart.some((i) => quantities.get(i.itemId) !== i.quantity)
  );
}
