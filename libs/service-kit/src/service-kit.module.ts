import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { Readiness } from './health/readiness';
import {
  SpringReadinessController,
  TerminusReadinessController,
} from './health/readiness.controllers';
import { Metrics } from './http/metrics';
import { ShutdownState } from './lifecycle/shutdown';
import { loggerModule } from './logging/logger';
import {
  APP_LOGGER,
  quietRoutesOf,
  SERVICE_DEFINITION,
  ServiceDefinition,
} from './service-definition';

/**
 * What every service's AppModule imports once: its definition, the JSON logger (nestjs-pino),
 * the metrics registry, the shutdown state, terminus (its indicators injectable everywhere) and
 * the readiness route of the service's health style.
 */
@Global()
@Module({})
export class ServiceKitModule {
  static forRoot(definition: ServiceDefinition): DynamicModule {
    const logging = loggerModule({
      service: definition.name,
      level: definition.logLevel,
      destination: definition.logDestination,
      quietPaths: quietRoutesOf(definition),
    });
    return {
      module: ServiceKitModule,
      // Probes poll readiness during an outage, and its 503 body already names what is down:
      // terminus's own error line per failed check would only flood the log.
      imports: [logging.module, DiscoveryModule, TerminusModule.forRoot({ logger: false })],
      controllers: [
        definition.health.style === 'spring'
          ? SpringReadinessController
          : TerminusReadinessController,
      ],
      providers: [
        { provide: SERVICE_DEFINITION, useValue: definition },
        { provide: APP_LOGGER, useValue: logging.logger },
        { provide: Metrics, useValue: new Metrics() },
        Readiness,
        ShutdownState,
      ],
      exports: [SERVICE_DEFINITION, APP_LOGGER, Metrics, Readiness, ShutdownState, TerminusModule],
    };
  }
}
