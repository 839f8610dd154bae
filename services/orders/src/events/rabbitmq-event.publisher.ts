import type { AppLogger } from '@retail/service-kit';
import { withTimeout } from '@retail/service-kit';
import type { ChannelModel, ConfirmChannel } from 'amqplib';
import type { AmqpAddress, RabbitConfig } from '../config/orders.config';
import { EventPublisher } from './event-publisher';
import type { OutboxEvent } from './outbox';

const CONNECT_TIMEOUT_MS = 5000;
// A batch the broker has not confirmed by then is sent again on a fresh connection.
const CONFIRM_TIMEOUT_MS = 10_000;
const HEARTBEAT_SECONDS = 30;
// Spring AMQP's JSON converter sets it; Java consumers of the reference pick the class by it.
const TYPE_ID = 'com.amazon.sample.events.orders.OrderCreatedEvent';

/**
 * Publishes to the reference's fanout exchange over one connection and one confirm channel,
 * declared on every (re)connect. Any failure drops the connection; the next call reconnects,
 * trying the configured addresses in order.
 */
export class RabbitMqEventPublisher extends EventPublisher {
  private connection?: ChannelModel;
  private channel?: ConfirmChannel;
  private opening?: Promise<ConfirmChannel>;
  private closed = false;

  constructor(
    private readonly cfg: RabbitConfig,
    private readonly logger: AppLogger,
  ) {
    super();
  }

  async connect(): Promise<void> {
    await this.open();
  }

  /** Health: the broker answers on our channel and the exchange is there. */
  async check(): Promise<void> {
    const channel = await this.open();
    await channel.checkExchange(this.cfg.exchange);
  }

  async publish(events: OutboxEvent[]): Promise<void> {
    const channel = await this.open();
    try {
      await withTimeout(
        Promise.all(events.map((event) => this.send(channel, event))),
        CONFIRM_TIMEOUT_MS,
      );
    } catch (error) {
      await this.drop();
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drop();
  }

  private send(channel: ConfirmChannel, event: OutboxEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      channel.publish(
        this.cfg.exchange,
        '',
        Buffer.from(event.payload),
        {
          contentType: 'application/json',
          contentEncoding: 'UTF-8',
          deliveryMode: 2,
          messageId: event.id,
          timestamp: Math.floor(Date.now() / 1000),
          headers: { __TypeId__: TYPE_ID },
        },
        (error: unknown) => (error ? reject(toError(error)) : resolve()),
      );
    });
  }

  private open(): Promise<ConfirmChannel> {
    if (this.closed) return Promise.reject(new Error('publisher closed'));
    if (this.channel) return Promise.resolve(this.channel);
    this.opening ??= this.openFirstReachable().finally(() => (this.opening = undefined));
    return this.opening;
  }

  private async openFirstReachable(): Promise<ConfirmChannel> {
    const amqp = await import('amqplib');
    let lastError: unknown;
    for (const address of this.cfg.addresses) {
      let connection: ChannelModel | undefined;
      try {
        connection = await amqp.connect(
          {
            protocol: address.protocol.replace(':', ''),
            hostname: address.hostname,
            port: address.port,
            username: address.username,
            password: address.password,
            vhost: address.vhost,
            heartbeat: HEARTBEAT_SECONDS,
          },
          { timeout: CONNECT_TIMEOUT_MS, clientProperties: { connection_name: 'orders' } },
        );
        const channel = await this.declare(connection);
        if (this.closed) throw new Error('publisher closed');
        this.watch(connection, channel, address);
        this.logger.info({ broker: describe(address) }, 'connected to RabbitMQ');
        return channel;
      } catch (error) {
        lastError = error;
        await connection?.close().catch(() => undefined);
      }
    }
    throw lastError;
  }

  /** The reference's topology: durable fanout exchange, non-durable queue bound to it. */
  private async declare(connection: ChannelModel): Promise<ConfirmChannel> {
    connection.on('error', () => undefined); // reported through 'close'
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined);
    await channel.assertExchange(this.cfg.exchange, 'fanout', { durable: true, autoDelete: false });
    await channel.assertQueue(this.cfg.queue, {
      durable: false,
      exclusive: false,
      autoDelete: false,
    });
    await channel.bindQueue(this.cfg.queue, this.cfg.exchange, '');
    return channel;
  }

  private watch(connection: ChannelModel, channel: ConfirmChannel, address: AmqpAddress): void {
    this.connection = connection;
    this.channel = channel;
    const lost = (reason: unknown) => {
      if (this.connection !== connection) return;
      this.connection = undefined;
      this.channel = undefined;
      if (!this.closed) {
        this.logger.warn({ broker: describe(address), reason: String(reason) }, 'lost RabbitMQ');
      }
      void connection.close().catch(() => undefined);
    };
    connection.on('close', (error?: Error) => lost(error ?? 'connection closed'));
    channel.on('close', () => lost('channel closed'));
  }

  private async drop(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    this.channel = undefined;
    await connection?.close().catch(() => undefined);
  }
}

const describe = (a: AmqpAddress) =>
  `${a.protocol}//${a.hostname}:${a.port}${a.vhost === '/' ? '' : `/${a.vhost}`}`;

const toError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(`broker refused the message: ${String(error)}`);
