// Wire shapes of the checkout API (spec/checkout.md "Data shapes"). The UI decodes strictly:
// no property may be added to a response.

export interface CheckoutItem {
  id: string;
  name: string;
  quantity: number;
  unitCost: number;
  totalCost: number;
  imageUrl: string;
}

export interface ShippingAddress {
  firstName: string;
  lastName: string;
  address1: string;
  address2?: string | null;
  city: string;
  state: string;
  zip: string;
}

/** Body of `POST /checkout/{customerId}/update`; unknown fields and explicit nulls round-trip. */
export interface CheckoutRequest {
  customerEmail?: string | null;
  items?: CheckoutItem[];
  shippingAddress?: ShippingAddress | null;
  subtotal: number;
  deliveryOptionToken?: string | null;
}

export interface ShippingOption {
  name: string;
  amount: number;
  token: string;
  estimatedDays: number;
}

export interface ShippingRates {
  shipmentId: string;
  rates: ShippingOption[];
}

/** Response of GET and update, in the reference's key order. `-1` marks a part not yet known. */
export interface Checkout {
  shippingRates: ShippingRates;
  request: CheckoutRequest;
  paymentId: string;
  paymentToken: string;
  shipping: number;
  tax: number;
  total: number;
}

/** Response of submit. `customerEmail` is omitted when the request had none. */
export interface CheckoutSubmitted {
  orderId?: string;
  customerEmail?: string | null;
}
