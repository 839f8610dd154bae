import {
  ToBoolean,
  ToInt,
  loadEnv,
  TracingConfig,
  tracingConfig,
  KitEnv,
} from '@retail/service-kit';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

const profilesOf = (value: string): string[] =>
  value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');

// The reference's legacy MongoDB backend is not carried over; starting in memory instead would
// silently lose the data its operator expects to be kept.
const WithoutMongoProfile = () =>
  ValidateBy({
    name: 'withoutMongoProfile',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && !profilesOf(value).includes('mongo'),
      defaultMessage: () =>
        '$property must not include mongo (not supported; use dynamodb or none)',
    },
  });

/** Every variable the cart reads, with the reference's names and defaults (spec/cart.md). */
export class CartEnv extends KitEnv {
  @ToInt() @IsInt() @Min(1) @Max(65535) PORT = 8080;
  /** Spring's own name for the port; it wins over PORT, as in the reference. */
  @IsOptional() @ToInt() @IsInt() @Min(1) @Max(65535) SERVER_PORT?: number;
  /** Comma-separated; `dynamodb` selects DynamoDB. Other profiles are accepted and ignored. */
  @IsString() @WithoutMongoProfile() SPRING_PROFILES_ACTIVE = '';
  /** DynamoDB's own rules for a table name. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{3,255}$/, {
    message: '$property must be 3-255 letters, digits, "_", "-" or "."',
  })
  CARTS_DYNAMODB_TABLENAME?: string;
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  CARTS_DYNAMODB_ENDPOINT?: string;
  @IsOptional() @ToBoolean() @IsBoolean() CARTS_DYNAMODB_CREATETABLE?: boolean;
  @IsOptional() @Matches(/^[a-z0-9-]+$/) AWS_REGION?: string;
  // Static keys (compose's dummy keys, tests); without them the SDK's default chain applies.
  @ValidateIf((e: CartEnv) => e.AWS_SECRET_ACCESS_KEY !== undefined)
  @IsNotEmpty({ message: '$property is required when AWS_SECRET_ACCESS_KEY is set' })
  AWS_ACCESS_KEY_ID?: string;
  @ValidateIf((e: CartEnv) => e.AWS_ACCESS_KEY_ID !== undefined)
  @IsNotEmpty({ message: '$property is required when AWS_ACCESS_KEY_ID is set' })
  AWS_SECRET_ACCESS_KEY?: string;
  @IsOptional() @IsString() AWS_SESSION_TOKEN?: string;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
}

export interface DynamoDbConfig {
  kind: 'dynamodb';
  tableName: string;
  /** A DynamoDB Local / emulator URL; unset means AWS itself. */
  endpoint?: string;
  /** Unset: the SDK's default chain (AWS_REGION, shared config). */
  region?: string;
  /** Unset: the SDK's default chain (ECS task role, instance profile, shared config). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Create the table and its index at start-up when missing; never deletes. */
  createTable: boolean;
}

export interface CartConfig {
  port: number;
  logLevel: string;
  persistence: { kind: 'in-memory' } | DynamoDbConfig;
  tracing: TracingConfig;
}

// What the reference forces when an endpoint is set (spec/cart.md, DynamoDB settings).
const EMULATOR_REGION = 'us-west-2';

export function loadConfig(env: Record<string, string | undefined>): CartConfig {
  const e = loadEnv(CartEnv, env);
  const dynamodb =
    profilesOf(e.SPRING_PROFILES_ACTIVE).includes('dynamodb') ||
    e.CARTS_DYNAMODB_TABLENAME !== undefined ||
    e.CARTS_DYNAMODB_ENDPOINT !== undefined ||
    e.CARTS_DYNAMODB_CREATETABLE !== undefined;
  return {
    port: e.SERVER_PORT ?? e.PORT,
    logLevel: e.LOG_LEVEL,
    persistence: dynamodb
      ? {
          kind: 'dynamodb',
          tableName: e.CARTS_DYNAMODB_TABLENAME ?? 'Items',
          endpoint: e.CARTS_DYNAMODB_ENDPOINT,
          region: e.AWS_REGION ?? (e.CARTS_DYNAMODB_ENDPOINT ? EMULATOR_REGION : undefined),
          credentials:
            e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY
              ? {
                  accessKeyId: e.AWS_ACCESS_KEY_ID,
                  secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
                  sessionToken: e.AWS_SESSION_TOKEN,
                }
              : undefined,
          createTable: e.CARTS_DYNAMODB_CREATETABLE ?? false,
        }
      : { kind: 'in-memory' },
    tracing: tracingConfig(e, 'cart'),
  };
}
