import type { NestExpressApplication } from '@nestjs/platform-express';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { HttpLogger } from 'pino-http';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import { API_KEY_SCHEME, BEARER_SCHEME } from './auth/auth.decorators.js';
import { DomainError } from './common/domain-error.js';
import { ErrorCode } from './common/error-codes.js';
import { applyHttpSecurity } from './common/http-security.js';
import { jsonBodyMiddleware } from './common/json-body.js';
import { RequestSignalInterceptor } from './common/request-signal.js';
import { StrictValidationPipe } from './common/strict-validation.pipe.js';
import { APP_CONFIG, AppConfig } from './config/app-config.js';
import { consoleAssets } from './console/console-assets.js';
import { ShutdownDrain } from './health/shutdown-drain.js';
import { documentIdempotencyKey } from './idempotency/idempotency.openapi.js';
import { REQUEST_LOGGER } from './logging/logging.module.js';
import { AppMetrics } from './metrics/app-metrics.js';
import { httpMetricsMiddleware } from './metrics/http-metrics.js';

/** Everything main.ts applies to the app, shared with the e2e tests so they test the same thing. */
export function configureApp<T extends NestExpressApplication>(app: T): T {
  app.useLogger(app.get(Logger));
  // Request id + request log and metrics come first, so they also see requests the body parser rejects.
  app.use(app.get<HttpLogger>(REQUEST_LOGGER));
  app.use(httpMetricsMiddleware(app.get(AppMetrics)));
  applyHttpSecurity(app, app.get<AppConfig>(APP_CONFIG));
  app.use(app.get(ShutdownDrain).connectionCloseWhileDraining);
  // The recruiter console's files (web/), behind the same security headers; API paths pass straight through.
  const consoleFiles = consoleAssets();
  if (consoleFiles) app.use(consoleFiles);
  // Small JSON bodies everywhere; bulk integrations (64 texts, 500 ids) get more on their two routes.
  for (const [path, handler] of jsonBodyMiddleware(app.get<AppConfig>(APP_CONFIG))) {
    if (path) app.use(path, handler);
    else app.use(handler);
  }
  app.useGlobalPipes(
    new StrictValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => {
        const details = errors.flatMap(function flatten(error): string[] {
          return [...Object.values(error.constraints ?? {}), ...(error.children ?? []).flatMap(flatten)];
        });
        return new DomainError(ErrorCode.VALIDATION_FAILED, details.join('; ') || 'Invalid request', details);
      },
    }),
  );
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalInterceptors(new RequestSignalInterceptor());
  const document = buildOpenApiDocument(app);
  // The key typed into Authorize survives a page reload (it stays in the user's own browser).
  SwaggerModule.setup('api/docs', app, document, { swaggerOptions: { persistAuthorization: true } });
  return app;
}

/** The OpenAPI document: served by Swagger UI and written to openapi.json (`npm run openapi`), one source. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('HireMatch API')
    .setDescription(
      'Semantic resume-to-job matching: upload resumes, post jobs, score matches with evidence, and search by meaning. ' +
        'Every error has one shape, `ApiErrorView`: `{ statusCode, code, message, details?, requestId }`, where `code` is one of `ErrorCode`. ' +
        'Every route but /health and /metrics needs an API key (`Authorization: Bearer hm_live_...` or `X-API-Key`): use the Authorize button.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key (hm_live_...)' }, BEARER_SCHEME)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'API key (hm_live_...)' }, API_KEY_SCHEME)
    .addServer('/', 'The server this document is served from')
    .addTag('resumes', 'Upload, read and delete resumes')
    .addTag('jobs', 'Create, read and delete jobs')
    .addTag('matching', 'Scores with evidence, explanations, ranking and search')
    .addTag('embeddings', 'Embed texts, model state, backfill of rows stored without a vector')
    .addTag('privacy', "Erasure of a candidate's personal data")
    .addTag('admin', 'Organisations, API keys, audit log, organisation erasure')
    .addTag('health', 'Liveness and readiness probes')
    .build();
  const document = documentIdempotencyKey(SwaggerModule.createDocument(app, config));
  // Default: no key (the @Public routes: /health, /metrics); every other route declares its own security.
  document.security ??= [];
  return document;
}
