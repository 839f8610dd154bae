import { startTracing, tracingConfig, TracingEnv } from './tracing';

const env = (values: Partial<TracingEnv>): TracingEnv => Object.assign(new TracingEnv(), values);

describe(tracingConfig.name, () => {
  it('is off when no OTEL_* variable asks for it', () => {
    expect(tracingConfig(env({}), 'catalog').enabled).toBe(false);
  });

  it('turns on with OTEL_SERVICE_NAME, as the reference does, sending to the default OTLP/HTTP port', () => {
    expect(tracingConfig(env({ OTEL_SERVICE_NAME: 'cat' }), 'catalog')).toEqual({
      enabled: true,
      serviceName: 'cat',
      tracesUrl: 'http://localhost:4318/v1/traces',
    });
  });

  it('honours the endpoint variables and the off switches', () => {
    const on = env({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' });
    expect(tracingConfig(on, 'orders')).toMatchObject({
      enabled: true,
      serviceName: 'orders',
      tracesUrl: 'http://collector:4318/v1/traces',
    });
    expect(
      tracingConfig(env({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c/t' }), 'x').tracesUrl,
    ).toBe('http://c/t');
    expect(
      tracingConfig(env({ OTEL_SERVICE_NAME: 'a', OTEL_SDK_DISABLED: true }), 'x').enabled,
    ).toBe(false);
    expect(
      tracingConfig(env({ OTEL_SERVICE_NAME: 'a', OTEL_TRACES_EXPORTER: 'none' }), 'x').enabled,
    ).toBe(false);
  });
});

describe(startTracing.name, () => {
  it('does nothing when tracing is off', async () => {
    await expect(
      startTracing({ enabled: false, serviceName: 'x', tracesUrl: 'http://127.0.0.1:1/v1/traces' }),
    ).resolves.toBeUndefined();
  });

  // Exporting is covered by the built catalog's process test: jest replaces Node's module loader,
  // which both the HTTP instrumentation and the exporter's lazy imports rely on.
});
