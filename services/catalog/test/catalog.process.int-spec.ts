import { createServer as createHttpServer } from 'node:http';
import {
  buildService,
  describeWithServer,
  freePort,
  runUntilExit,
  startApp,
  startTcpProxy,
} from '@retail/testing';
import { createThrowawayDatabase, MYSQL, mysqlEnv } from './mysql';

describe('the catalog process', () => {
  let main: string;
  beforeAll(() => {
    main = buildService('catalog');
  });

  it('refuses to start on a bad variable with one line naming it', async () => {
    const { code, stderr } = await runUntilExit(main, { PORT: 'abc', DB_MIGRATE: 'maybe' });
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^catalog: Invalid configuration: PORT .*; DB_MIGRATE /);
  });

  it('retries an unreachable DB_ENDPOINT for DB_STARTUP_RETRY_SECONDS, then exits 1 naming it', async () => {
    const port = await freePort();
    const { code, stderr, ms } = await runUntilExit(main, {
      DB_ENDPOINT: `127.0.0.1:${port}`,
      DB_STARTUP_RETRY_SECONDS: '2',
      LOG_LEVEL: 'silent',
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`MySQL at 127.0.0.1:${port}/sampledb not reachable (attempt 3 of 3)`);
    expect(stderr).toContain('ECONNREFUSED');
    expect(ms).toBeGreaterThan(1000);
    expect(ms).toBeLessThan(10_000);
  });

  it('sends server spans to the collector OTEL_EXPORTER_OTLP_ENDPOINT names, and only then', async () => {
    const received: string[] = [];
    const collector = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(`${req.url} ${body}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const collectorPort = (collector.address() as { port: number }).port;
    try {
      const port = await freePort();
      const app = await startApp(
        main,
        { LOG_LEVEL: 'silent', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}` },
        port,
        '/health',
      );
      await fetch(`http://127.0.0.1:${port}/catalogue/tags`);
      expect(await app.stop('SIGTERM')).toBe(0);
      expect(received.length).toBeGreaterThan(0);
      expect(received[0]).toMatch(/^\/v1\/traces /);
      const spans = received.join('');
      expect(spans).toContain('"catalog"');
      expect(spans).toContain('/catalogue/tags');
      expect(spans).not.toContain('"/health"');

      received.length = 0;
      const untraced = await startApp(main, { LOG_LEVEL: 'silent' }, port, '/health');
      await fetch(`http://127.0.0.1:${port}/catalogue/tags`);
      await untraced.stop('SIGTERM');
      expect(received).toEqual([]);
    } finally {
      await new Promise((r) => collector.close(r));
    }
  });

  describeWithServer('mysql', 'on SIGTERM', () => {
    it('lets an in-flight request finish, then exits 0', async () => {
      const db = await createThrowawayDatabase();
      // A reader that takes 400 ms to answer keeps the request in flight across the signal.
      const slowReader = await startTcpProxy(MYSQL.port, { delayMs: 400 });
      const port = await freePort();
      try {
        const app = await startApp(
          main,
          mysqlEnv(db.name, {
            DB_READ_ENDPOINT: `127.0.0.1:${slowReader.port}`,
            LOG_LEVEL: 'info',
          }),
          port,
          '/health',
        );
        const inFlight = fetch(`http://127.0.0.1:${port}/catalogue?size=6`);
        await new Promise((r) => setTimeout(r, 150));
        const exit = app.stop('SIGTERM');
        const response = await inFlight;
        expect(response.status).toBe(200);
        expect(await response.json()).toHaveLength(6);
        expect(await exit).toBe(0);
        expect(app.output()).toContain('"msg":"shutting down"');
      } finally {
        await slowReader.stop();
        await db.drop();
      }
    });
  });
});
