import { OrdersClient, PlacedOrder } from './orders.client';

/** Mock mode (no ENDPOINTS_ORDERS): nothing is sent, and every order gets the reference's id. */
export class MockOrdersClient extends OrdersClient {
  static readonly ORDER_ID = 'abc123';
  readonly baseUrl = undefined;

  create(): Promise<PlacedOrder> {
    return Promise.resolve({ id: MockOrdersClient.ORDER_ID });
  }

  health(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
