import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { UpstreamError } from '@retail/clients';
import {
  APP_LOGGER,
  type AppLogger,
  reasonPhrase,
  SERVICE_DEFINITION,
  type ServiceDefinition,
} from '@retail/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LayoutService } from './layout';
import { PageError } from './page-error';
import { withSecurityHeaders } from './web-setup';

/** What the error page and the JSON error body are made of. */
interface ErrorPage {
  status: number;
  title: string;
  message: string;
  /** Only for unexpected errors: quoted to support, found in the log. */
  errorId?: string;
}

const SERVICE_NAMES: Record<string, string> = {
  catalog: 'The product catalog',
  carts: 'The cart service',
  checkout: 'The checkout service',
  assets: 'The image server',
  orders: 'The orders service',
};

// An upstream that answered badly is a bad gateway; one that did not answer is unavailable.
const UPSTREAM_STATUS: Record<UpstreamError['reason'], number> = {
  unreachable: 503,
  timeout: 504,
  status: 502,
  'invalid-body': 502,
};

/** Maps anything thrown while serving a request to what the shopper is told. */
function describeError(exception: unknown): ErrorPage {
  if (exception instanceof PageError) {
    return { status: exception.status, title: exception.title, message: exception.message };
  }
  if (exception instanceof UpstreamError) {
    const name = SERVICE_NAMES[exception.service] ?? `The ${exception.service} service`;
    return {
      status: UPSTREAM_STATUS[exception.reason],
      title: `${name} is unavailable`,
      message: `${name} is not answering right now, so this page cannot be shown. Please try again in a moment.`,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) {
      return {
        status,
        title: 'Page not found',
        message: "We couldn't find the page you asked for.",
      };
    }
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? [response.message].flat().join('; ')
        : exception.message;
    return { status, title: reasonPhrase(status), message };
  }
  return {
    status: 500,
    title: 'Something went wrong',
    message: 'An unexpected error stopped this page. Please try again.',
    errorId: randomUUID(),
  };
}

/**
 * Every error leaves as our layout with a clear message and the right status (DESIGN.md fixes:
 * never a bare 500 page, never a stack trace); clients that do not ask for HTML get JSON.
 */
@Catch()
export class UiErrorFilter implements ExceptionFilter {
  constructor(
    private readonly layout: LayoutService,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    @Inject(SERVICE_DEFINITION) private readonly definition: ServiceDefinition,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const page = describeError(exception);
    this.log(exception, page, request);
    withSecurityHeaders(reply);
    const path = request.url.split('?')[0];
    if (!wantsHtml(request)) {
      const body = this.definition.errors.render({
        status: page.status,
        error: reasonPhrase(page.status),
        message: page.message,
        path,
      });
      // Serialised here: a handler may already have set another content type.
      void reply
        .status(page.status)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify({ ...(body as object), requestId: request.id }));
      return;
    }
    void this.render(request, reply, page, exception);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    page: ErrorPage,
    exception: unknown,
  ): Promise<void> {
    try {
      // A cart service that has just failed is not asked again for the badge.
      const cartDown = exception instanceof UpstreamError && exception.service === 'carts';
      const layout = await this.layout.build(
        request,
        { breadcrumbs: [{ label: page.title }] },
        cartDown ? { quantity: undefined } : undefined,
      );
      // Rendered by the instance: the reply of an error Fastify finds before routing (a URL it
      // cannot decode) has no `view`, and no hook gave it the security headers.
      const html = await request.server.view('error', { ...page, layout });
      await reply.status(page.status).type('text/html; charset=utf-8').send(html);
    } catch (error) {
      this.logger.error({ err: error }, 'error page could not be rendered');
      await reply.status(page.status).type('text/html; charset=utf-8').send(plainPage(page));
    }
  }

  private log(exception: unknown, page: ErrorPage, request: FastifyRequest): void {
    if (page.status < 500) return;
    const fields = { path: request.url, status: page.status };
    if (exception instanceof UpstreamError) {
      this.logger.warn({ ...fields, backend: exception.service }, exception.message);
    } else {
      this.logger.error({ ...fields, err: exception, errorId: page.errorId }, 'request failed');
    }
  }
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The error page without templates, layout or stylesheet. */
function plainPage(page: ErrorPage): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Retail Store Sample App</title></head>
<body><h1>${page.status} ${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p><p><a href="/home">Go Home</a></p></body>
</html>
`;
}

/** Spring's rule: only a client that names text/html gets the HTML page. */
function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html') && !request.url.startsWith('/actuator');
}
