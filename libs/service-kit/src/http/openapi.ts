import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SERVICE_DEFINITION, ServiceDefinition } from '../service-definition';

type OpenApi = NonNullable<ServiceDefinition['openApi']>;

/**
 * The document tools/build.mjs writes beside a built service's main.js. The built service's
 * @nestjs/swagger decorators are no-ops (the package, with lodash and js-yaml, is not loaded:
 * 4–5 MB and ~50 ms of start-up), so it serves this file; run from source, it builds the document.
 */
const OPENAPI_FILE = 'openapi.json';

// The Swagger UI files the page loads, with their types; nothing else is served from the folder.
const UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

/**
 * Serves the OpenAPI document at `/<jsonPath>` and a browsable Swagger UI at `/<uiPath>` (and
 * `/<uiPath>/index.html`). The document is read (or, from source, built) on its first request.
 */
export function serveOpenApi(
  app: NestFastifyApplication,
  fastify: FastifyInstance,
  openApi: OpenApi,
): void {
  let document: Promise<string> | undefined;
  fastify.get(`/${openApi.jsonPath}`, async (_request, reply) => {
    document ??= loadDocument(app, openApi).catch((error: unknown) => {
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

/** Build time: writes the app's document to `file` (nothing when the service has none). */
export async function writeOpenApiDocument(
  app: NestFastifyApplication,
  file: string,
): Promise<void> {
  const { openApi } = app.get<ServiceDefinition>(SERVICE_DEFINITION);
  if (openApi) await writeFile(file, await buildDocument(app, openApi));
}

async function loadDocument(app: NestFastifyApplication, openApi: OpenApi): Promise<string> {
  try {
    return await readFile(path.join(__dirname, OPENAPI_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return buildDocument(app, openApi);
  }
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

// By path: the package's index.js would load the whole UI bundle into the service.
const swaggerUiFolder = (): string => path.dirname(require.resolve('swagger-ui-dist/package.json'));

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
