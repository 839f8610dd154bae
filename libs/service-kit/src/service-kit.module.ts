import { DynamicModule, Global, Module } from '@nestjs/common';
import { ReadinessService } from './health/readiness.service';
import { Metrics } from './http/metrics';
import { ShutdownState } from './lifecycle/shutdown';
import { loggerModule } from './logging/logger';
import { APP_LOGGER, SERVICE_DEFINITION, ServiceDefinition } from './service-definition';

/**
 * What every service's AppModule imports once: its definition, the JSON logger (nestjs-pino),
 * the metrics registry, the readiness checker and the shutdown state, available everywhere by injection.
 */
@Global()
@Module({})
export class ServiceKitModule {
  static forRoot(definition: ServiceDefinition): DynamicModule {
    const logging = loggerModule({
      service: definition.name,
      level: definition.logLevel,
      destination: definition.logDestination,
      quietPaths: definition.quietRoutes,
    });
    return {
      module: ServiceKitModule,
      imports: [logging.module],
      providers: [
        { provide: SERVICE_DEFINITION, useValue: definition },
        { provide: APP_LOGGER, useValue: logging.logger },
        { provide: Metrics, useValue: new Metrics() },
        ReadinessService,
        ShutdownState,
      ],
      exports: [SERVICE_DEFINITION, APP_LOGGER, Metrics, ReadinessService, ShutdownState],
    };
  }
}
