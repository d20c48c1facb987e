import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { SCOPES } from '../../src/auth/scopes.js';
import { DEFAULT_ORGANIZATION_ID } from '../../src/common/organization.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { LOG_OUTPUT } from '../../src/logging/logging.module.js';
import type { LogOutput } from '../../src/logging/request-logger.js';

/** The admin key (every scope, default organisation) each test app gets; apiClient sends it. */
const defaultKeys = new WeakMap<INestApplication, string>();

/**
 * Boots the real application (same module graph and setup as main.ts) with config overrides.
 * The model comes from MODEL_ID / MODEL_PATH, which scripts/run-tests.mjs points at the stand-in
 * model when ../shared/models exists, and otherwise leaves to the hub (the real model).
 * An admin key of the default organisation is created for apiClient (the first-start key file goes
 * to a temporary directory unless `adminApiKeyFile` is given).
 */
export async function startTestApp(
  overrides: Partial<AppConfig>,
  customize?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
  options: { logs?: LogOutput } = {},
): Promise<INestApplication> {
  // Every spec's requests come from 127.0.0.1 and, on Redis, would share one budget across concurrent
  // spec files: specs about rate limits set their own limit.
  const config: Partial<AppConfig> = {
    rateLimitPerMinute: 1_000_000,
    // On Redis, concurrent spec files must not work on each other's jobs (BullMQ keys under their own prefix).
    queuePrefix: `hirematch-test-${randomBytes(6).toString('hex')}`,
    adminApiKeyFile: join(tmpdir(), `hirematch-test-${randomBytes(6).toString('hex')}`, 'admin-api-key'),
    ...overrides,
  };
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] });
  // Quiet unless TEST_LOGS is set or the spec captures the logs (nestjs-pino keeps the first app's output for the process).
  builder = builder.overrideProvider(LOG_OUTPUT).useValue(options.logs ?? (process.env.TEST_LOGS ? {} : { level: 'silent' }));
  if (customize) builder = customize(builder);
  const moduleRef = await builder.compile();
  const app = configureApp(moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true }));
  await app.init();
  const { key } = await app.get(ApiKeysService).create(DEFAULT_ORGANIZATION_ID, { name: 'e2e admin', scopes: [...SCOPES] });
  defaultKeys.set(app, key);
  return app;
}

/** The admin key apiClient(app) sends by default. */
export function testAdminKey(app: INestApplication): string {
  const key = defaultKeys.get(app);
  if (!key) throw new Error('not an app from startTestApp');
  return key;
}

/** An HTTP client for the app; every e2e spec talks to the API through it (one place for default headers). */
export type ApiClient = ReturnType<typeof request.agent>;

/**
 * Sends the test admin key by default; `{ apiKey: '...' }` sends another key, `{ apiKey: null }` none.
 */
export function apiClient(app: INestApplication, options: { apiKey?: string | null } = {}): ApiClient {
  const agent = request.agent(app.getHttpServer() as Server);
  const key = options.apiKey === undefined ? testAdminKey(app) : options.apiKey;
  if (key) agent.set('Authorization', `Bearer ${key}`);
  return agent;
}
