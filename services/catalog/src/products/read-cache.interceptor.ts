import { CacheInterceptor } from '@nestjs/cache-manager';
import { ExecutionContext, Injectable } from '@nestjs/common';
import { ProductsController } from './products.controller';

/**
 * Nest's CacheInterceptor, bound app-wide (APP_INTERCEPTOR) only while CACHE_TTL_SECONDS > 0, so
 * a catalog with the cache off pays nothing for it; it stores the catalogue's read routes only.
 * Keyed by the request URL, it runs before the pipes, so a hit skips validation, and an error
 * (a 400 included) is never stored.
 */
@Injectable()
export class ReadCacheInterceptor extends CacheInterceptor {
  protected override isRequestCacheable(context: ExecutionContext): boolean {
    return context.getClass() === ProductsController && super.isRequestCacheable(context);
  }
}
