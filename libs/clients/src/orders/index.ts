export {
  HttpOrdersClient,
  MockOrdersClient,
  OrdersClient,
  type OrderSubmission,
  type PlacedOrder,
} from './orders.client';
