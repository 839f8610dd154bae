import { BackendClient, ClientOptions, HttpBackend, segment } from '../backend-client';

export interface Asset {
  contentType: string;
  body: Buffer;
}

/** The assets (image) server the UI proxies `/assets/{name}` to (spec/assets.md). */
export abstract class AssetsClient extends BackendClient {
  readonly service = 'assets';
  /** undefined when the server has no such file. */
  abstract image(name: string): Promise<Asset | undefined>;
}

export class HttpAssetsClient extends AssetsClient {
  private readonly backend: HttpBackend;

  constructor(baseUrl: string, options: ClientOptions = {}) {
    super();
    this.backend = new HttpBackend(this.service, baseUrl, '/health.html', options);
  }

  get baseUrl(): string {
    return this.backend.baseUrl;
  }

  async image(name: string): Promise<Asset | undefined> {
    const res = await this.backend.http.getRaw(`/assets/${segment(name)}`, 'image/*');
    if (res.status === 404) return undefined;
    this.backend.http.expectOk({ status: res.status, body: undefined }, 'GET /assets/{name}');
    return { contentType: res.contentType ?? 'image/jpeg', body: res.body };
  }

  health(): Promise<void> {
    return this.backend.health();
  }

  close(): Promise<void> {
    return this.backend.http.close();
  }
}

/** Serves one bundled picture for every name (spec/ui.md §3), as the UI's mock assets. */
export class MockAssetsClient extends AssetsClient {
  readonly baseUrl = undefined;

  constructor(private readonly picture: Asset) {
    super();
  }

  image(_name: string): Promise<Asset | undefined> {
    return Promise.resolve(this.picture);
  }

  health(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
