// Wire shapes of the orders API (spec/orders.md "Routes"). Numbers are integers.

export interface OrderItem {
  productId: string;
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
  lastName: string;
  email: string;
  items: OrderItem[];
}

/** Body of the `OrderCreatedEvent` published to the `orders-exchange` fanout exchange. */
export interface OrderCreatedEvent {
  order: {
    id: string;
    firstName: string;
    lastName: string;
    email: string;
    orderItems: Array<
      Pick<OrderItem, 'productId' | 'quantity' | 'unitCost' | 'name' | 'totalCost'>
    >;
  };
}
