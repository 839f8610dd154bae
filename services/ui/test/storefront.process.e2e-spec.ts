import { buildService, freePort, startApp, type RunningApp } from '@retail/testing';

/** The built service as the image runs it (`node main.js`), every backend its in-process mock. */
describe('the ui process', () => {
  let app: RunningApp;
  let base: string;
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await startApp(buildService('ui'), { LOG_LEVEL: 'silent' }, port, '/actuator/health');
  });
  afterAll(async () => expect(await app.stop('SIGTERM')).toBe(0));

  it('answers readiness UP naming the mocked backends', async () => {
    const res = await fetch(`${base}/actuator/health/readiness`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'UP',
      components: { catalog: { status: 'UP', details: { mode: 'mock' } } },
    });
  });

  it('renders the home page from the templates copied beside main.js', async () => {
    const res = await fetch(`${base}/home`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('/catalog');
  });
});
