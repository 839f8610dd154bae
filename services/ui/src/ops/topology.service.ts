import { Injectable } from '@nestjs/common';
import { withTimeout } from '@retail/service-kit';
import { Backends } from '../backends/backends';
import type { PageModel } from '../web/layout';

const PROBE_TIMEOUT_MS = 2000;

export interface BackendStatus {
  name: string;
  /** `mock`, `not configured` (orders), or the base URL. */
  mode: 'mock' | 'not configured' | 'url';
  url: string | undefined;
  /** undefined for mocks, which have no health endpoint. */
  healthy: boolean | undefined;
  detail: string;
  millis: number | undefined;
}

export interface TopologyPage extends PageModel {
  backends: BackendStatus[];
  mocked: number;
  configured: number;
}

/** Probes every configured backend's health endpoint at once, each within 2 s. */
@Injectable()
export class TopologyService {
  constructor(private readonly backends: Backends) {}

  async statuses(): Promise<BackendStatus[]> {
    return Promise.all(
      this.backends.entries.map(async (b): Promise<BackendStatus> => {
        if (b.url === undefined) {
          const mock = b.name !== 'orders';
          return {
            name: b.name,
            mode: mock ? 'mock' : 'not configured',
            url: undefined,
            healthy: undefined,
            detail: mock
              ? 'in-process mock inside the UI'
              : 'not used by the UI (checkout places orders)',
            millis: undefined,
          };
        }
        const started = Date.now();
        try {
          await withTimeout(b.health(), PROBE_TIMEOUT_MS);
          return {
            name: b.name,
            mode: 'url',
            url: b.url,
            healthy: true,
            detail: 'health check answered',
            millis: Date.now() - started,
          };
        } catch (error) {
          return {
            name: b.name,
            mode: 'url',
            url: b.url,
            healthy: false,
            detail: error instanceof Error ? error.message : String(error),
            millis: Date.now() - started,
          };
        }
      }),
    );
  }

  async page(): Promise<TopologyPage> {
    const backends = await this.statuses();
    return {
      breadcrumbs: [{ label: 'Topology' }],
      backends,
      mocked: backends.filter((b) => b.mode === 'mock').length,
      configured: backends.filter((b) => b.mode === 'url').length,
    };
  }
}
