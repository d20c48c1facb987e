import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiError } from './common/api-error.js';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import { ErrorCode } from './common/error-codes.js';
import { jsonBodyMiddleware } from './common/json-body.js';
import { StrictValidationPipe } from './common/strict-validation.pipe.js';
import { APP_CONFIG, AppConfig } from './config/app-config.js';
import { ShutdownDrain } from './health/shutdown-drain.js';

/** Everything main.ts applies to the app, shared with the e2e tests so they test the same thing. */
export function configureApp<T extends NestExpressApplication>(app: T): T {
  app.use(app.get(ShutdownDrain).connectionCloseWhileDraining);
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
          'Errors share one shape: `{ statusCode, code, message }`.',
      )
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  return app;
}
