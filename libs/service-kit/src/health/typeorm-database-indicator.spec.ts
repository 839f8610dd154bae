import { Test } from '@nestjs/testing';
import { type HealthIndicatorResult, TerminusModule } from '@nestjs/terminus';
import type { DataSource } from 'typeorm';
import { TypeOrmDatabaseIndicator } from './typeorm-database-indicator';

const DATA_SOURCE = Symbol('DATA_SOURCE');

/** A DataSource whose writer and reader answer `SELECT 1` or fail with the given errors. */
function fakeDataSource(writer?: Error, reader?: Error): DataSource {
  const answer = (error?: Error) => () => (error ? Promise.reject(error) : Promise.resolve([]));
  return {
    options: { type: 'mysql' },
    query: answer(writer),
    createQueryRunner: () => ({ query: answer(reader), release: () => Promise.resolve() }),
  } as unknown as DataSource;
}

async function indicatorOver(dataSource: DataSource, key: string, withReader = false) {
  const moduleRef = await Test.createTestingModule({
    imports: [TerminusModule],
    providers: [
      { provide: DATA_SOURCE, useValue: dataSource },
      TypeOrmDatabaseIndicator.provider(DATA_SOURCE, key, { withReader }),
    ],
  }).compile();
  return moduleRef.get(TypeOrmDatabaseIndicator);
}

async function check(indicator: TypeOrmDatabaseIndicator): Promise<HealthIndicatorResult> {
  const results: HealthIndicatorResult = {};
  for (const ping of Object.values(indicator.indicators)) Object.assign(results, await ping());
  return results;
}

describe(TypeOrmDatabaseIndicator.name, () => {
  it('reports the writer under the key it is given', async () => {
    const indicator = await indicatorOver(fakeDataSource(), 'db');
    expect(await check(indicator)).toEqual({ db: { status: 'up' } });
  });

  it('adds the reader as <key>-reader when asked, each down with a reason', async () => {
    const indicator = await indicatorOver(
      fakeDataSource(new Error('writer gone'), new Error('connect ECONNREFUSED')),
      'database',
      true,
    );
    expect(Object.keys(indicator.indicators)).toEqual(['database', 'database-reader']);
    expect(await check(indicator)).toEqual({
      database: { status: 'down', message: 'the database did not answer the ping' },
      'database-reader': { status: 'down', message: 'connect ECONNREFUSED' },
    });
  });
});
