/**
 * Runs `load` while `Intl.DateTimeFormat` hands out formatters that build the real one on first
 * use, then puts the real constructor back (also when `load` throws).
 *
 * Why: @nestjs/common builds a date formatter for its ConsoleLogger as it loads, and building one
 * maps about 6 MB of ICU locale and time-zone data into the process and takes some 40 ms. Our
 * services log JSON through pino, so that formatter is only used if Nest's console logger ever
 * prints, and then it is built at that moment.
 */
export function withDeferredDateFormat<T>(load: () => T): T {
  const RealDateTimeFormat = Intl.DateTimeFormat;
  const deferred = function DateTimeFormat(
    locales?: string | string[],
    options?: Intl.DateTimeFormatOptions,
  ): Intl.DateTimeFormat {
    let real: Intl.DateTimeFormat | undefined;
    const formatter = () => (real ??= new RealDateTimeFormat(locales, options));
    return {
      format: (date?: Date | number) => formatter().format(date),
      formatToParts: (date?: Date | number) => formatter().formatToParts(date),
      formatRange: (start: Date | number, end: Date | number) =>
        formatter().formatRange(start, end),
      formatRangeToParts: (start: Date | number, end: Date | number) =>
        formatter().formatRangeToParts(start, end),
      resolvedOptions: () => formatter().resolvedOptions(),
    };
  };
  // The static method too, for a module that asks which locales exist while it loads.
  const standIn = Object.assign(deferred, {
    supportedLocalesOf: (...args: Parameters<typeof Intl.DateTimeFormat.supportedLocalesOf>) =>
      RealDateTimeFormat.supportedLocalesOf(...args),
  });
  Intl.DateTimeFormat = standIn as unknown as typeof Intl.DateTimeFormat;
  try {
    return load();
  } finally {
    Intl.DateTimeFormat = RealDateTimeFormat;
  }
}
