import { currentRequestId } from '@retail/service-kit';
import type { Agent, Dispatcher } from 'undici';

// undici takes about 120 ms to load, a sixth of the ui's start-up: it loads on the first call.
let undici: Promise<typeof import('undici')> | undefined;
const loadUndici = () => (undici ??= import('undici'));

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
  /** `false` opens a new connection per call (the reference's ENDPOINTS_HTTP_KEEPALIVE=false). */
  keepAlive?: boolean;
  /** Open connections per backend at most; default 16. */
  maxConnections?: number;
  /**
   * Also send `Content-Type: application/json` on GET and DELETE, which have no body: the
   * reference cart service answers 415 without it (spec/cart.md).
   */
  jsonTypeWithoutBody?: boolean;
  /** Called after every call, for per-upstream metrics and request logs. */
  onResponse?: (info: UpstreamCallInfo) => void;
}

export interface UpstreamCallInfo {
  service: string;
  method: string;
  path: string;
  status: number | 'error';
  seconds: number;
}

/** A non-JSON answer (an image, a health page), returned as bytes. */
export interface RawResponse {
  status: number;
  contentType?: string;
  body: Buffer;
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
  private dispatcher?: Agent;

  constructor(private readonly options: HttpClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  get<T>(path: string): Promise<JsonResponse<T>> {
    return this.send<T>('GET', path);
  }

  /** `headers` are sent besides the JSON ones (an idempotency key). */
  post<T>(
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<JsonResponse<T>> {
    return this.send<T>('POST', path, body, headers);
  }

  patch<T>(path: string, body?: unknown): Promise<JsonResponse<T>> {
    return this.send<T>('PATCH', path, body);
  }

  delete<T>(path: string): Promise<JsonResponse<T>> {
    return this.send<T>('DELETE', path);
  }

  /** GET whose answer is kept as bytes: images, plain-text health pages. Any status is returned. */
  async getRaw(path: string, accept = '*/*'): Promise<RawResponse> {
    const res = await this.call('GET', path, { accept });
    return { status: res.status, contentType: res.contentType, body: res.body };
  }

  /** POST without a body whose answer is text (`OK` from a chaos switch). */
  async postForText(path: string): Promise<{ status: number; text: string }> {
    const res = await this.call('POST', path, { accept: 'text/plain, */*' });
    return { status: res.status, text: res.body.toString('utf8') };
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
    await this.dispatcher?.close();
  }

  /** undici's `request` and this client's connection pool, both made on the first call. */
  private async connection(): Promise<{ request: typeof import('undici').request; pool: Agent }> {
    const { Agent, request } = await loadUndici();
    this.dispatcher ??= new Agent({
      keepAliveTimeout: 4000,
      // undici's documented switch for one connection per request.
      pipelining: this.options.keepAlive === false ? 0 : 1,
      // Per backend; further calls wait for a free connection (a backend answers in about a
      // millisecond), which keeps sockets and parser memory bounded under load.
      connections: this.options.maxConnections ?? 16,
      connect: { timeout: this.timeoutMs },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
    return { request, pool: this.dispatcher };
  }

  private async send<T>(
    method: Dispatcher.HttpMethod,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<JsonResponse<T>> {
    const typed =
      body !== undefined ||
      (this.options.jsonTypeWithoutBody === true && (method === 'GET' || method === 'DELETE'));
    const res = await this.call(
      method,
      path,
      typed
        ? { ...extraHeaders, accept: 'application/json', 'content-type': 'application/json' }
        : { ...extraHeaders, accept: 'application/json' },
      body === undefined ? undefined : JSON.stringify(body),
    );
    const text = res.body.toString('utf8');
    let parsed: unknown = undefined;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        if (res.status < 300) {
          const { service } = this.options;
          throw new UpstreamError(
            service,
            'invalid-body',
            `${service} answered ${method} ${path} with a body that is not JSON`,
            res.status,
          );
        }
        parsed = text;
      }
    }
    return { status: res.status, body: parsed as T };
  }

  private async call(
    method: Dispatcher.HttpMethod,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<RawResponse> {
    const { request, pool } = await this.connection();
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const { service } = this.options;
    // A timer cleared as soon as the call ends: AbortSignal.timeout() would keep a timer and its
    // signal alive for the whole timeout after every call, thousands of them under load.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(timeoutError()), this.timeoutMs);
    // The request being handled names this call too, so its logs line up with the backend's.
    const requestId = currentRequestId();
    try {
      const res = await request(`${this.base}${path}`, {
        method,
        dispatcher: pool,
        headers: requestId ? { ...headers, 'x-request-id': requestId } : headers,
        body,
        signal: deadline.signal,
      });
      const bytes = Buffer.from(await res.body.arrayBuffer());
      this.options.onResponse?.({
        service,
        method,
        path,
        status: res.statusCode,
        seconds: seconds(),
      });
      const type = res.headers['content-type'];
      return {
        status: res.statusCode,
        contentType: Array.isArray(type) ? type[0] : type,
        body: bytes,
      };
    } catch (error) {
      this.options.onResponse?.({ service, method, path, status: 'error', seconds: seconds() });
      // Our deadline aborts with an error named TimeoutError; undici's own timers throw errors
      // whose names end in TimeoutError.
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
    } finally {
      clearTimeout(timer);
    }
  }
}

function timeoutError(): Error {
  const error = new Error('deadline exceeded');
  error.name = 'TimeoutError';
  return error;
}
