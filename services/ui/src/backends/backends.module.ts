import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import {
  AssetsClient,
  CartsClient,
  CatalogClient,
  CheckoutClient,
  type ClientOptions,
  HttpAssetsClient,
  HttpCartsClient,
  HttpCatalogClient,
  HttpCheckoutClient,
  HttpClient,
  MockAssetsClient,
  MockCartsClient,
  MockCatalogClient,
  MockCheckoutClient,
} from '@retail/clients';
import { HealthIndicatorService } from '@nestjs/terminus';
import { APP_LOGGER, type AppLogger, Metrics } from '@retail/service-kit';
import type { UiConfig } from '../config/ui.config';
import { BackendsIndicator } from '../health/backends.indicator';
import { publicDir } from '../web/public-dir';
import { backendCallObserver } from './backend-calls';
import { CachedCatalogClient } from './cached-catalog.client';
import { Backends, clientEntry, ordersEntry, PROXY_TARGETS, type ProxyTargets } from './backends';

const CLIENT_OPTIONS = Symbol('CLIENT_OPTIONS');
const ORDERS_HTTP = Symbol('ORDERS_HTTP');
const CLOSABLE = Symbol('CLOSABLE_BACKENDS');

/**
 * Chooses each backend once, at boot (spec/ui.md §3): a configured URL gets the real client,
 * anything else the in-process mock.
 */
@Global()
@Module({})
export class BackendsModule implements OnApplicationShutdown {
  constructor(@Inject(CLOSABLE) private readonly closables: Array<{ close(): Promise<void> }>) {}

  static forConfig(cfg: UiConfig): DynamicModule {
    const options = (metrics: Metrics, logger: AppLogger): ClientOptions => ({
      timeoutMs: cfg.backendTimeoutMs,
      keepAlive: cfg.keepAlive,
      onResponse: backendCallObserver(metrics, logger, cfg.logBackendCalls),
    });
    const { catalog, carts, checkout, assets, orders } = cfg.endpoints;
    return {
      module: BackendsModule,
      providers: [
        {
          provide: CLIENT_OPTIONS,
          inject: [Metrics, APP_LOGGER],
          useFactory: options,
        },
        {
          provide: CatalogClient,
          inject: [CLIENT_OPTIONS],
          useFactory: (o: ClientOptions) => {
            if (!catalog) return new MockCatalogClient();
            const client = new HttpCatalogClient(catalog, o);
            return cfg.catalogCacheMs > 0
              ? new CachedCatalogClient(client, cfg.catalogCacheMs)
              : client;
          },
        },
        {
          provide: CartsClient,
          inject: [CLIENT_OPTIONS],
          useFactory: (o: ClientOptions) =>
            carts ? new HttpCartsClient(carts, o) : new MockCartsClient(),
        },
        {
          provide: CheckoutClient,
          inject: [CLIENT_OPTIONS],
          useFactory: (o: ClientOptions) =>
            checkout ? new HttpCheckoutClient(checkout, o) : new MockCheckoutClient(),
        },
        {
          provide: AssetsClient,
          inject: [CLIENT_OPTIONS],
          useFactory: (o: ClientOptions) =>
            assets
              ? new HttpAssetsClient(assets, o)
              : new MockAssetsClient({
                  contentType: 'image/jpeg',
                  body: readFileSync(path.join(publicDir(), 'img', 'sample_product.jpg')),
                }),
        },
        {
          provide: ORDERS_HTTP,
          inject: [CLIENT_OPTIONS],
          useFactory: (o: ClientOptions) =>
            orders ? new HttpClient({ ...o, service: 'orders', baseUrl: orders }) : undefined,
        },
        {
          provide: PROXY_TARGETS,
          inject: [CLIENT_OPTIONS, ORDERS_HTTP],
          useFactory: (o: ClientOptions, ordersHttp: HttpClient | undefined): ProxyTargets => {
            const http = (service: string, baseUrl: string | undefined) =>
              baseUrl ? new HttpClient({ ...o, service, baseUrl }) : undefined;
            return {
              catalogue: http('catalog', catalog),
              carts: http('carts', carts),
              checkout: http('checkout', checkout),
              orders: ordersHttp,
            };
          },
        },
        {
          provide: Backends,
          inject: [CatalogClient, CartsClient, CheckoutClient, AssetsClient, ORDERS_HTTP],
          useFactory: (
            catalogClient: CatalogClient,
            cartsClient: CartsClient,
            checkoutClient: CheckoutClient,
            assetsClient: AssetsClient,
            ordersHttp: HttpClient | undefined,
          ) =>
            new Backends([
              clientEntry('catalog', catalogClient),
              clientEntry('carts', cartsClient),
              clientEntry('checkout', checkoutClient),
              clientEntry('assets', assetsClient),
              ordersEntry(orders, ordersHttp),
            ]),
        },
        {
          provide: BackendsIndicator,
          inject: [HealthIndicatorService, Backends],
          useFactory: (health: HealthIndicatorService, backends: Backends) =>
            new BackendsIndicator(health, backends),
        },
        {
          provide: CLOSABLE,
          inject: [CatalogClient, CartsClient, CheckoutClient, AssetsClient, PROXY_TARGETS],
          useFactory: (
            catalogClient: CatalogClient,
            cartsClient: CartsClient,
            checkoutClient: CheckoutClient,
            assetsClient: AssetsClient,
            proxies: ProxyTargets,
          ) =>
            [
              catalogClient,
              cartsClient,
              checkoutClient,
              assetsClient,
              ...Object.values(proxies),
            ].filter((c) => c !== undefined),
        },
      ],
      exports: [CatalogClient, CartsClient, CheckoutClient, AssetsClient, Backends, PROXY_TARGETS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.closables.map((c) => c.close()));
  }
}
