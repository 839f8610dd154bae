import { HttpClient, HttpClientOptions } from './http-client';

/** Options every real client takes; `service` and `baseUrl` are filled in by the client itself. */
export type ClientOptions = Omit<HttpClientOptions, 'service' | 'baseUrl'>;

/**
 * What the UI needs from any backend, real or mocked: where it is (undefined for an in-process
 * mock), a health probe for readiness and the topology page, and a way to release connections.
 */
export abstract class BackendClient {
  abstract readonly service: string;
  /** The configured base URL; undefined when this is the in-process mock. */
  abstract readonly baseUrl: string | undefined;
  /** Resolves when the backend answers its health endpoint with 2xx; rejects otherwise. */
  abstract health(): Promise<void>;
  abstract close(): Promise<void>;
}

/** The connection a real client talks through, and the health probe on its health path. */
export class HttpBackend {
  readonly http: HttpClient;

  constructor(
    service: string,
    readonly baseUrl: string,
    private readonly healthPath: string,
    options: ClientOptions,
  ) {
    this.http = new HttpClient({ ...options, service, baseUrl });
  }

  async health(): Promise<void> {
    const res = await this.http.getRaw(this.healthPath);
    if (res.status < 200 || res.status >= 300) {
      throw new Error(`${this.healthPath} answered ${res.status}`);
    }
  }
}

/** Encodes one path segment (customer ids and product ids come from users). */
export const segment = (value: string): string => encodeURIComponent(value);
