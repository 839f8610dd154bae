import { TimeoutError, withTimeout } from './timeout';

describe(withTimeout.name, () => {
  it('settles like the work when it is in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 100)).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('boom')), 100)).rejects.toThrow('boom');
  });

  it('rejects with TimeoutError when the work hangs', async () => {
    await expect(withTimeout(new Promise(() => undefined), 20)).rejects.toBeInstanceOf(
      TimeoutError,
    );
  });
});
