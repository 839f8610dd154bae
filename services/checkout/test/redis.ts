import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const REDIS_PORT = 6379;
export const REDIS_URL = `redis://127.0.0.1:${REDIS_PORT}`;

/** A name of its own for one test run; every key the run writes contains it. */
export const runId = (): string => `checkout-test-${randomBytes(4).toString('hex')}`;

/** Deletes every key matching `pattern` (SCAN, never KEYS), leaving other users' keys alone. */
export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
