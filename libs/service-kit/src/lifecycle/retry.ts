export interface RetryOptions {
  /** What is being waited for, for the log lines: `MySQL at db:3306`. */
  what: string;
  /** Give up after this long in total. */
  maxDurationMs: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

/**
 * Retries `attempt` with doubling delays until it resolves or `maxDurationMs` has passed, then
 * rethrows the last error with `what` in its message. Used at start-up when a database may still
 * be starting (compose, ECS), where the reference exited at once.
 */
export async function retryWithBackoff<T>(
  attempt: () => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const started = Date.now();
  let delay = options.initialDelayMs ?? 250;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const elapsed = Date.now() - started;
      if (elapsed + delay > options.maxDurationMs) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `${options.what} not reachable after ${n} attempts in ${elapsed} ms: ${reason}`,
          {
            cause: error,
          },
        );
      }
      options.onRetry?.(n, delay, error);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, options.maxDelayMs ?? 5000);
    }
  }
}
