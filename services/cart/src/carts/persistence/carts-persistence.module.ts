import { DynamicModule, Module } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { APP_LOGGER, AppLogger } from '@retail/service-kit';
import type { CartConfig } from '../../config/cart.config';
import { DynamoDbIndicator } from '../../health/dynamodb.indicator';
import { CartsRepository } from './carts.repository';
import type { DynamoDbStore } from './dynamodb.store';
import { InMemoryCartsRepository } from './in-memory-carts.repository';

const DYNAMODB_STORE = Symbol('DYNAMODB_STORE');

/** Chooses the carts store once, at boot, from validated config. */
@Module({})
export class CartsPersistenceModule {
  static forConfig(cfg: CartConfig): DynamicModule {
    const db = cfg.persistence;
    if (db.kind === 'in-memory') {
      return {
        module: CartsPersistenceModule,
        providers: [{ provide: CartsRepository, useValue: new InMemoryCartsRepository() }],
        exports: [CartsRepository],
      };
    }
    return {
      module: CartsPersistenceModule,
      providers: [
        {
          provide: DYNAMODB_STORE,
          inject: [APP_LOGGER],
          // The AWS SDK is loaded only here, so a start in memory never pays for it.
          useFactory: async (logger: AppLogger): Promise<DynamoDbStore> => {
            const { DynamoDbStore } = await import('./dynamodb.store');
            return new DynamoDbStore(db, logger);
          },
        },
        {
          provide: CartsRepository,
          inject: [DYNAMODB_STORE],
          useFactory: (store: DynamoDbStore) => store.repository,
        },
        {
          provide: DynamoDbIndicator,
          inject: [HealthIndicatorService, DYNAMODB_STORE],
          useFactory: (health: HealthIndicatorService, store: DynamoDbStore) =>
            new DynamoDbIndicator(health, store),
        },
      ],
      exports: [CartsRepository],
    };
  }
}
