import { buildService, runUntilExit, startApp, startTcpProxy } from '@retail/testing';
import { anOrderRequest } from './order-requests';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const proxy = await startTcpProxy(1);
  await proxy.stop();
  return proxy.port;
}

describe('the orders process', () => {
  let main: string;
  beforeAll(() => {
    main = buildService('orders');
  });

  it('starts with no variables, in memory, logs each event, and exits 0 on SIGTERM', async () => {
    const port = await closedPort();
    const app = await startApp(main, {}, port, '/actuator/health');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/orders`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-request-id': 'shopper-7' },
        body: JSON.stringify(anOrderRequest()),
      });
      expect(res.status).toBe(200);
      const { id } = (await res.json()) as { id: string };
      // The business line and the access line of the request both carry its id.
      const ofRequest = () =>
        app
          .output()
          .split('\n')
          .filter((l) => l.includes('"reqId":"shopper-7"'))
          .map((l) => (JSON.parse(l) as { msg: string }).msg);
      const until = Date.now() + 5000;
      while (ofRequest().length < 2 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(ofRequest()).toEqual(['order created', 'request']);
      const deadline = Date.now() + 5000;
      while (!app.output().includes('Publishing event') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const logged = app
        .output()
        .split('\n')
        .find((l) => l.includes('Publishing event'));
      expect(JSON.parse(logged ?? '{}')).toMatchObject({
        level: 'info',
        service: 'orders',
        orderId: id,
        msg: 'Publishing event OrderCreatedEvent',
      });
    } finally {
      expect(await app.stop('SIGTERM')).toBe(0);
    }
    expect(app.output()).toContain('"msg":"shutting down"');
  });

  it('refuses to start on bad variables with one line naming them', async () => {
    const { code, stderr } = await runUntilExit(main, {
      PORT: 'abc',
      SPRING_DATASOURCE_URL: 'jdbc:oracle:thin:@db:1521/orders',
    });
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^orders: Invalid configuration: PORT .*; SPRING_DATASOURCE_URL /);
  });

  it('retries an unreachable database for DB_STARTUP_RETRY_SECONDS, then exits 1 naming it', async () => {
    const port = await closedPort();
    const { code, stderr, ms } = await runUntilExit(main, {
      SPRING_DATASOURCE_URL: `jdbc:postgresql://127.0.0.1:${port}/orders`,
      SPRING_DATASOURCE_USERNAME: 'orders',
      DB_STARTUP_RETRY_SECONDS: '2',
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      `PostgreSQL at 127.0.0.1:${port}/orders not reachable (attempt 3 of 3)`,
    );
    expect(stderr).toContain('ECONNREFUSED');
    expect(ms).toBeGreaterThan(1000);
    expect(ms).toBeLessThan(15_000);
  });
});
