import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import type { AppConfig } from '../../src/config/app-config.js';

/**
 * Boots the real application (same module graph and setup as main.ts) with config overrides.
 * The model comes from MODEL_ID / MODEL_PATH, which scripts/run-tests.mjs points at the stand-in
 * model when ../shared/models exists, and otherwise leaves to the hub (the real model).
 */
export async function startTestApp(
  overrides: Partial<AppConfig>,
  customize?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
): Promise<INestApplication> {
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot(overrides)] });
  if (customize) builder = customize(builder);
  const moduleRef = await builder.compile();
  const app = configureApp(moduleRef.createNestApplication<NestExpressApplication>({ logger: process.env.TEST_LOGS ? undefined : false }));
  await app.init();
  return app;
}

/** An HTTP client for the app; every e2e spec talks to the API through it (one place for default headers). */
export type ApiClient = ReturnType<typeof request.agent>;

export function apiClient(app: INestApplication): ApiClient {
  return request.agent(app.getHttpServer() as Server);
}
