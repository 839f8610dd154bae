import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { PageError } from './page-error';
import { overHttps } from './session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class CrossOriginRequestError extends PageError {
  readonly code = 'UI.CROSS_ORIGIN_REQUEST';
  readonly status = 403;
  readonly title = 'Request refused';

  constructor() {
    super(
      'This form was sent from another web site, so it was not carried out. Please use the store’s own pages.',
    );
  }
}

const first = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value[0] : value)?.split(',')[0].trim();

/** `scheme://host[:port]` of a URL, or undefined when it is not one. */
function originOf(url: string | undefined): string | undefined {
  if (!url || url === 'null') return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The origin the browser reached: ours, or the load balancer's in front of us. */
function ownOrigin(request: FastifyRequest): string {
  const host = first(request.headers['x-forwarded-host']) ?? request.headers.host ?? '';
  return `${overHttps(request) ? 'https' : 'http'}://${host}`.toLowerCase();
}

/**
 * A state-changing request must come from our own pages (issue 21 item 9: SameSite=Lax alone
 * let a cross-site form add to a cart). The browser's Origin says where a form was sent from;
 * without it the Referer, then Sec-Fetch-Site. Clients that send none of them (curl, the
 * backends' tools) are no browser a foreign page could drive, and pass.
 */
export function sameOrigin(request: FastifyRequest): boolean {
  const source = originOf(first(request.headers.origin)) ?? originOf(request.headers.referer);
  if (source !== undefined) return source.toLowerCase() === ownOrigin(request);
  const site = first(request.headers['sec-fetch-site']);
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  return request.headers.origin === undefined;
}

/** Refuses, with a 403 page, every POST (or other write) sent from another site. */
@Injectable()
export class SameOriginGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (SAFE_METHODS.has(request.method) || sameOrigin(request)) return true;
    throw new CrossOriginRequestError();
  }
}
