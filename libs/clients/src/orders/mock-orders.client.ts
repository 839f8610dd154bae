import { OrdersClient, PlacedOrder } from './orders.client';

/** Mock mode (no ENDPOINTS_ORDERS): nothing is sent, and every order gets the reference's id. */
export class MockOrdersClient extends OrdersClient {
  static readonly ORDER_ID = 'abc123';

  create(): Promise<PlacedOrder> {
    return Promise.resolve({ id: MockOrdersClient.ORDER_ID });
  }
}
