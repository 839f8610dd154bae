import { DependencyIndicator, pingIndicator, typeOrmPingIndicator } from '@retail/service-kit';
import type {
  HealthIndicatorFunction,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type { DataSource } from 'typeorm';

/**
 * The database, for readiness: the writer through terminus's TypeORM ping and, when a reader is
 * configured, the reader (TypeORM's ping only reaches the writer of a replicated DataSource).
 */
export class DatabaseIndicator extends DependencyIndicator {
  readonly indicators: Record<string, HealthIndicatorFunction>;

  constructor(
    typeOrm: TypeOrmHealthIndicator,
    health: HealthIndicatorService,
    dataSource: DataSource,
    hasReader: boolean,
  ) {
    super();
    this.indicators = {
      database: typeOrmPingIndicator(typeOrm, health, 'database', dataSource),
      ...(hasReader && {
        'database-reader': pingIndicator(health, 'database-reader', () =>
          pingMysql(dataSource, 'slave'),
        ),
      }),
    };
  }
}

async function pingMysql(dataSource: DataSource, mode: 'master' | 'slave'): Promise<void> {
  const runner = dataSource.createQueryRunner(mode);
  try {
    await runner.query('SELECT 1');
  } finally {
    await runner.release();
  }
}
