import { createServer, Server } from 'node:http';
import { nodeFlagsOf, RUNTIME_ENV, SERVICES, isPresent } from './support/tools';
import {
  alive,
  buildError,
  commandOf,
  freeOffset,
  get,
  root,
  serviceProcessesOn,
} from './support/processes';
import { Runner } from './support/runner';

const present = SERVICES.filter((s) => isPresent(root, s));
const ports = SERVICES.map((s) => s.port);

beforeAll(() => {
  const failed = present.filter((s) => buildError(s.name)).map((s) => s.name);
  if (failed.length > 0) throw new Error(`these services do not build: ${failed.join(', ')}`);
});

describe('npm start', () => {
  it('runs every service, healthy and wired, then stops them all on SIGTERM and exits 0', async () => {
    const offset = await freeOffset(ports);
    const runner = new Runner(['--port-offset', String(offset)]);
    const [, count, total, seconds] = await runner.waitFor(
      /(\d+) of (\d+) services healthy, ([\d.]+) s after start/,
      90_000,
    );
    console.log(`npm start: ${count} services healthy ${seconds} s after start`);
    expect(Number(count)).toBe(present.length);
    expect(Number(total)).toBe(SERVICES.length);

    const table = runner.table();
    expect([...table.keys()].sort()).toEqual(SERVICES.map((s) => s.name).sort());
    for (const service of present) {
      const port = service.port + offset;
      const row = table.get(service.name);
      expect(row).toMatchObject({ url: `http://localhost:${port}`, backend: 'embedded' });
      // The ui and checkout are wired to every service they call that is running.
      const calls = {
        ui: ['catalog', 'cart', 'orders', 'assets', 'checkout'],
        checkout: ['orders'],
      }[service.name]?.filter((callee) => present.some((s) => s.name === callee));
      expect(row?.calls).toBe(calls?.length ? calls.join(', ') : '-');
      expect(row?.state).toMatch(/^healthy in [\d.]+ s$/);
      expect((await get(port, service.health)).status).toBe(200);
      expect(serviceProcessesOn(port)).toEqual([row?.pid]);
      // run the way the images run them
      const command = commandOf(row?.pid ?? 0);
      expect(command.args.slice(1, -1)).toEqual(nodeFlagsOf(service));
      expect(command.env).toMatchObject(RUNTIME_ENV);
      // Every line a service logs carries its name.
      expect(runner.stdout).toMatch(
        new RegExp(`^${service.name} +\\| .* listening port=${port}$`, 'm'),
      );
    }
    for (const skipped of SERVICES.filter((s) => !present.includes(s))) {
      expect(table.get(skipped.name)?.state).toBe('skipped (not written yet)');
      expect(runner.stdout).toContain(
        `skipping ${skipped.name}: services/${skipped.name}/src/main.ts`,
      );
    }
    if (present.some((s) => s.name === 'ui')) {
      expect(runner.stdout).toContain(`the store: http://localhost:${8888 + offset}`);
    }

    const pids = [...table.values()].map((r) => r.pid).filter((p) => p > 0);
    runner.process.kill('SIGTERM');
    expect(await runner.exited(30_000)).toEqual({ code: 0, signal: null });
    expect(pids.filter(alive)).toEqual([]);
    expect(runner.stderr).toBe('');
  });

  it('reports a service that fails to start with its last log lines, stops the rest and exits 1', async () => {
    // The catalog refuses a DB_TYPE other than mysql at start-up; no other service reads it.
    const other = present.find((s) => s.name !== 'catalog');
    const only = ['catalog', ...(other ? [other.name] : [])];
    const offset = await freeOffset(ports);
    const runner = new Runner(['--port-offset', String(offset), '--only', only.join(',')], {
      DB_TYPE: 'oracle',
    });
    expect((await runner.exited(60_000)).code).toBe(1);
    expect(runner.stderr).toMatch(
      /catalog failed to start: it exited with code 1; its last \d+ log lines:/,
    );
    expect(runner.stderr).toMatch(/^catalog +\| .*DB_TYPE/m);
    for (const name of only) {
      const port = SERVICES.find((s) => s.name === name)!.port + offset;
      expect({ name, left: serviceProcessesOn(port) }).toEqual({ name, left: [] });
    }
  });

  it('stops its services when its parent goes away, as when npm is sent SIGTERM', async () => {
    const offset = await freeOffset(ports);
    const port = 8081 + offset;
    const runner = new Runner(['--port-offset', String(offset), '--only', 'catalog'], {}, true);
    await runner.waitFor(/1 of 1 services healthy/, 60_000);
    expect(serviceProcessesOn(port)).toHaveLength(1);
    runner.process.kill('SIGTERM');
    await runner.exited(5_000);
    for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
      if (serviceProcessesOn(port).length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(serviceProcessesOn(port)).toEqual([]);
    expect(runner.stdout).toMatch(/parent process \d+ exited: stopping catalog/);
  });

  describe('with a port already in use', () => {
    let server: Server;
    let offset: number;
    afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

    async function occupy(answer: (path: string) => number) {
      offset = await freeOffset(ports);
      server = createServer((req, res) => res.writeHead(answer(req.url ?? '')).end());
      await new Promise<void>((resolve) => server.listen(8081 + offset, '0.0.0.0', resolve));
    }

    it('names the port and its service, starts nothing and exits 1', async () => {
      await occupy(() => 404);
      const runner = new Runner(['--port-offset', String(offset), '--only', 'catalog']);
      expect((await runner.exited(30_000)).code).toBe(1);
      expect(runner.stderr).toContain(`port ${8081 + offset} (catalog) is already in use\n`);
      expect(runner.stderr).toContain('npm start -- --port-offset');
      expect(runner.stdout).not.toContain('catalog  |');
    });

    it('says when the store itself seems to be running there already', async () => {
      await occupy((path) => (path === '/health' ? 200 : 404));
      const runner = new Runner(['--port-offset', String(offset), '--only', 'catalog']);
      expect((await runner.exited(30_000)).code).toBe(1);
      expect(runner.stderr).toContain(
        'a catalog already answers there; is the store running already?',
      );
    });
  });

  it('gives up on a service that is not healthy in time, with its log lines, and exits 1', async () => {
    const offset = await freeOffset(ports);
    const runner = new Runner([
      '--port-offset',
      String(offset),
      '--only',
      'catalog',
      '--timeout',
      '0.01',
    ]);
    expect((await runner.exited(30_000)).code).toBe(1);
    expect(runner.stderr).toContain('catalog did not answer /health with 200 within 0.01 s');
    expect(serviceProcessesOn(8081 + offset)).toEqual([]);
  });

  it('refuses an unknown service name with the list of known ones', async () => {
    const runner = new Runner(['--only', 'carts']);
    expect((await runner.exited(10_000)).code).toBe(2);
    expect(runner.stderr).toContain('unknown service carts (known: catalog, cart, orders');
  });
});
