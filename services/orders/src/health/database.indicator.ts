import type { HealthIndicatorFunction, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DependencyIndicator, READINESS_TIMEOUT_MS } from '@retail/service-kit';
import type { DataSource } from 'typeorm';

/** The orders database (PostgreSQL or MySQL), for health: terminus's TypeORM ping, as `db`. */
export class DatabaseIndicator extends DependencyIndicator {
  readonly indicators: Record<string, HealthIndicatorFunction>;

  constructor(typeOrm: TypeOrmHealthIndicator, dataSource: DataSource) {
    super();
    this.indicators = {
      db: () => typeOrm.pingCheck('db', { connection: dataSource, timeout: READINESS_TIMEOUT_MS }),
    };
  }
}
