import type { InjectionToken, Provider } from '@nestjs/common';
import {
  type HealthIndicatorFunction,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
// Types only: the kit is loaded by every service, and only those with a database load TypeORM.
import type { DataSource } from 'typeorm';
import { DependencyIndicator, pingIndicator, READINESS_TIMEOUT_MS } from './dependency-indicator';

/**
 * A database behind a TypeORM DataSource, for readiness: terminus's ping of the writer as `key`
 * and, with a read replica, a ping of the reader as `<key>-reader` (TypeORM's ping only reaches
 * the writer of a replicated DataSource).
 */
export class TypeOrmDatabaseIndicator extends DependencyIndicator {
  readonly indicators: Record<string, HealthIndicatorFunction>;

  constructor(
    typeOrm: TypeOrmHealthIndicator,
    health: HealthIndicatorService,
    dataSource: DataSource,
    key: string,
    withReader: boolean,
  ) {
    super();
    const readerKey = `${key}-reader`;
    this.indicators = {
      [key]: typeOrmPingIndicator(typeOrm, health, key, dataSource),
      ...(withReader && {
        [readerKey]: pingIndicator(health, readerKey, () => pingReader(dataSource)),
      }),
    };
  }

  /**
   * The provider of the indicator over the DataSource that `dataSourceToken` names: the caller,
   * which has loaded @nestjs/typeorm, passes its getDataSourceToken().
   */
  static provider(
    dataSourceToken: InjectionToken,
    key: string,
    { withReader = false }: { withReader?: boolean } = {},
  ): Provider {
    return {
      provide: TypeOrmDatabaseIndicator,
      inject: [TypeOrmHealthIndicator, HealthIndicatorService, dataSourceToken],
      useFactory: (
        typeOrm: TypeOrmHealthIndicator,
        health: HealthIndicatorService,
        dataSource: DataSource,
      ) => new TypeOrmDatabaseIndicator(typeOrm, health, dataSource, key, withReader),
    };
  }
}

/**
 * terminus's TypeORM ping of `dataSource` as `key`. terminus 11 reports a failed ping other than
 * a timeout without its reason; readiness bodies always name one, so that case says so.
 */
function typeOrmPingIndicator(
  typeOrm: TypeOrmHealthIndicator,
  health: HealthIndicatorService,
  key: string,
  dataSource: DataSource,
): HealthIndicatorFunction {
  return async () => {
    const result = await typeOrm.pingCheck(key, {
      connection: dataSource,
      timeout: READINESS_TIMEOUT_MS,
    });
    const entry = result[key];
    return entry?.status === 'down' && entry.message === undefined
      ? health.check(key).down({ message: 'the database did not answer the ping' })
      : result;
  };
}

async function pingReader(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner('slave');
  try {
    await runner.query('SELECT 1');
  } finally {
    await runner.release();
  }
}
