import type { ValidationPipeOptions } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { ErrorHandling } from './http/errors';

/** How one service differs from the others; everything else comes from the kit. */
export interface ServiceDefinition {
  /** Short name, used in logs and metrics: `catalog`. */
  name: string;
  health: HealthStyle;
  errors: ErrorHandling;
  validation?: ValidationPipeOptions;
  /** Largest request body in bytes; larger is a 413. Fastify's default is 1 MiB. */
  bodyLimit?: number;
  /** pino level; `silent` in tests. */
  logLevel?: string;
  /** Where log lines go: stdout unless a test passes a stream to read them back. */
  logDestination?: DestinationStream;
  openApi?: {
    title: string;
    description: string;
    /** Where the browsable UI is served, e.g. `swagger`. */
    uiPath: string;
    /** Where the JSON document is served, e.g. `swagger/doc.json`. */
    jsonPath: string;
  };
}

/**
 * Which health routes and bodies the service serves. `terminus`: readiness at `/health/ready` in
 * terminus's report, liveness at `livenessPath` (the service's own controller), metrics at
 * `/metrics`. `spring`: Spring Boot actuator's `/actuator/health[/liveness|/readiness]` and
 * `/actuator/prometheus`; readiness names its components `always`, or only `when-down`.
 */
export type HealthStyle =
  | { style: 'terminus'; livenessPath: string }
  | { style: 'spring'; components: 'always' | 'when-down' };

/** Where Prometheus scrapes. */
export const metricsPathOf = ({ health }: Pick<ServiceDefinition, 'health'>): string =>
  health.style === 'spring' ? '/actuator/prometheus' : '/metrics';

/** The health probes and the scrape: route templates that are never access-logged. */
export const quietRoutesOf = (definition: Pick<ServiceDefinition, 'health'>): string[] => {
  const { health } = definition;
  const probes =
    health.style === 'spring'
      ? ['/actuator/health', '/actuator/health/liveness', '/actuator/health/readiness']
      : [health.livenessPath, '/health/ready'];
  return [...probes, metricsPathOf(definition)];
};

export const SERVICE_DEFINITION = Symbol('SERVICE_DEFINITION');
export const APP_LOGGER = Symbol('APP_LOGGER');
