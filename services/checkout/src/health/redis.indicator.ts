import type { HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import { DependencyIndicator, pingIndicator } from '@retail/service-kit';
import type { Redis } from 'ioredis';
import type { RedisConnections } from '../checkout/persistence/redis.connections';

/** Redis, for readiness: a PING on the writer connection and on the reader when it has one. */
export class RedisIndicator extends DependencyIndicator {
  readonly indicators: Record<string, HealthIndicatorFunction>;

  constructor(health: HealthIndicatorService, { writer, reader }: RedisConnections) {
    super();
    const ping = (key: string, client: Redis) => pingIndicator(health, key, () => client.ping());
    this.indicators = {
      redis: ping('redis', writer),
      ...(reader !== writer && { 'redis-reader': ping('redis-reader', reader) }),
    };
  }
}
