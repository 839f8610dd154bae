// The cart's DynamoDB test settings; dynalite itself starts with @retail/testing/backends.
import { randomUUID } from 'node:crypto';

export const throwawayTable = (): string => `carts-test-${randomUUID()}`;

// Explicit dummy keys and region: the SDK never looks for credentials or a region itself.
export const DUMMY_AWS = {
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-west-2',
};

/** The environment of a cart on DynamoDB at `endpoint`, as loadConfig reads it. */
export const dynamoEnv = (endpoint: string, table: string, createTable = true) => ({
  LOG_LEVEL: 'silent',
  SPRING_PROFILES_ACTIVE: 'dynamodb',
  CARTS_DYNAMODB_ENDPOINT: endpoint,
  CARTS_DYNAMODB_TABLENAME: table,
  CARTS_DYNAMODB_CREATETABLE: String(createTable),
  ...DUMMY_AWS,
});
