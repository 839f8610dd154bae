export {
  HttpClient,
  UpstreamError,
  type HttpClientOptions,
  type JsonResponse,
  type RawResponse,
  type UpstreamCallInfo,
} from './http-client';
export { BackendClient, type ClientOptions } from './backend-client';
export { CatalogClient, HttpCatalogClient, type ProductQuery } from './catalog/catalog.client';
export { MockCatalogClient, MOCK_IMAGE_URL } from './catalog/mock-catalog.client';
export { CartsClient, HttpCartsClient } from './carts/carts.client';
export { MockCartsClient } from './carts/mock-carts.client';
export { CheckoutClient, HttpCheckoutClient } from './checkout/checkout.client';
export { MockCheckoutClient } from './checkout/mock-checkout.client';
export {
  AssetsClient,
  HttpAssetsClient,
  MockAssetsClient,
  type Asset,
} from './assets/assets.client';
export * from './orders';
