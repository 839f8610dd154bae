import type { ValidationPipeOptions } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { ErrorHandling } from './http/errors';

/** How one service differs from the others; everything else comes from the kit. */
export interface ServiceDefinition {
  /** Short name, used in logs and metrics: `catalog`. */
  name: string;
  /** Where Prometheus scrapes: `/metrics` or `/actuator/prometheus`. */
  metricsPath: string;
  /** Route templates that are not access-logged (health probes). */
  quietRoutes: string[];
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

export const SERVICE_DEFINITION = Symbol('SERVICE_DEFINITION');
export const APP_LOGGER = Symbol('APP_LOGGER');
