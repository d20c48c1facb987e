import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { ConfigValidationError, loadConfig } from './config/app-config.js';

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // Logs made while the app starts are kept until configureApp hands Nest the pino logger (LOG_LEVEL applies there).
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(), { bufferLogs: true });
  configureApp(app);
  app.enableShutdownHooks();
  await app.listen(config.port);
  Logger.log(`HireMatch listening on http://localhost:${config.port} (Swagger UI: /api/docs)`, 'Bootstrap');
}

void bootstrap();
