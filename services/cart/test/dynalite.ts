import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import dynalite from 'dynalite';

/** A real DynamoDB emulator (dynalite, in memory) in this process, on a loopback port. */
export interface Dynalite {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export async function startDynalite(port = 0): Promise<Dynalite> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  const bound = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${bound}`,
    port: bound,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A loopback port nothing listens on (yet): bound, read, released. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

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
