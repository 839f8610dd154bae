import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import {
  buildService,
  describeWithServer,
  freePort,
  runUntilExit,
  startApp,
  startTcpProxy,
} from '@retail/testing';
import { Redis } from 'ioredis';
import { aCheckoutRequest } from './builders';
import { OrdersStub, placed } from './orders-stub';
import { deleteKeys, REDIS_PORT, REDIS_URL, runId } from './redis';

const post = (port: number, path: string, body?: unknown) =>
  fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });

describe('the checkout process', () => {
  let main: string;

  beforeAll(() => {
    main = buildService('checkout');
  });

  it('refuses to start on bad variables with one line naming them', async () => {
    const { code, stderr } = await runUntilExit(main, { PORT: 'abc', REDIS_URL: 'localhost:6379' });
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^checkout: Invalid configuration: PORT .*; REDIS_URL must be a redis/,
    );
  });

  it('starts with no configuration (in memory, mock orders), serves, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const app = await startApp(main, {}, port, '/health');
    try {
      expect((await post(port, '/checkout/c1/update', aCheckoutRequest())).status).toBe(201);
      const submitted = await post(port, '/checkout/c1/submit');
      expect(await submitted.json()).toEqual({
        orderId: 'abc123',
        customerEmail: 'jane@example.com',
      });
    } finally {
      expect(await app.stop('SIGTERM')).toBe(0);
    }
    expect(app.output()).toContain('"msg":"listening"');
  });

  it('lets an in-flight submit finish on SIGTERM, then exits 0', async () => {
    const orders = await OrdersStub.start();
    const ordersAnswer = placed('slow-order');
    orders.answer = (req, res) => void setTimeout(() => ordersAnswer(req, res), 400);
    const port = await freePort();
    try {
      const app = await startApp(
        main,
        { ENDPOINTS_ORDERS: orders.url, LOG_LEVEL: 'silent' },
        port,
        '/health',
      );
      await post(port, '/checkout/c1/update', aCheckoutRequest());
      const inFlight = post(port, '/checkout/c1/submit');
      await new Promise((r) => setTimeout(r, 150));
      const signalled = Date.now();
      const exit = app.stop('SIGTERM');
      const res = await inFlight;
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ orderId: 'slow-order' });
      expect(await exit).toBe(0);
      // fetch keeps its connection alive; shutdown must not wait out the 10 s grace for it.
      expect(Date.now() - signalled).toBeLessThan(5000);
    } finally {
      await orders.stop();
    }
  });

  describeWithServer('redis', 'on Redis', () => {
    const run = runId();
    const admin = new Redis(REDIS_URL, { lazyConnect: true });
    afterAll(async () => {
      await deleteKeys(admin, `*${run}*`);
      await admin.quit();
    });

    it('talks TLS to a rediss:// URL, verifying the server certificate', async () => {
      // A TLS front for the local Redis with a throwaway certificate the child is told to trust.
      const dir = mkdtempSync(path.join(tmpdir(), 'checkout-tls-'));
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-addext',
          'subjectAltName=DNS:localhost',
          '-keyout',
          path.join(dir, 'key.pem'),
          '-out',
          path.join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      const front = createTlsServer(
        {
          key: readFileSync(path.join(dir, 'key.pem')),
          cert: readFileSync(path.join(dir, 'cert.pem')),
        },
        (client) => {
          const upstream = connect(REDIS_PORT, '127.0.0.1');
          client
            .on('error', () => upstream.destroy())
            .pipe(upstream)
            .on('error', () => client.destroy())
            .pipe(client);
        },
      );
      await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
      const tlsPort = (front.address() as { port: number }).port;
      const port = await freePort();
      const id = `${run}-tls`;
      try {
        const app = await startApp(
          main,
          {
            REDIS_URL: `rediss://localhost:${tlsPort}`,
            NODE_EXTRA_CA_CERTS: path.join(dir, 'cert.pem'),
            LOG_LEVEL: 'silent',
          },
          port,
          '/health/ready',
        );
        expect((await post(port, `/checkout/${id}/update`, aCheckoutRequest())).status).toBe(201);
        expect(await admin.exists(`checkout:${id}`)).toBe(1);
        expect(await app.stop('SIGTERM')).toBe(0);

        // Not trusting the certificate, the same service never gets a connection.
        const untrusting = await startApp(
          main,
          { REDIS_URL: `rediss://localhost:${tlsPort}`, LOG_LEVEL: 'silent' },
          port,
          '/health',
        );
        expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(503);
        expect(await untrusting.stop('SIGTERM')).toBe(0);
      } finally {
        await new Promise((r) => front.close(r));
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('survives Redis going away (503s, no crash) and recovers by itself', async () => {
      const proxy = await startTcpProxy(REDIS_PORT);
      const port = await freePort();
      const app = await startApp(
        main,
        {
          REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
          REDIS_COMMAND_TIMEOUT_MS: '1000',
        },
        port,
        '/health/ready',
      );
      const id = `${run}-process`;
      try {
        expect((await post(port, `/checkout/${id}/update`, aCheckoutRequest())).status).toBe(201);
        await proxy.stop();
        for (let i = 0; i < 5; i++) {
          expect((await fetch(`http://127.0.0.1:${port}/checkout/${id}`)).status).toBe(503);
          await new Promise((r) => setTimeout(r, 200));
        }
        expect(app.process.exitCode).toBeNull();
        expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

        await proxy.start();
        let status = 0;
        for (let i = 0; i < 50 && status !== 200; i++) {
          status = (await fetch(`http://127.0.0.1:${port}/checkout/${id}`)).status;
          if (status !== 200) await new Promise((r) => setTimeout(r, 100));
        }
        expect(status).toBe(200);
        // One warning for the outage and one line for the return, not one per reconnect attempt.
        // The child's stdout may reach us after the response that proved the recovery.
        for (let i = 0; i < 20 && !app.output().includes('redis connection back'); i++) {
          await new Promise((r) => setTimeout(r, 50));
        }
        expect(app.output().match(/redis connection lost/g)).toHaveLength(1);
        expect(app.output()).toContain('redis connection back');
      } finally {
        expect(await app.stop('SIGTERM')).toBe(0);
        await proxy.stop();
      }
    });
  });
});
