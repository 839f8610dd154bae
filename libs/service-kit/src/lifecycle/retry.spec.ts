import { retryWithBackoff } from './retry';

describe(retryWithBackoff.name, () => {
  it('retries with growing delays until the attempt succeeds', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await retryWithBackoff(
      () => (++calls < 3 ? Promise.reject(new Error('not yet')) : Promise.resolve('up')),
      {
        what: 'db',
        maxDurationMs: 5000,
        initialDelayMs: 10,
        onRetry: (_n, delay) => delays.push(delay),
      },
    );
    expect(result).toBe('up');
    expect(delays).toEqual([10, 20]);
  });

  it('gives up within its budget with a message naming what it waited for', async () => {
    const started = Date.now();
    await expect(
      retryWithBackoff(() => Promise.reject(new Error('ECONNREFUSED')), {
        what: 'MySQL at db:3306',
        maxDurationMs: 200,
        initialDelayMs: 20,
      }),
    ).rejects.toThrow(
      /^MySQL at db:3306 not reachable after \d+ attempts in \d+ ms: ECONNREFUSED$/,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
