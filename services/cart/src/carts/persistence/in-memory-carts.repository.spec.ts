import { describeCartsRepository } from '../../../test/carts-repository.suite';
import { InMemoryCartsRepository } from './in-memory-carts.repository';

describe(InMemoryCartsRepository.name, () => {
  const repository = new InMemoryCartsRepository();
  describeCartsRepository(() => repository);

  it('hands out copies: changing a returned line changes nothing stored', async () => {
    const added = await repository.add('copies', { itemId: 'p1', quantity: 1, unitPrice: 1 });
    added.quantity = 99;
    const [listed] = await repository.items('copies');
    listed.unitPrice = 99;
    await expect(repository.item('copies', 'p1')).resolves.toEqual({
      itemId: 'p1',
      quantity: 1,
      unitPrice: 1,
    });
  });
});
