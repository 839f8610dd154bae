import { withBuiltService } from '@retail/testing';

/** The built service as the image runs it (`node main.js`), every backend its in-process mock. */
describe('the ui process', () => {
  const { url } = withBuiltService('ui', { LOG_LEVEL: 'silent' }, '/actuator/health');

  it('answers readiness UP naming the mocked backends', async () => {
    const res = await fetch(url('/actuator/health/readiness'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'UP',
      components: { catalog: { status: 'UP', details: { mode: 'mock' } } },
    });
  });

  it('renders the home page from the templates copied beside main.js', async () => {
    const res = await fetch(url('/home'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('/catalog');
  });
});
