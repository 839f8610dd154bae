import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc, { type Arbitrary } from 'fast-check';
import type { FuzzRequest } from './requests';

/** The answer as the checks see it. */
export interface FuzzAnswer {
  status: number;
  contentType: string;
  headers: Record<string, unknown>;
  body: string;
}

export interface FuzzTarget {
  app: NestFastifyApplication;
  requests: Arbitrary<FuzzRequest>;
  /** Why a 4xx answer is not in the service's error shape, or undefined when it is. */
  errorShapeProblem: (answer: FuzzAnswer, request: FuzzRequest) => string | undefined;
  /** Store writes made since the last call (see watchWrites); none may follow a refusal. */
  writes?: () => string[];
  /** fast-check's seed: a run is reproducible, and a failure prints the request that broke it. */
  seed: number;
  numRuns: number;
}

/** How many answers each `METHOD status` got, for the test's own sanity checks. */
export type StatusCounts = Record<string, number>;

const STACK_TRACE = /\bat [\w.<>]+ \(?\/[^)]+\.(js|ts):\d+/;

/**
 * Sends `numRuns` generated requests one after another through Fastify's inject and checks each
 * answer: never 5xx, no stack trace, every 4xx in the service's error shape and with no store
 * write during it. fast-check shrinks a failing request to a small reproducer.
 */
export async function fuzz(target: FuzzTarget): Promise<StatusCounts> {
  const fastify = target.app.getHttpAdapter().getInstance();
  const counts: StatusCounts = {};
  target.writes?.();
  await fc.assert(
    fc.asyncProperty(target.requests, async (request) => {
      const res = await fastify.inject({
        method: request.method as 'GET',
        url: request.url,
        headers: request.headers,
        payload: request.payload,
      });
      const answer: FuzzAnswer = {
        status: res.statusCode,
        contentType: String(res.headers['content-type'] ?? ''),
        headers: res.headers,
        body: res.body,
      };
      const key = `${request.method} ${answer.status}`;
      counts[key] = (counts[key] ?? 0) + 1;
      const writes = target.writes?.() ?? [];
      const problems = [
        answer.status >= 500 && `status ${answer.status}`,
        STACK_TRACE.test(answer.body) && 'a stack trace in the body',
        answer.status >= 400 &&
          request.method !== 'HEAD' &&
          target.errorShapeProblem(answer, request),
        answer.status >= 400 && writes.length > 0 && `stored ${writes.join(', ')}`,
      ].filter(Boolean);
      if (problems.length > 0) {
        throw new Error(
          `${problems.join('; ')}: answered ${answer.status} ${answer.body.slice(0, 300)}`,
        );
      }
    }),
    { seed: target.seed, numRuns: target.numRuns, endOnFailure: true },
  );
  return counts;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON body of an answer, or why it has none. */
export function jsonOf(answer: FuzzAnswer): Record<string, unknown> | string {
  if (!answer.contentType.startsWith('application/json'))
    return `content-type ${answer.contentType}`;
  try {
    const body: unknown = JSON.parse(answer.body);
    return isRecord(body) ? body : 'not a JSON object';
  } catch {
    return 'not JSON';
  }
}

/** Why `body` does not have exactly `keys` with the given checks, or undefined. */
export function shapeProblem(
  body: Record<string, unknown> | string,
  checks: Record<string, (value: unknown) => boolean>,
): string | undefined {
  if (typeof body === 'string') return body;
  const extra = Object.keys(body).filter((k) => !(k in checks));
  const bad = Object.entries(checks)
    .filter(([key, check]) => !check(body[key]))
    .map(([key]) => key);
  if (extra.length + bad.length === 0) return undefined;
  return `error body ${JSON.stringify(body).slice(0, 200)}: unexpected ${extra.join(',')} wrong ${bad.join(',')}`;
}

export const isString = (v: unknown): boolean => typeof v === 'string';

/** Why `answer` is not a Spring Boot error body `{timestamp, status, error, path, message}`. */
export const springErrorProblem = (answer: FuzzAnswer): string | undefined =>
  shapeProblem(jsonOf(answer), {
    timestamp: isString,
    status: (v) => v === answer.status,
    error: isString,
    path: isString,
    message: isString,
  });
