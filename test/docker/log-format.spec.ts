import { formatLogLine, prefixFor } from './support/tools';

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({
    level: 'info',
    time: '2026-11-26T18:22:04.981Z',
    service: 'catalog',
    ...fields,
  });

describe('formatLogLine', () => {
  it('shows a request as method, path, status and duration', () => {
    const [shown] = formatLogLine(
      line({
        msg: 'request',
        reqId: 'r-1',
        method: 'GET',
        route: '/catalogue/product/:id',
        path: '/catalogue/product/7',
        status: 404,
        durationMs: 1.25,
      }),
    );
    expect(shown).toMatch(
      /^\d\d:\d\d:\d\d\.981 INFO {2}GET \/catalogue\/product\/7 404 1\.25 ms reqId=r-1$/,
    );
  });

  it('shows other fields as key=value, quoting values with spaces and printing objects as JSON', () => {
    const [shown] = formatLogLine(
      line({
        level: 'warn',
        context: 'Db',
        msg: 'retrying',
        attempt: 2,
        reason: 'not up',
        at: { host: 'db' },
      }),
    );
    expect(shown).toMatch(/ WARN {2}\[Db\] retrying attempt=2 reason="not up" at=\{"host":"db"\}$/);
  });

  it('reads numeric pino levels', () => {
    expect(formatLogLine(line({ level: 50, msg: 'boom' }))[0]).toMatch(/ ERROR boom$/);
  });

  it("prints an error's stack on the lines after the message", () => {
    const lines = formatLogLine(
      line({ level: 'fatal', msg: 'start-up failed', err: 'Error: no\n    at main (main.ts:3:1)' }),
    );
    expect(lines).toEqual([
      expect.stringMatching(/FATAL start-up failed$/),
      'Error: no',
      '    at main (main.ts:3:1)',
    ]);
  });

  it("hides Nest's module and route start-up lines unless verbose", () => {
    const raw = line({ context: 'RouterExplorer', msg: 'Mapped {/health, GET} route' });
    expect(formatLogLine(raw)).toEqual([]);
    expect(formatLogLine(raw, { verbose: true })).toEqual([
      expect.stringContaining('Mapped {/health, GET} route'),
    ]);
    expect(
      formatLogLine(line({ context: 'RouterExplorer', level: 'error', msg: 'x' })),
    ).toHaveLength(1);
  });

  it('passes lines that are not JSON objects through as they are', () => {
    expect(formatLogLine('catalog: Invalid configuration: PORT must be an integer')).toEqual([
      'catalog: Invalid configuration: PORT must be an integer',
    ]);
    expect(formatLogLine('[1,2]')).toEqual(['[1,2]']);
    expect(formatLogLine('null')).toEqual(['null']);
  });

  it('colours the level only when asked', () => {
    expect(formatLogLine(line({ msg: 'x' }))[0]).not.toContain('\u001b[');
    expect(formatLogLine(line({ msg: 'x' }), { color: true })[0]).toContain('\u001b[32mINFO ');
  });
});

describe('prefixFor', () => {
  it('pads the service name into a column', () => {
    expect(prefixFor('ui', 0, 8, false)).toBe('ui       | ');
  });
});
