import { randomUUID } from 'node:crypto';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The visitor's SESSIONID: the customer id for carts and checkout. */
    sessionId: string;
    /** The id was made for this request, so nothing can be stored under it yet. */
    newSession: boolean;
  }
}

const SESSION_COOKIE = 'SESSIONID';

// Ids we issue are UUIDs; a visitor's own cookie is kept when it is a plausible id, so a session
// started by the reference UI carries over, and anything else is replaced.
const PLAUSIBLE_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Every request gets a customer id from the SESSIONID cookie, or a new UUID set as that cookie
 * with `Path=/; HttpOnly; SameSite=Lax` (DESIGN.md fixes: the reference set it without a path).
 */
export function installSession(fastify: FastifyInstance): void {
  fastify.decorateRequest('sessionId', '');
  fastify.decorateRequest('newSession', false);
  fastify.addHook('onRequest', (request, reply, done) => {
    const current = sessionCookie(request.headers.cookie);
    if (current && PLAUSIBLE_ID.test(current)) {
      request.sessionId = current;
    } else {
      request.sessionId = randomUUID();
      request.newSession = true;
      void reply.header(
        'set-cookie',
        `${SESSION_COOKIE}=${request.sessionId}; Path=/; HttpOnly; SameSite=Lax`,
      );
    }
    done();
  });
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
