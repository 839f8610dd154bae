export {
  HttpClient,
  UpstreamError,
  type HttpClientOptions,
  type JsonResponse,
} from './http-client';
