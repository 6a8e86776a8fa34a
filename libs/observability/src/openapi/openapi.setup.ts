import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { describeValidatedBodies, type JsonSchema } from './class-validator.schema';

export type OpenApiOptions = Readonly<{
  title: string;
  description: string;
  version: string;
  /** Adds what Nest's scan cannot see: routes registered on Fastify directly, schemas of raw bodies. */
  complete?: (document: OpenAPIObject) => void;
}>;

/** Where the document and its page are served; the route check leaves these out. */
export const DOCS_PATH = 'docs';
export const OPENAPI_JSON_PATH = '/openapi.json';

/**
 * Builds the document from the app's controllers (call before init, while routes can still be added),
 * lets the app complete it, and serves it at /openapi.json with Swagger UI at /docs. The UI's files
 * come from swagger-ui-dist in node_modules: no CDN.
 */
export function serveOpenApi(app: INestApplication, options: OpenApiOptions): OpenAPIObject {
  const config = new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion(options.version).addBearerAuth().build();
  const document = SwaggerModule.createDocument(app, config);
  describeValidatedBodies((document.components!.schemas ??= {}) as Record<string, JsonSchema>);
  options.complete?.(document);
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH, raw: ['json'] });
  return document;
}
