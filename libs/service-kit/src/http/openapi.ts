import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDefinition } from '../service-definition';

type OpenApi = NonNullable<ServiceDefinition['openApi']>;

// The Swagger UI files the page loads, with their types; nothing else is served from the folder.
const UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

/**
 * Serves the OpenAPI document at `/<jsonPath>` and a browsable Swagger UI at `/<uiPath>` (and
 * `/<uiPath>/index.html`). The document is built on its first request, and only then is
 * @nestjs/swagger (with lodash and js-yaml) loaded: nobody reads the docs of a running service
 * often, and loading it at start-up cost every such service about 100 ms and 5 MB.
 */
export function serveOpenApi(
  app: NestFastifyApplication,
  fastify: FastifyInstance,
  openApi: OpenApi,
): void {
  let document: Promise<string> | undefined;
  fastify.get(`/${openApi.jsonPath}`, async (_request, reply) => {
    document ??= buildDocument(app, openApi).catch((error: unknown) => {
      document = undefined; // a later request tries again
      throw error;
    });
    return reply.type('application/json; charset=utf-8').send(await document);
  });

  const page = uiPage(openApi);
  const sendPage = (_request: FastifyRequest, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').send(page);
  fastify.get(`/${openApi.uiPath}`, sendPage);
  fastify.get(`/${openApi.uiPath}/index.html`, sendPage);
  fastify.get<{ Params: { file: string } }>(`/${openApi.uiPath}/:file`, (request, reply) => {
    const type = Object.hasOwn(UI_FILES, request.params.file)
      ? UI_FILES[request.params.file]
      : undefined;
    if (type === undefined) return reply.callNotFound();
    return reply
      .type(type)
      .header('cache-control', 'public, max-age=86400')
      .send(createReadStream(path.join(swaggerUiFolder(), request.params.file)));
  });
}

async function buildDocument(app: NestFastifyApplication, openApi: OpenApi): Promise<string> {
  const { DocumentBuilder, SwaggerModule } = await import('@nestjs/swagger');
  const config = new DocumentBuilder()
    .setTitle(openApi.title)
    .setDescription(openApi.description)
    .setVersion('1.0')
    .build();
  return JSON.stringify(SwaggerModule.createDocument(app, config));
}

// swagger-ui-dist is @nestjs/swagger's dependency, not ours: found from its folder.
let uiFolder: string | undefined;
function swaggerUiFolder(): string {
  uiFolder ??= path.dirname(
    createRequire(require.resolve('@nestjs/swagger')).resolve('swagger-ui-dist/package.json'),
  );
  return uiFolder;
}

function uiPage({ title, uiPath, jsonPath }: OpenApi): string {
  const text = title.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${text}</title>
<link rel="icon" type="image/png" href="/${uiPath}/favicon-32x32.png">
<link rel="stylesheet" href="/${uiPath}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/${uiPath}/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: ${JSON.stringify(`/${jsonPath}`)}, dom_id: '#swagger-ui', deepLinking: true });</script>
</body>
</html>
`;
}
