import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { HttpLogger } from 'pino-http';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { createRequestLogger, LogOutput } from './request-logger.js';

/** Where logs are written; tests override it to capture or silence them. */
export const LOG_OUTPUT = Symbol('LOG_OUTPUT');
/** The app's pino-http middleware, mounted by configureApp ahead of the body parsers (see logging.setup.ts). */
export const REQUEST_LOGGER = Symbol('REQUEST_LOGGER');

/**
 * pino for everything: the request logger, and nestjs-pino as Nest's logger (`Logger` from
 * @nestjs/common ends up here, with the request id of the request it was called in).
 * `useExisting`: nestjs-pino binds its request context to the pino-http instance configureApp
 * mounts itself, early enough to log requests that the body parser rejects too.
 */
@Global()
@Module({
  imports: [
    LoggerModule.forRootAsync({
      providers: [
        { provide: LOG_OUTPUT, useValue: {} satisfies LogOutput },
        {
          provide: REQUEST_LOGGER,
          inject: [APP_CONFIG, LOG_OUTPUT],
          useFactory: (config: AppConfig, output: LogOutput) => createRequestLogger(config, output),
        },
      ],
      inject: [REQUEST_LOGGER],
      useFactory: (requestLogger: HttpLogger) => ({ pinoHttp: { logger: requestLogger.logger }, useExisting: true }),
    }),
  ],
})
export class LoggingModule {}
