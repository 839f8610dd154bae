import { MockCatalogClient } from '@retail/clients';
import { CachedCatalogClient } from './cached-catalog.client';

describe(CachedCatalogClient.name, () => {
  afterEach(() => jest.useRealTimers());

  it('answers a repeated query from memory until the time to live has passed', async () => {
    jest.useFakeTimers({ now: 0 });
    const inner = new MockCatalogClient();
    const spy = jest.spyOn(inner, 'products');
    const cached = new CachedCatalogClient(inner, 1000);
    await cached.products({ page: 1, size: 3 });
    await cached.products({ page: 1, size: 3 });
    await cached.products({ page: 2, size: 3 });
    expect(spy).toHaveBeenCalledTimes(2);
    jest.setSystemTime(1001);
    await cached.products({ page: 1, size: 3 });
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('never keeps a failure', async () => {
    const inner = new MockCatalogClient();
    const spy = jest
      .spyOn(inner, 'tags')
      .mockRejectedValueOnce(new Error('down'))
      .mockResolvedValueOnce([{ name: 'a', displayName: 'A' }]);
    const cached = new CachedCatalogClient(inner, 60_000);
    await expect(cached.tags()).rejects.toThrow('down');
    await expect(cached.tags()).resolves.toEqual([{ name: 'a', displayName: 'A' }]);
    await expect(cached.tags()).resolves.toEqual([{ name: 'a', displayName: 'A' }]);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('keeps the real client’s base URL and health', async () => {
    const cached = new CachedCatalogClient(new MockCatalogClient(), 1000);
    expect(cached.baseUrl).toBeUndefined();
    await expect(cached.health()).resolves.toBeUndefined();
  });
});
