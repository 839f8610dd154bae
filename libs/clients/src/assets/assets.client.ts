import { BackendClient, ClientOptions, Remote, segment } from '../backend-client';

export interface Asset {
  contentType: string;
  body: Buffer;
}

/** The assets (image) server the UI proxies `/assets/{name}` to (spec/assets.md). */
export abstract class AssetsClient extends BackendClient {
  constructor(remote?: Remote) {
    super('assets', remote);
  }

  /** undefined when the server has no such file. */
  abstract image(name: string): Promise<Asset | undefined>;
}

export class HttpAssetsClient extends AssetsClient {
  constructor(baseUrl: string, options: ClientOptions = {}) {
    super({ baseUrl, healthPath: '/health.html', options });
  }

  async image(name: string): Promise<Asset | undefined> {
    const res = await this.http.getRaw(`/assets/${segment(name)}`, 'image/*');
    if (res.status === 404) return undefined;
    this.http.expectOk({ status: res.status, body: undefined }, 'GET /assets/{name}');
    return { contentType: res.contentType ?? 'image/jpeg', body: res.body };
  }
}

/** Serves one bundled picture for every name (spec/ui.md §3), as the UI's mock assets. */
export class MockAssetsClient extends AssetsClient {
  constructor(private readonly picture: Asset) {
    super();
  }

  image(_name: string): Promise<Asset | undefined> {
    return Promise.resolve(this.picture);
  }
}
