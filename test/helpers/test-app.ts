import 'reflect-metadata';
import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import type { Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { LOG_OUTPUT } from '../../src/logging/logging.module.js';
import type { LogOutput } from '../../src/logging/request-logger.js';

/**
 * Boots the real application (same module graph and setup as main.ts) with config overrides.
 * The model comes from MODEL_ID / MODEL_PATH, which scripts/run-tests.mjs points at the stand-in
 * model when ../shared/models exists, and otherwise leaves to the hub (the real model).
 */
export async function startTestApp(
  overrides: Partial<AppConfig>,
  customize?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
  options: { logs?: LogOutput; imports?: ModuleMetadata['imports'] } = {},
): Promise<INestApplication> {
  // Every spec's requests come from 127.0.0.1 and, on Redis, would share one budget across concurrent
  // spec files: specs about rate limits set their own limit.
  // `imports` come first, as a real API-key module would: their global guards run before the app's.
  let builder = Test.createTestingModule({
    imports: [...(options.imports ?? []), AppModule.forRoot({ rateLimitPerMinute: 1_000_000, ...overrides })],
  });
  // Quiet unless TEST_LOGS is set or the spec captures the logs (nestjs-pino keeps the first app's output for the process).
  builder = builder.overrideProvider(LOG_OUTPUT).useValue(options.logs ?? (process.env.TEST_LOGS ? {} : { level: 'silent' }));
  if (customize) builder = customize(builder);
  const moduleRef = await builder.compile();
  const app = configureApp(moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true }));
  await app.init();
  return app;
}

/** An HTTP client for the app; every e2e spec talks to the API through it (one place for default headers). */
export type ApiClient = ReturnType<typeof request.agent>;

export function apiClient(app: INestApplication): ApiClient {
  return request.agent(app.getHttpServer() as Server);
}
