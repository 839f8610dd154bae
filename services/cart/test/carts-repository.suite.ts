import { randomUUID } from 'node:crypto';
import { MAX_INT32 } from '../src/carts/cart';
import { QuantityLimitError } from '../src/carts/carts.errors';
import { CartsRepository } from '../src/carts/persistence/carts.repository';

/**
 * What every CartsRepository does, run against each implementation (in memory, DynamoDB on
 * dynalite) so the two stores cannot drift. `repository` is called inside each test; customer
 * ids are fresh per test, so implementations may share one store across tests.
 */
export function describeCartsRepository(repository: () => CartsRepository): void {
  let customer: string;
  let other: string;
  const line = (itemId: string, quantity = 1, unitPrice = 150) => ({
    itemId,
    quantity,
    unitPrice,
  });

  beforeEach(() => {
    customer = `c-${randomUUID()}`;
    other = `${customer}x`; // shares a prefix: keys must still not mix
  });

  it('lists no lines for a customer never seen', async () => {
    await expect(repository().items(customer)).resolves.toEqual([]);
    await expect(repository().item(customer, 'p1')).resolves.toBeUndefined();
  });

  it('creates a line with the requested quantity and price and returns it', async () => {
    await expect(repository().add(customer, line('p1', 3, 150))).resolves.toEqual(
      line('p1', 3, 150),
    );
    await expect(repository().items(customer)).resolves.toEqual([line('p1', 3, 150)]);
    await expect(repository().item(customer, 'p1')).resolves.toEqual(line('p1', 3, 150));
  });

  it('adds to an existing line and keeps its price', async () => {
    await repository().add(customer, line('p1', 2, 150));
    await expect(repository().add(customer, line('p1', 5, 999))).resolves.toEqual(
      line('p1', 7, 150),
    );
    await expect(repository().items(customer)).resolves.toEqual([line('p1', 7, 150)]);
  });

  it('lists lines by itemId and keeps customers apart', async () => {
    await repository().add(customer, line('p2'));
    await repository().add(customer, line('p10'));
    await repository().add(customer, line('p1.5'));
    await repository().add(other, line('p1'));
    const items = await repository().items(customer);
    expect(items.map((i) => i.itemId)).toEqual(['p1.5', 'p10', 'p2']);
    await expect(repository().items(other)).resolves.toEqual([line('p1')]);
    await expect(repository().item(other, 'p2')).resolves.toBeUndefined();
  });

  it('keeps ids with dots, slashes, spaces and non-ASCII characters intact', async () => {
    const ids = ['a.b.c', 'x/y', 'with space', 'ünï-çødé ✓'];
    for (const id of ids) await repository().add(customer, line(id));
    const items = await repository().items(customer);
    expect(items.map((i) => i.itemId).sort()).toEqual([...ids].sort());
    for (const id of ids) await expect(repository().item(customer, id)).resolves.toEqual(line(id));
  });

  it('refuses an add past the largest quantity and leaves the line as it was', async () => {
    await repository().add(customer, line('p1', MAX_INT32 - 1));
    await expect(repository().add(customer, line('p1', 2))).rejects.toBeInstanceOf(
      QuantityLimitError,
    );
    await expect(repository().item(customer, 'p1')).resolves.toEqual(line('p1', MAX_INT32 - 1));
    await expect(repository().add(customer, line('p1', 1))).resolves.toEqual(line('p1', MAX_INT32));
  });

  it('never loses a unit under 50 concurrent adds of the same item', async () => {
    await Promise.all(
      Array.from({ length: 50 }, () => repository().add(customer, line('hot', 1, 5))),
    );
    await expect(repository().item(customer, 'hot')).resolves.toEqual(line('hot', 50, 5));
  });

  describe('update', () => {
    it('replaces quantity and price of an existing line', async () => {
      await repository().add(customer, line('p1', 4, 150));
      await expect(repository().update(customer, line('p1', 1, 99))).resolves.toBe(true);
      await expect(repository().items(customer)).resolves.toEqual([line('p1', 1, 99)]);
    });

    it('answers false and stores nothing for a line that is not there', async () => {
      await repository().add(other, line('p1'));
      await expect(repository().update(customer, line('p1', 9, 9))).resolves.toBe(false);
      await expect(repository().items(customer)).resolves.toEqual([]);
      await expect(repository().items(other)).resolves.toEqual([line('p1')]);
    });
  });

  describe('remove', () => {
    it('removes one line and returns it as it was', async () => {
      await repository().add(customer, line('p1', 2));
      await repository().add(customer, line('p2'));
      await expect(repository().remove(customer, 'p1')).resolves.toEqual(line('p1', 2));
      await expect(repository().items(customer)).resolves.toEqual([line('p2')]);
    });

    it('answers undefined for a line that is not there', async () => {
      await repository().add(other, line('p1'));
      await expect(repository().remove(customer, 'p1')).resolves.toBeUndefined();
      await expect(repository().items(other)).resolves.toEqual([line('p1')]);
    });

    it('hands a line to exactly one of two concurrent removers', async () => {
      await repository().add(customer, line('p1', 3));
      const results = await Promise.all([
        repository().remove(customer, 'p1'),
        repository().remove(customer, 'p1'),
      ]);
      expect(results.filter((r) => r !== undefined)).toEqual([line('p1', 3)]);
    });
  });

  describe('clear', () => {
    it("removes every line of the customer, more than one batch's worth, and no one else's", async () => {
      for (let i = 0; i < 30; i++) await repository().add(customer, line(`p${i}`));
      await repository().add(other, line('p1'));
      await repository().clear(customer);
      await expect(repository().items(customer)).resolves.toEqual([]);
      await expect(repository().items(other)).resolves.toEqual([line('p1')]);
    });

    it('is a no-op for an empty cart', async () => {
      await expect(repository().clear(customer)).resolves.toBeUndefined();
      await expect(repository().items(customer)).resolves.toEqual([]);
    });
  });
}
