// Wire shapes of the orders API (spec/orders.md "Routes"). Numbers are integers.

export interface OrderItem {
  /** null when the request had none. */
  productId: string | null;
  name: string;
  quantity: number;
  unitCost: number;
  totalCost: number;
  /** Equal to `unitCost` in responses; a fallback for `unitCost` in requests. */
  price: number;
}

/** `POST /orders` body. Any `id` sent is ignored. */
export interface CreateOrderRequest {
  firstName: string;
  lastName: string;
  email: string;
  items: Array<
    Partial<Pick<OrderItem, 'unitCost' | 'price' | 'totalCost' | 'quantity'>> &
      Pick<OrderItem, 'productId' | 'name'>
  >;
}

/** An order as the API returns it (the reference's `ExistingOrder`). */
export interface Order {
  id: string;
  firstName: string;
  /** null when the request had none: the reference serialises nulls. */
  lastName: string | null;
  email: string | null;
  items: OrderItem[];
}

/** Body of the `OrderCreatedEvent` published to the `orders-exchange` fanout exchange. */
export interface OrderCreatedEvent {
  order: {
    id: string;
    firstName: string;
    /** Left out when null, as the reference's Jackson settings do for `order`. */
    lastName?: string;
    email?: string;
    orderItems: Array<
      Pick<OrderItem, 'productId' | 'quantity' | 'unitCost' | 'name' | 'totalCost'>
    >;
  };
}
