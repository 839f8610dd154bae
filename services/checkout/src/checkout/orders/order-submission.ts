import type { CheckoutItem, CheckoutRequest } from '@retail/contracts';
import type { OrderSubmission } from '@retail/clients';
import { CheckoutIncompleteError } from '../checkout.errors';

/**
 * The order a checkout becomes (DESIGN fixes: the shipping address's names, not "John Doe"; items
 * carry `unitCost` and `price`). Throws CheckoutIncompleteError when there is no shipping address
 * or no item, before anything is sent.
 */
export function toOrderSubmission(request: CheckoutRequest): OrderSubmission {
  const address = request.shippingAddress;
  const items = itemsOf(request);
  const missing = [
    ...(address === undefined || address === null
      ? ['shippingAddress']
      : blank(address.firstName)
        ? ['shippingAddress.firstName']
        : []),
    ...(items.length === 0 ? ['items'] : []),
    // Orders refuses an order without a name or an item without one: say so before sending.
    ...items.flatMap((item, i) => (blank(item.name) ? [`items.${i}.name`] : [])),
  ];
  if (!address || missing.length > 0) throw new CheckoutIncompleteError(missing);
  return {
    firstName: address.firstName,
    lastName: address.lastName,
    // Left out when the checkout has no email, null when it was null (spec: keys follow sources).
    ...(request.customerEmail !== undefined ? { email: request.customerEmail } : {}),
    items: items.map((i) => ({
      productId: i.id,
      name: i.name,
      quantity: i.quantity,
      unitCost: i.unitCost,
      price: i.unitCost,
      totalCost: i.totalCost,
    })),
  };
}

const blank = (text: string): boolean => !/\S/.test(text);

// Validation accepts a single item object in place of the array (spec quirk); it is one item.
function itemsOf(request: CheckoutRequest): CheckoutItem[] {
  const items: CheckoutItem[] | CheckoutItem | undefined = request.items;
  if (items === undefined) return [];
  return Array.isArray(items) ? items : [items];
}
