import type { HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import { DependencyIndicator, pingIndicator } from '@retail/service-kit';
import type { DynamoDbStore } from '../carts/persistence/dynamodb.store';

/** DynamoDB, for readiness: it answers and the carts table is there with the expected layout. */
export class DynamoDbIndicator extends DependencyIndicator {
  readonly indicators: Record<string, HealthIndicatorFunction>;

  constructor(health: HealthIndicatorService, store: DynamoDbStore) {
    super();
    this.indicators = {
      dynamodb: pingIndicator(health, 'dynamodb', (signal) => store.checkTable(signal)),
    };
  }
}
