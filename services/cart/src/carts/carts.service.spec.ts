import { CartItem } from './cart';
import { ItemNotFoundError, QuantityLimitError } from './carts.errors';
import { CartsService } from './carts.service';
import { InMemoryCartsRepository } from './persistence/in-memory-carts.repository';

const item = (itemId: string, quantity = 1, unitPrice = 10): CartItem => ({
  itemId,
  quantity,
  unitPrice,
});

describe(CartsService.name, () => {
  let repository: InMemoryCartsRepository;
  let service: CartsService;

  beforeEach(() => {
    repository = new InMemoryCartsRepository();
    service = new CartsService(repository);
  });

  describe('item', () => {
    it('throws ItemNotFoundError for an item not in the cart', async () => {
      await expect(service.item('c', 'p1')).rejects.toBeInstanceOf(ItemNotFoundError);
    });
  });

  describe('update', () => {
    it('throws ItemNotFoundError and stores nothing for an item not in the cart', async () => {
      await expect(service.update('c', item('p1'))).rejects.toBeInstanceOf(ItemNotFoundError);
      await expect(repository.items('c')).resolves.toEqual([]);
    });
  });

  describe('merge', () => {
    it("moves the session's lines into the customer's cart, adding quantities", async () => {
      await repository.add('customer', item('p1', 1, 10));
      await repository.add('session', item('p1', 2, 99));
      await repository.add('session', item('p2', 3, 20));
      await service.merge('customer', 'session');
      await expect(repository.items('customer')).resolves.toEqual([
        item('p1', 3, 10),
        item('p2', 3, 20),
      ]);
      await expect(repository.items('session')).resolves.toEqual([]);
    });

    it('leaves a cart merged into itself as it was', async () => {
      await repository.add('c', item('p1', 2));
      await service.merge('c', 'c');
      await expect(repository.items('c')).resolves.toEqual([item('p1', 2)]);
    });

    it('moves each line once when two merges of one session run at the same time', async () => {
      await repository.add('session', item('p1', 2));
      await repository.add('session', item('p2', 1));
      await Promise.all([
        service.merge('customer', 'session'),
        service.merge('customer', 'session'),
      ]);
      await expect(repository.items('customer')).resolves.toEqual([item('p1', 2), item('p2', 1)]);
    });

    it('puts a line back in the session cart when the customer cart cannot take it', async () => {
      await repository.add('customer', item('p1', 2_147_483_647));
      await repository.add('session', item('p1', 1));
      await expect(service.merge('customer', 'session')).rejects.toBeInstanceOf(QuantityLimitError);
      await expect(repository.items('session')).resolves.toEqual([item('p1', 1)]);
      await expect(repository.items('customer')).resolves.toEqual([item('p1', 2_147_483_647)]);
    });
  });
});
