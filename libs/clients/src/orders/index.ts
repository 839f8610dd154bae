export {
  HttpOrdersClient,
  OrdersClient,
  type OrderSubmission,
  type PlacedOrder,
} from './orders.client';
export { MockOrdersClient } from './mock-orders.client';
