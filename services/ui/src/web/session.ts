import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The visitor's SESSIONID: the customer id for carts and checkout. */
    sessionId: string;
    /** The id was made for this request, so nothing can be stored under it yet. */
    newSession: boolean;
  }
}

const SESSION_COOKIE = 'SESSIONID';
// `<uuid>-<first 128 bits of HMAC-SHA256(uuid) in hex>`: letters, digits and dashes, which the
// cart and checkout services take as a customer id.
const SIGNED_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-([0-9a-f]{32})$/;

// Without RETAIL_UI_SESSION_SECRET every ui task uses this one, so tasks behind one load balancer
// accept each other's ids out of the box (the reference's deploy files set no secret). It is in
// the source, so it only refuses ids the ui's code did not make; a secret also stops forgeries.
const BUILT_IN_SECRET = 'retail-store-ui: set RETAIL_UI_SESSION_SECRET to keep ids unforgeable';

const signature = (secret: string, id: string): string =>
  createHmac('sha256', secret).update(id).digest('hex').slice(0, 32);

/** Whether `value` is an id this secret signed: a visitor cannot choose another's id. */
function issuedWith(secret: string, value: string): boolean {
  const match = SIGNED_ID.exec(value);
  return (
    match !== null &&
    timingSafeEqual(Buffer.from(signature(secret, match[1])), Buffer.from(match[2]))
  );
}

/** The request came over HTTPS, to us or to the load balancer in front of us. */
export function overHttps(request: FastifyRequest): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0].trim();
  return (proto ?? request.protocol).toLowerCase() === 'https';
}

/**
 * Every request gets a customer id from the SESSIONID cookie when the server signed it, or a
 * new signed id set as that cookie with `Path=/; HttpOnly; SameSite=Lax` (DESIGN.md fixes: the
 * reference set it without a path, and accepted any value), plus `Secure` over HTTPS.
 */
export function installSession(fastify: FastifyInstance, configured: string | undefined): void {
  const secret = configured ?? BUILT_IN_SECRET;
  fastify.decorateRequest('sessionId', '');
  fastify.decorateRequest('newSession', false);
  fastify.addHook('onRequest', (request, reply, done) => {
    const current = sessionCookie(request.headers.cookie);
    if (current && issuedWith(secret, current)) {
      request.sessionId = current;
    } else {
      const id = randomUUID();
      request.sessionId = `${id}-${signature(secret, id)}`;
      request.newSession = true;
      setSessionCookie(request, reply);
    }
    done();
  });
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  const secure = overHttps(request) ? '; Secure' : '';
  void reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${request.sessionId}; Path=/; HttpOnly; SameSite=Lax${secure}`,
  );
}

/** The SESSIONID value of a Cookie header; the only cookie we read, so no general parser. */
function sessionCookie(header: string | undefined): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === SESSION_COOKIE) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

/** The current visitor's customer id. */
export const CustomerId = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string =>
    ctx.switchToHttp().getRequest<FastifyRequest>().sessionId,
);
