import type { HealthCheckResult } from '@nestjs/terminus';
import { springBody, terminusBody } from './health-bodies';

const down: HealthCheckResult = {
  status: 'error',
  info: { db: { status: 'up', responseTime: 3 } },
  error: { rabbit: { status: 'down', message: 'ECONNREFUSED', responseTime: 2000 } },
  details: {
    db: { status: 'up', responseTime: 3 },
    rabbit: { status: 'down', message: 'ECONNREFUSED', responseTime: 2000 },
  },
};
const up: HealthCheckResult = {
  status: 'ok',
  info: { db: { status: 'up', responseTime: 3, url: 'http://db' } },
  error: {},
  details: { db: { status: 'up', responseTime: 3, url: 'http://db' } },
};

describe('health bodies mapped from terminus results', () => {
  it("terminus's report keeps keys and reasons, without timings", () => {
    expect(terminusBody(down)).toEqual({
      status: 'error',
      info: { db: { status: 'up' } },
      error: { rabbit: { status: 'down', message: 'ECONNREFUSED' } },
      details: { db: { status: 'up' }, rabbit: { status: 'down', message: 'ECONNREFUSED' } },
    });
  });

  it("Spring's body names each component, the reason as details.error, extra data as details", () => {
    expect(springBody(down, 'always')).toEqual({
      status: 'DOWN',
      components: {
        db: { status: 'UP' },
        rabbit: { status: 'DOWN', details: { error: 'ECONNREFUSED' } },
      },
    });
    expect(springBody(up, 'always')).toEqual({
      status: 'UP',
      components: { db: { status: 'UP', details: { url: 'http://db' } } },
    });
  });

  it('leaves components out when there are none, or with when-down while all is up', () => {
    expect(springBody({ status: 'ok', info: {}, error: {}, details: {} }, 'always')).toEqual({
      status: 'UP',
    });
    expect(springBody(up, 'when-down')).toEqual({ status: 'UP' });
    expect(springBody(down, 'when-down').components).toHaveProperty('rabbit');
  });
});
