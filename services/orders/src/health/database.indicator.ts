import type {
  HealthIndicatorFunction,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { DependencyIndicator, typeOrmPingIndicator } from '@retail/service-kit';
import type { DataSource } from 'typeorm';

/** The orders database (PostgreSQL or MySQL), for health: terminus's TypeORM ping, as `db`. */
export class DatabaseIndicator extends DependencyIndicator {
  readonly indicators: Record<string, HealthIndicatorFunction>;

  constructor(
    typeOrm: TypeOrmHealthIndicator,
    health: HealthIndicatorService,
    dataSource: DataSource,
  ) {
    super();
    this.indicators = { db: typeOrmPingIndicator(typeOrm, health, 'db', dataSource) };
  }
}
