import {
  AssetsClient,
  CartsClient,
  CatalogClient,
  CheckoutClient,
  HttpClient,
} from '@retail/clients';
import type { BackendName } from '../config/ui.config';

/** Where `/proxy/<name>/**` goes; undefined when that backend is not configured. */
export type ProxyTargets = Record<
  'catalogue' | 'carts' | 'checkout' | 'orders',
  HttpClient | undefined
>;
export const PROXY_TARGETS = Symbol('PROXY_TARGETS');

/** One backend as the topology page and readiness see it. */
export interface BackendEntry {
  name: BackendName;
  /** undefined = the in-process mock (or, for orders, not configured). */
  url: string | undefined;
  /** Resolves when it answers its health endpoint. */
  health(): Promise<void>;
}

/** Every backend the UI was configured with, in the order the topology page lists them. */
export class Backends {
  constructor(readonly entries: readonly BackendEntry[]) {}
}

/** Orders is never called for pages (spec/ui.md §2); only its health is probed, when set. */
export function ordersEntry(url: string | undefined, http: HttpClient | undefined): BackendEntry {
  return {
    name: 'orders',
    url,
    health: async () => {
      if (!http) return;
      const res = await http.getRaw('/actuator/health');
      if (res.status < 200 || res.status >= 300) {
        throw new Error(`/actuator/health answered ${res.status}`);
      }
    },
  };
}

export const clientEntry = (
  name: BackendName,
  client: CatalogClient | CartsClient | CheckoutClient | AssetsClient,
): BackendEntry => ({ name, url: client.baseUrl, health: () => client.health() });
