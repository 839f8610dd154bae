import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ServiceDefinition } from '../service-definition';

/**
 * Serves the OpenAPI document at `/<jsonPath>` and Swagger UI at `/<uiPath>`, with
 * @nestjs/swagger as its documentation shows; the document is built on its first request.
 */
export function serveOpenApi(
  app: NestFastifyApplication,
  openApi: NonNullable<ServiceDefinition['openApi']>,
): void {
  const config = new DocumentBuilder()
    .setTitle(openApi.title)
    .setDescription(openApi.description)
    .setVersion('1.0')
    .build();
  SwaggerModule.setup(openApi.uiPath, app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: openApi.jsonPath,
    raw: ['json'],
    customSiteTitle: openApi.title,
  });
}
