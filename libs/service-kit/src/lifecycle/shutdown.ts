import { Injectable } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';
import { ToInt } from '../config/load-env';
import { TracingEnv } from '../tracing/tracing';

/**
 * The variables every service reads through the kit: OpenTelemetry's, how long shutdown drains
 * and how long a client may take to send a request. Each service's env class extends it.
 */
export class KitEnv extends TracingEnv {
  /** ECS's default stopTimeout is 30 s: the drain plus the in-flight allowance stay below it. */
  @ToInt() @IsInt() @Min(0) @Max(100) SHUTDOWN_DRAIN_SECONDS = 20;
  @ToInt() @IsInt() @Min(1) @Max(600) HTTP_REQUEST_TIMEOUT_SECONDS = 30;
}

/** Whether the service is shutting down; readiness reads it to answer 503 from the signal on. */
@Injectable()
export class ShutdownState {
  private draining = false;

  isDraining(): boolean {
    return this.draining;
  }

  /** Called by `listen()`'s signal handler. */
  beginDrain(): void {
    this.draining = true;
  }
}
