import { DynamicModule, Module } from '@nestjs/common';
import { APP_LOGGER, AppLogger, DependencyCheck } from '@retail/service-kit';
import type { CheckoutConfig } from '../../config/checkout.config';
import { CheckoutRepository } from './checkout.repository';
import { InMemoryCheckoutRepository } from './in-memory-checkout.repository';
import { RedisCheckoutRepository } from './redis-checkout.repository';
import { RedisConnections } from './redis.connections';

/** The storage's own readiness checks; CheckoutModule adds the orders one. */
export const STORE_CHECKS = Symbol('STORE_CHECKS');

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
          { provide: STORE_CHECKS, useValue: [] },
        ],
        exports: [CheckoutRepository, STORE_CHECKS],
      };
    }
    return {
      module: CheckoutPersistenceModule,
      providers: [
        {
          provide: RedisConnections,
          inject: [APP_LOGGER],
          useFactory: (logger: AppLogger) => RedisConnections.open(store, logger),
        },
        {
          provide: CheckoutRepository,
          inject: [RedisConnections],
          useFactory: (redis: RedisConnections) =>
            new RedisCheckoutRepository(redis.writer, redis.reader, cfg.ttlSeconds),
        },
        {
          provide: STORE_CHECKS,
          inject: [RedisConnections],
          useFactory: (redis: RedisConnections): DependencyCheck[] => redis.checks(),
        },
      ],
      exports: [CheckoutRepository, STORE_CHECKS],
    };
  }
}
