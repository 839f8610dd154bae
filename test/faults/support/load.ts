import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';

/** What a request of the load looks like; `worker` and `n` make each one identifiable. */
export interface LoadRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
}

/** One request of a load run, times in ms since the run started. */
export interface Sample {
  request: LoadRequest;
  worker: number;
  start: number;
  end: number;
  status?: number;
  /** Set when no answer came: a connection error, or no answer within the client's deadline. */
  error?: string;
  body: string;
  /** The answer's `connection` header (`close` while a service drains). */
  connection?: string;
}

/** No request is left waiting longer than this: past it, the sample records a hang. */
const CLIENT_DEADLINE_MS = 10_000;

export interface Load {
  /** ms since the run started. */
  now: () => number;
  samples: Sample[];
  /** Stops issuing requests, waits for those in flight, returns every sample. */
  stop: () => Promise<Sample[]>;
}

/**
 * `workers` clients, each sending one request at a time over its own kept-alive connection, as
 * fast as the service answers, until stopped. `next` builds each request.
 */
export function startLoad(
  baseUrl: string,
  workers: number,
  next: (worker: number, n: number) => LoadRequest,
  options: { stopOnClose?: boolean } = {},
): Load {
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const samples: Sample[] = [];
  let running = true;

  const worker = async (id: number) => {
    // One connection per worker, so "a connected client" is a worker.
    const agent = new Agent({ connections: 1, pipelining: 1, keepAliveTimeout: 30_000 });
    for (let n = 0; running; n++) {
      const req = next(id, n);
      const sample: Sample = { request: req, worker: id, start: now(), end: 0, body: '' };
      try {
        const res = await request(`${baseUrl}${req.path}`, {
          method: req.method,
          dispatcher: agent,
          headers: req.body === undefined ? {} : { 'content-type': 'application/json' },
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          signal: AbortSignal.timeout(CLIENT_DEADLINE_MS),
        });
        sample.status = res.statusCode;
        sample.body = await res.body.text();
        sample.connection = [res.headers.connection].flat()[0];
      } catch (error) {
        sample.error = (error as Error).message;
      }
      sample.end = now();
      samples.push(sample);
      // A client that was told the connection closes lets go, as the ui's pool and a load
      // balancer do; a client that got no answer backs off a little before trying again.
      if (options.stopOnClose && (sample.connection === 'close' || sample.error)) break;
      if (sample.error) await sleep(50);
    }
    await agent.close();
  };

  const done = Promise.all(Array.from({ length: workers }, (_, id) => worker(id)));
  return {
    now,
    samples,
    stop: async () => {
      running = false;
      await done;
      return samples;
    },
  };
}

/** Samples whose request started within [from, to) ms. */
export const startedBetween = (samples: Sample[], from: number, to = Infinity): Sample[] =>
  samples.filter((s) => s.start >= from && s.start < to);

/** A compact description of samples that broke a rule, for a failure message. */
export const summarize = (samples: Sample[]): string[] =>
  samples
    .slice(0, 5)
    .map(
      (s) =>
        `${s.request.method} ${s.request.path} at ${Math.round(s.start)} ms: ${s.error ?? s.status} after ${Math.round(s.end - s.start)} ms ${s.body.slice(0, 120)}`,
    );
