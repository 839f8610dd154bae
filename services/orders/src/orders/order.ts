/** One line of an order. `unitCost` and `totalCost` are stored as sent: the server computes nothing. */
export interface OrderItem {
  productId: string | null;
  name: string;
  quantity: number;
  unitCost: number;
  totalCost: number;
}

/** An order as the service reasons about it; items keep the order they were sent in. */
export interface Order {
  id: string;
  firstName: string;
  lastName: string | null;
  email: string | null;
  items: OrderItem[];
}
