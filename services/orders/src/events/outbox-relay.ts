import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_LOGGER, withTimeout } from '@retail/service-kit';
import type { AppLogger } from '@retail/service-kit';
import { EventPublisher } from './event-publisher';
import { Outbox } from './outbox';

const BATCH_SIZE = 100;
// Catches what no wake-up announced: events left by a previous run or by another instance.
const POLL_INTERVAL_MS = 5000;
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;
const BATCH_TIMEOUT_MS = 30_000;
const FINAL_DRAIN_MS = 3000;

/**
 * Moves events from the outbox to the publisher, oldest first, one batch at a time: woken after
 * each new order, polling otherwise, and backing off (up to 5 s) while the publisher or the
 * database fails. Events are marked sent only after the publisher confirmed them, so an outage
 * delays them and loses none.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private loop?: Promise<void>;
  private stopping = false;
  private wakeRequested = false;
  private interrupt?: (reason: 'wake' | 'stop') => void;

  constructor(
    private readonly outbox: Outbox,
    private readonly publisher: EventPublisher,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  /** Stops the loop, then gives what is still waiting one bounded last try. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.interrupt?.('stop');
    await this.loop;
    try {
      await withTimeout(this.drain(), FINAL_DRAIN_MS);
    } catch (error) {
      this.logger.warn({ reason: String(error) }, 'events left in the outbox at shutdown');
    }
    await this.publisher.close();
  }

  /** A new event is waiting. */
  wake(): void {
    this.wakeRequested = true;
    this.interrupt?.('wake');
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      this.wakeRequested = false;
      try {
        await this.publisher.connect();
        await this.drain(() => this.stopping);
        if (failures > 0) this.logger.info({ failures }, 'event publishing recovered');
        failures = 0;
        await this.pause(POLL_INTERVAL_MS, true);
      } catch (error) {
        failures++;
        // The first failure and every tenth after it, so an outage does not flood the log.
        if (failures % 10 === 1) {
          this.logger.warn({ failures, reason: String(error) }, 'cannot publish events; retrying');
        }
        // New orders do not cut this short: retrying at request rate would hammer the broker.
        await this.pause(Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS), false);
      }
    }
  }

  private async drain(stop: () => boolean = () => false): Promise<void> {
    while (!stop()) {
      const sent = await withTimeout(
        this.outbox.publishPending(BATCH_SIZE, (events) => this.publisher.publish(events)),
        BATCH_TIMEOUT_MS,
      );
      if (sent === 0) return;
    }
  }

  private pause(ms: number, wakeable: boolean): Promise<void> {
    if (this.stopping || (wakeable && this.wakeRequested)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.interrupt = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.interrupt = (reason) => {
        if (reason === 'stop' || wakeable) done();
      };
    });
  }
}
