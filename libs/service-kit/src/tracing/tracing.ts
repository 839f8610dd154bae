import { IsBoolean, IsIn, IsOptional, IsString, IsUrl } from 'class-validator';
import { ToBoolean } from '../config/load-env';

/** The standard OpenTelemetry variables the services honour. */
export class TracingEnv {
  @IsOptional() @IsString() OTEL_SERVICE_NAME?: string;
  @IsOptional() @IsUrl({ require_tld: false }) OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  @IsOptional() @IsUrl({ require_tld: false }) OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  @IsOptional() @IsIn(['otlp', 'none']) OTEL_TRACES_EXPORTER?: string;
  @ToBoolean() @IsBoolean() OTEL_SDK_DISABLED = false;
}

export interface TracingConfig {
  enabled: boolean;
  serviceName: string;
  /** Full URL spans are POSTed to (OTLP over HTTP, JSON). */
  tracesUrl: string;
}

const DEFAULT_ENDPOINT = 'http://localhost:4318';

/**
 * Tracing is off unless an `OTEL_*` variable asks for it (as the reference turns it on with
 * OTEL_SERVICE_NAME), so a default start-up never reaches out to a collector.
 */
export function tracingConfig(env: TracingEnv, defaultServiceName: string): TracingConfig {
  const requested =
    env.OTEL_SERVICE_NAME !== undefined ||
    env.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined ||
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined;
  const base = (env.OTEL_EXPORTER_OTLP_ENDPOINT ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  return {
    enabled: requested && !env.OTEL_SDK_DISABLED && env.OTEL_TRACES_EXPORTER !== 'none',
    serviceName: env.OTEL_SERVICE_NAME ?? defaultServiceName,
    tracesUrl: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${base}/v1/traces`,
  };
}

export type StopTracing = () => Promise<void>;

/**
 * Starts HTTP server and client spans exported over OTLP/HTTP. The SDK is loaded only here, so a
 * service with tracing off never loads it. No resource detectors run: they would query cloud
 * metadata endpoints.
 */
export async function startTracing(config: TracingConfig): Promise<StopTracing | undefined> {
  if (!config.enabled) return undefined;
  const [
    { NodeTracerProvider },
    { BatchSpanProcessor },
    { OTLPTraceExporter },
    { resourceFromAttributes },
    { registerInstrumentations },
    { HttpInstrumentation },
  ] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/instrumentation'),
    import('@opentelemetry/instrumentation-http'),
  ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: config.tracesUrl }))],
  });
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        // Health probes and scrapes would drown the traces that matter.
        ignoreIncomingRequestHook: (req) => /health|metrics|prometheus/.test(req.url ?? ''),
      }),
    ],
  });
  // The instrumentation patches `http` when it is next required; Fastify already holds it, so
  // require it once here to patch the shared module (servers are created after this).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('node:http');
  return async () => {
    unregister();
    await provider.shutdown();
  };
}
