export { createApp, listen, runMain } from './bootstrap';
export { ConfigError, ToBoolean, ToInt, loadEnv } from './config/load-env';
export { readPemFile } from './config/read-pem';
export {
  DependencyIndicator,
  pingIndicator,
  READINESS_TIMEOUT_MS,
} from './health/dependency-indicator';
export { TypeOrmDatabaseIndicator } from './health/typeorm-database-indicator';
export { springBody, type SpringHealthBody, type TerminusHealthBody } from './health/health-bodies';
export { Readiness } from './health/readiness';
export {
  AppErrorFilter,
  DomainError,
  reasonPhrase,
  renderSpringError,
  type ErrorBodyRenderer,
  type ErrorContext,
  type ErrorHandling,
} from './http/errors';
export { Metrics } from './http/metrics';
export { createValidationPipe, validationMessages } from './http/validation';
export { createLogger, currentRequestId, type AppLogger } from './logging/logger';
export { KitEnv, ShutdownState } from './lifecycle/shutdown';
export { TimeoutError, withTimeout } from './lifecycle/timeout';
export { ServiceKitModule } from './service-kit.module';
export {
  APP_LOGGER,
  SERVICE_DEFINITION,
  type HealthStyle,
  type ServiceDefinition,
} from './service-definition';
export {
  startTracing,
  tracingConfig,
  TracingEnv,
  type StopTracing,
  type TracingConfig,
} from './tracing/tracing';
