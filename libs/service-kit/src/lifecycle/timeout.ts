/** Thrown by `withTimeout` when the work did not settle in time. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** Settles like `work`, or rejects with TimeoutError after `ms`; the timer never holds the process. */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
