import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../src/app.module.js';
import { buildOpenApiDocument } from '../src/app.setup.js';

/**
 * The OpenAPI document as Swagger UI serves it, built from the application module without listening
 * or initialising it: no database, model or cache is touched, only route and DTO metadata is read.
 */
export async function createOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ databaseUrl: null, pgliteDataDir: 'memory://', redisUrl: null }),
    { logger: false, abortOnError: false },
  );
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** openapi.json as committed: two-space JSON with a final newline. */
export function serializeOpenApi(document: OpenAPIObject): string {
  return JSON.stringify(document, null, 2) + '\n';
}
