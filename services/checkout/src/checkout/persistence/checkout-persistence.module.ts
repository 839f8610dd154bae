import { DynamicModule, Module } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { APP_LOGGER, AppLogger } from '@retail/service-kit';
import type { CheckoutConfig } from '../../config/checkout.config';
import { RedisIndicator } from '../../health/redis.indicator';
import { CheckoutRepository } from './checkout.repository';
import { InMemoryCheckoutRepository } from './in-memory-checkout.repository';
import { RedisCheckoutRepository } from './redis-checkout.repository';
import type { RedisConnections } from './redis.connections';

const REDIS_CONNECTIONS = Symbol('REDIS_CONNECTIONS');

/** Chooses the checkout store once, at boot, from validated config. */
@Module({})
export class CheckoutPersistenceModule {
  static forConfig(cfg: CheckoutConfig): DynamicModule {
    const store = cfg.persistence;
    if (store.kind === 'in-memory') {
      return {
        module: CheckoutPersistenceModule,
        providers: [
          { provide: CheckoutRepository, useValue: new InMemoryCheckoutRepository(cfg.ttlSeconds) },
        ],
        exports: [CheckoutRepository],
      };
    }
    return {
      module: CheckoutPersistenceModule,
      providers: [
        {
          provide: REDIS_CONNECTIONS,
          inject: [APP_LOGGER],
          // ioredis is loaded only when Redis is configured: the in-memory default starts faster.
          useFactory: async (logger: AppLogger) =>
            (await import('./redis.connections')).RedisConnections.open(store, logger),
        },
        {
          provide: CheckoutRepository,
          inject: [REDIS_CONNECTIONS],
          useFactory: (redis: RedisConnections) =>
            new RedisCheckoutRepository(redis.writer, redis.reader, cfg.ttlSeconds),
        },
        {
          provide: RedisIndicator,
          inject: [HealthIndicatorService, REDIS_CONNECTIONS],
          useFactory: (health: HealthIndicatorService, redis: RedisConnections) =>
            new RedisIndicator(health, redis),
        },
      ],
      exports: [CheckoutRepository],
    };
  }
}
