import { Agent, Dispatcher, request } from 'undici';

/** An upstream call failed; `reason` says how, `status` is set when it answered. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    readonly service: string,
    readonly reason: 'unreachable' | 'timeout' | 'status' | 'invalid-body',
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface HttpClientOptions {
  /** Names the upstream in errors and metrics: `catalog`. */
  service: string;
  /** e.g. `http://catalog:8080`; a trailing slash is fine. */
  baseUrl: string;
  /** Whole-request deadline, connect included. */
  timeoutMs?: number;
  /** Called after every call, for per-upstream metrics. */
  onResponse?: (info: {
    service: string;
    method: string;
    status: number | 'error';
    seconds: number;
  }) => void;
}

export interface JsonResponse<T> {
  status: number;
  body: T;
}

/**
 * JSON over HTTP with keep-alive and a deadline on every call. Any failure becomes an
 * UpstreamError, never a hang; 4xx/5xx answers are returned to the caller, who knows which are
 * expected (a 404 for an unknown product) and which are failures (`expectOk`).
 */
export class HttpClient {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly dispatcher: Dispatcher;

  constructor(private readonly options: HttpClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.dispatcher = new Agent({
      keepAliveTimeout: 4000,
      connect: { timeout: this.timeoutMs },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
  }

  get<T>(path: string): Promise<JsonResponse<T>> {
    return this.send<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<JsonResponse<T>> {
    return this.send<T>('POST', path, body);
  }

  patch<T>(path: string, body?: unknown): Promise<JsonResponse<T>> {
    return this.send<T>('PATCH', path, body);
  }

  delete<T>(path: string): Promise<JsonResponse<T>> {
    return this.send<T>('DELETE', path);
  }

  /** Throws UpstreamError unless the status is 2xx. */
  expectOk<T>(response: JsonResponse<T>, what: string): T {
    if (response.status >= 200 && response.status < 300) return response.body;
    throw new UpstreamError(
      this.options.service,
      'status',
      `${this.options.service} answered ${response.status} to ${what}`,
      response.status,
    );
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private async send<T>(
    method: Dispatcher.HttpMethod,
    path: string,
    body?: unknown,
  ): Promise<JsonResponse<T>> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const { service } = this.options;
    try {
      const res = await request(`${this.base}${path}`, {
        method,
        dispatcher: this.dispatcher,
        headers:
          body === undefined
            ? { accept: 'application/json' }
            : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.body.text();
      this.options.onResponse?.({ service, method, status: res.statusCode, seconds: seconds() });
      let parsed: unknown = undefined;
      if (text.length > 0) {
        try {
          parsed = JSON.parse(text);
        } catch {
          if (res.statusCode < 300) {
            throw new UpstreamError(
              service,
              'invalid-body',
              `${service} answered ${method} ${path} with a body that is not JSON`,
              res.statusCode,
            );
          }
          parsed = text;
        }
      }
      return { status: res.statusCode, body: parsed as T };
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      this.options.onResponse?.({ service, method, status: 'error', seconds: seconds() });
      // AbortSignal.timeout() rejects with a DOMException named TimeoutError; undici's own timers
      // throw errors whose names end in TimeoutError.
      const name = (error as { name?: unknown }).name;
      const timedOut = typeof name === 'string' && /TimeoutError|AbortError/.test(name);
      throw timedOut
        ? new UpstreamError(
            service,
            'timeout',
            `${service} did not answer ${method} ${path} within ${this.timeoutMs} ms`,
          )
        : new UpstreamError(
            service,
            'unreachable',
            `${service} is unreachable at ${this.base}: ${error instanceof Error ? error.message : String(error)}`,
          );
    }
  }
}
