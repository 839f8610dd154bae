import { setTimeout as sleep } from 'node:timers/promises';
import type { TcpProxy } from '@retail/testing';
import { summarize, type Load, type Sample } from './load';

/** The bounds: an answer within 6 s while a backend is away, full service 5 s after. */
export const ANSWER_WITHIN_MS = 6_000;
export const RECOVERED_WITHIN_MS = 5_000;

export interface OutageRun {
  samples: Sample[];
  /** When the backend went away and came back, ms into the load. */
  down: number;
  up: number;
}

/**
 * Load runs `before` ms against a healthy backend; then the proxy in front of the backend drops
 * every connection and refuses new ones for `away` ms; then it is back for `after` ms.
 */
export async function playOutage(
  load: Load,
  proxy: TcpProxy,
  { before = 1_500, away = 3_000, after = RECOVERED_WITHIN_MS + 2_000 } = {},
): Promise<OutageRun> {
  await sleep(before);
  const down = load.now();
  await proxy.stop();
  await sleep(away);
  const up = load.now();
  await proxy.start();
  await sleep(after);
  return { samples: await load.stop(), down, up };
}

const ok = (s: Sample) => s.status !== undefined && s.status >= 200 && s.status < 300;

/**
 * The rules of the issue for one outage: every request answered (no connection error, no hang)
 * within ANSWER_WITHIN_MS; 2xx before; while away and until RECOVERED_WITHIN_MS after, 2xx or a
 * 503 in the service's error shape; 2xx only from then on. `unavailable` says whether the outage
 * must show as 503s (a database) or not at all (a broker behind an outbox).
 */
export function expectOutageHandled(
  { samples, down, up }: OutageRun,
  errorShape: (body: unknown) => boolean,
  unavailable: 'some 503s' | 'no failures',
): void {
  const unanswered = samples.filter(
    (s) => s.error !== undefined || s.end - s.start > ANSWER_WITHIN_MS,
  );
  expect(summarize(unanswered)).toEqual([]);

  // A request that was in flight when the backend went away may fail with it.
  const before = samples.filter((s) => s.end < down);
  expect(summarize(before.filter((s) => !ok(s)))).toEqual([]);
  expect(before.length).toBeGreaterThan(0);

  const recovered = up + RECOVERED_WITHIN_MS;
  const meanwhile = samples.filter((s) => s.end >= down && s.start < recovered);
  const refused = meanwhile.filter((s) => !ok(s));
  const badRefusals = refused.filter(
    (s) => s.status !== 503 || unavailable === 'no failures' || !errorShape(JSON.parse(s.body)),
  );
  expect(summarize(badRefusals)).toEqual([]);
  if (unavailable === 'some 503s') {
    expect(refused.filter((s) => s.start >= down && s.end <= up).length).toBeGreaterThan(0);
  }

  const after = samples.filter((s) => s.start >= recovered);
  expect(summarize(after.filter((s) => !ok(s)))).toEqual([]);
  expect(after.length).toBeGreaterThan(0);
}
