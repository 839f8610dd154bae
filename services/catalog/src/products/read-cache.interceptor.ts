import { CACHE_MANAGER, CacheInterceptor } from '@nestjs/cache-manager';
import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Cache } from 'cache-manager';

/** The cache's time to live in ms (CACHE_TTL_SECONDS); 0 turns it off. */
export const READ_CACHE_TTL_MS = Symbol('READ_CACHE_TTL_MS');

/**
 * Nest's CacheInterceptor (keyed by the request URL; it runs before the pipes, so a hit skips
 * validation, and an error such as a 400 is never stored), off when CACHE_TTL_SECONDS is 0.
 */
@Injectable()
export class ReadCacheInterceptor extends CacheInterceptor {
  constructor(
    @Inject(CACHE_MANAGER) cache: Cache,
    reflector: Reflector,
    @Inject(READ_CACHE_TTL_MS) private readonly ttlMs: number,
  ) {
    super(cache, reflector);
  }

  protected override isRequestCacheable(context: ExecutionContext): boolean {
    return this.ttlMs > 0 && super.isRequestCacheable(context);
  }
}
