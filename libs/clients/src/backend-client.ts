import { HttpClient, HttpClientOptions } from './http-client';

/** Options every real client takes; `service` and `baseUrl` are filled in by the client itself. */
export type ClientOptions = Omit<HttpClientOptions, 'service' | 'baseUrl'>;

/** Where a real client's backend is and which path answers its health. */
export interface Remote {
  baseUrl: string;
  healthPath: string;
  options: ClientOptions;
}

/**
 * What the UI needs from any backend, real or mocked: where it is (undefined for an in-process
 * mock), a health probe for readiness and the topology page, and a way to release connections.
 * A real client passes its `Remote`; a mock passes none, and is always healthy.
 */
export abstract class BackendClient {
  private readonly connection: HttpClient | undefined;

  protected constructor(
    readonly service: string,
    private readonly remote?: Remote,
  ) {
    this.connection =
      remote && new HttpClient({ ...remote.options, service, baseUrl: remote.baseUrl });
  }

  /** The configured base URL; undefined when this is the in-process mock. */
  get baseUrl(): string | undefined {
    return this.remote?.baseUrl;
  }

  /** The real client's connection; a mock never calls it. */
  protected get http(): HttpClient {
    if (!this.connection) throw new Error(`${this.service} is the in-process mock`);
    return this.connection;
  }

  /** Resolves when the backend answers its health endpoint with 2xx; rejects otherwise. */
  async health(): Promise<void> {
    if (!this.connection || !this.remote) return;
    const { healthPath } = this.remote;
    const res = await this.connection.getRaw(healthPath);
    if (res.status < 200 || res.status >= 300) {
      throw new Error(`${healthPath} answered ${res.status}`);
    }
  }

  async close(): Promise<void> {
    await this.connection?.close();
  }
}

/** Encodes one path segment (customer ids and product ids come from users). */
export const segment = (value: string): string => encodeURIComponent(value);
