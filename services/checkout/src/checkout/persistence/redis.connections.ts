import { OnApplicationShutdown } from '@nestjs/common';
import type { AppLogger } from '@retail/service-kit';
import { Redis } from 'ioredis';
import type { RedisConfig } from '../../config/checkout.config';

// Reconnect forever, never more than this far apart, so the service heals on its own.
const MAX_RECONNECT_DELAY_MS = 2000;

/**
 * The writer connection and, when REDIS_READER_URL is set, a reader one. Start-up waits briefly
 * for them but never fails on them: while Redis is away requests answer 503 and readiness says
 * which connection is down.
 */
export class RedisConnections implements OnApplicationShutdown {
  private constructor(
    readonly writer: Redis,
    readonly reader: Redis,
  ) {}

  static async open(cfg: RedisConfig, logger: AppLogger): Promise<RedisConnections> {
    const writer = connect(cfg.writerUrl, 'redis', cfg.commandTimeoutMs, logger);
    const reader = cfg.readerUrl
      ? connect(cfg.readerUrl, 'redis-reader', cfg.commandTimeoutMs, logger)
      : writer;
    await Promise.all([writer, reader].map((c) => whenReady(c, cfg.commandTimeoutMs)));
    return new RedisConnections(writer, reader);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...new Set([this.writer, this.reader])].map(close));
  }
}

function connect(url: string, name: string, timeoutMs: number, logger: AppLogger): Redis {
  const client = new Redis(url, {
    // Fail a command at once while disconnected instead of queueing it until Redis returns.
    enableOfflineQueue: false,
    commandTimeout: timeoutMs,
    connectTimeout: timeoutMs,
    // A dropped connection whose peer never closes is destroyed after this, not ioredis's 2 s.
    disconnectTimeout: timeoutMs,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  });
  // A listener must exist, or ioredis reports every failed reconnect on stderr. One line per
  // outage, not one per attempt; the URL may hold a password, so it is never logged.
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ connection: name, err: error.message }, 'redis connection lost; retrying');
  });
  client.on('ready', () => {
    if (down) logger.info({ connection: name }, 'redis connection back');
    down = false;
  });
  return client;
}

async function whenReady(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    client.once('ready', done);
    function done() {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    }
  });
}

async function close(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    await client.quit().catch(() => client.disconnect());
  } else {
    client.disconnect();
  }
}
