import { ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiError } from './common/api-error.js';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import { API_KEY_SCHEME, BEARER_SCHEME } from './auth/auth.decorators.js';
import { ErrorCode } from './common/error-codes.js';

/** Everything main.ts applies to the app, shared with the e2e tests so they test the same thing. */
export function configureApp<T extends NestExpressApplication>(app: T): T {
  // Bulk integrations send up to 64 texts (embeddings) or 500 ids (batch matching) per request.
  app.useBodyParser('json', { limit: '8mb' });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => {
        const details = errors.flatMap(function flatten(error): string[] {
          return [...Object.values(error.constraints ?? {}), ...(error.children ?? []).flatMap(flatten)];
        });
        return new ApiError(ErrorCode.VALIDATION_FAILED, details.join('; ') || 'Invalid request', details);
      },
    }),
  );
  app.useGlobalFilters(new ApiExceptionFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('HireMatch API')
      .setDescription(
        'Semantic resume-to-job matching: upload resumes, post jobs, score matches with evidence, and search by meaning. ' +
          'Errors share one shape: `{ statusCode, code, message }`. Every route but /health needs an API key ' +
          '(`Authorization: Bearer hm_live_...` or `X-API-Key`): use the Authorize button.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key (hm_live_...)' }, BEARER_SCHEME)
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'API key (hm_live_...)' }, API_KEY_SCHEME)
      .build(),
  );
  // The key typed into Authorize survives a page reload (it stays in the user's own browser).
  SwaggerModule.setup('api/docs', app, document, { swaggerOptions: { persistAuthorization: true } });
  return app;
}
