import { withDeferredDateFormat } from './deferred-date-format';

describe('withDeferredDateFormat', () => {
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: 'numeric',
    minute: 'numeric',
    timeZone: 'UTC',
  };
  const date = Date.UTC(2026, 10, 26, 23, 5);
  const RealDateTimeFormat = Intl.DateTimeFormat;
  afterEach(() => jest.restoreAllMocks());

  it('builds no real formatter while loading, and one with the same output on first use', () => {
    const built = jest.spyOn(Intl, 'DateTimeFormat');
    const formatter = withDeferredDateFormat(() => new Intl.DateTimeFormat('en-GB', options));
    expect(built).not.toHaveBeenCalled();

    const expected = new RealDateTimeFormat('en-GB', options);
    expect(formatter.format(date)).toBe(expected.format(date)); // 26/11/2026, 23:05
    expect(formatter.formatToParts(date)).toEqual(expected.formatToParts(date));
    expect(formatter.resolvedOptions()).toEqual(expected.resolvedOptions());
    expect(built).toHaveBeenCalledTimes(1);
  });

  it('answers which locales are supported while loading', () => {
    const locales = withDeferredDateFormat(() => Intl.DateTimeFormat.supportedLocalesOf(['en-GB']));
    expect(locales).toEqual(RealDateTimeFormat.supportedLocalesOf(['en-GB']));
  });

  it('puts the real constructor back, also when loading fails', () => {
    expect(withDeferredDateFormat(() => Intl.DateTimeFormat)).not.toBe(RealDateTimeFormat);
    expect(Intl.DateTimeFormat).toBe(RealDateTimeFormat);
    expect(() =>
      withDeferredDateFormat(() => {
        throw new Error('module failed');
      }),
    ).toThrow('module failed');
    expect(Intl.DateTimeFormat).toBe(RealDateTimeFormat);
  });

  it('loads Nest without a formatter and leaves its console logger printing dates', () => {
    const built = jest.spyOn(Intl, 'DateTimeFormat');
    jest.isolateModules(() => {
      const { ConsoleLogger } = withDeferredDateFormat(() =>
        jest.requireActual<typeof import('@nestjs/common')>('@nestjs/common'),
      );
      expect(built).not.toHaveBeenCalled();
      const written = jest.spyOn(process.stdout, 'write').mockReturnValue(true);
      new ConsoleLogger('Test', { colors: false }).log('hello');
      const line = String(written.mock.calls[0][0]);
      expect(line).toContain(new RealDateTimeFormat(undefined, { year: 'numeric' }).format());
      expect(line).toMatch(/LOG \[Test\] hello/);
      expect(built).toHaveBeenCalledTimes(1);
    });
  });
});
