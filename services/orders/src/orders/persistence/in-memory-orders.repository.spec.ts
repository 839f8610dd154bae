import { InMemoryOrdersRepository, InMemoryOutbox } from './in-memory-orders.repository';
import { describeOrdersRepository } from '../../../test/orders-repository.suite';

describeOrdersRepository('in memory', () => {
  const outbox = new InMemoryOutbox();
  return Promise.resolve({
    orders: new InMemoryOrdersRepository(outbox),
    outbox,
    close: () => Promise.resolve(),
  });
});
