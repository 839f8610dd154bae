import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeWithServer, startTcpProxy, type TcpProxy } from '@retail/testing';
import {
  createPostgresDatabase,
  ordersDbEnv,
  type ThrowawayDatabase,
} from '@retail/testing/backends';
import { startLoad, summarize, type LoadRequest } from './support/load';
import { startService, type Service, type ServiceName } from './support/services';

const CLIENTS = 8;
/** DESIGN.md, Shutdown: in-flight requests get at most 10 s. */
const DRAIN_LIMIT_MS = 10_000;

/** Waits for the process to exit on its own; resolves with its code and how long it took. */
async function exitAfterSigterm(service: Service): Promise<{ code: number | null; ms: number }> {
  const started = performance.now();
  const exited = once(service.app.process, 'exit') as Promise<[number | null]>;
  service.app.process.kill('SIGTERM');
  const [code] = await exited;
  return { code, ms: performance.now() - started };
}

/**
 * `CLIENTS` connected clients load the service; SIGTERM arrives mid-load. Every request a client
 * had sent before the signal is answered 2xx; a client then gets `Connection: close` with an
 * answer, and never an error or a 503; the process exits 0 within the drain limit.
 */
async function sigtermUnderLoad(
  service: Service,
  next: (worker: number, n: number) => LoadRequest,
): Promise<ReturnType<typeof startLoad>['samples']> {
  const load = startLoad(service.url, CLIENTS, next, { stopOnClose: true });
  await sleep(1_000);
  const signalAt = load.now();
  const { code, ms } = await exitAfterSigterm(service);
  const samples = await load.stop();

  expect({ code, withinLimit: ms < DRAIN_LIMIT_MS }).toEqual({ code: 0, withinLimit: true });
  const failed = samples.filter((s) => s.status === undefined || s.status >= 300);
  expect(summarize(failed)).toEqual([]);
  const inFlight = samples.filter((s) => s.start < signalAt && s.end > signalAt);
  expect(inFlight.length).toBeGreaterThan(0);
  // Every client was told to let go: its last answer said `Connection: close`.
  for (let w = 0; w < CLIENTS; w++) {
    expect([w, samples.filter((s) => s.worker === w).at(-1)?.connection]).toEqual([w, 'close']);
  }
  return samples;
}

describe('SIGTERM to a service under load (in memory)', () => {
  const cases: Array<[ServiceName, (w: number, n: number) => LoadRequest]> = [
    ['catalog', () => ({ method: 'GET', path: '/catalogue?tags=dress' })],
    [
      'cart',
      (w, n) => ({
        method: 'POST',
        path: `/carts/drain-${w}/items`,
        body: { itemId: `item-${n % 4}`, quantity: 1, unitPrice: 10 },
      }),
    ],
    [
      'checkout',
      (w, n) => ({ method: 'POST', path: `/checkout/drain-${w}/update`, body: { subtotal: n } }),
    ],
    ['assets', () => ({ method: 'GET', path: '/assets/gentleman.jpg' })],
    ['ui', () => ({ method: 'GET', path: '/home' })],
  ];

  it.each(cases)('%s finishes what is in flight and exits 0', async (name, next) => {
    const service = await startService(name, {});
    await sigtermUnderLoad(service, next);
  });
});

describeWithServer('postgres', 'SIGTERM to orders on PostgreSQL under load', () => {
  let db: ThrowawayDatabase;
  let proxy: TcpProxy;

  beforeAll(async () => {
    db = await createPostgresDatabase('orders_drain');
    // A slow database: every order is still being written when the signal arrives.
    proxy = await startTcpProxy(5432, { delayMs: 20 });
  });
  afterAll(async () => {
    await proxy?.stop();
    await db?.drop();
  });

  it('finishes the orders being written, stores every one it accepted and exits 0', async () => {
    const orders = await startService('orders', ordersDbEnv(db.name, proxy.port));
    const samples = await sigtermUnderLoad(orders, (w, n) => ({
      method: 'POST',
      path: '/orders',
      body: {
        firstName: 'Drain',
        lastName: `${w}-${n}`,
        items: [{ productId: 'p-1', name: 'Watch', quantity: 1, unitCost: 10, totalCost: 10 }],
      },
    }));
    const accepted = samples.map((s) => (JSON.parse(s.body) as { id: string }).id);
    const stored = await db.query<{ id: string }>('SELECT id FROM order_entity');
    expect(stored.map((r) => r.id).sort()).toEqual(accepted.sort());
  });
});
