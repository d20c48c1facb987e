import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { AppConfig, ConfigValidationError, loadConfig } from './config/app-config.js';
import { ShutdownDrain } from './health/shutdown-drain.js';

/** Beyond the drain, how long closing (in-flight requests, pools, workers) may take before the process exits anyway. */
const CLOSE_TIMEOUT_MS = 30_000;

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
  await app.listen(config.port);
  const { port } = app.getHttpServer().address() as AddressInfo;
  Logger.log(`HireMatch listening on http://localhost:${port} (Swagger UI: /api/docs)`, 'Bootstrap');
  handleShutdownSignals(app, config);
}

/**
 * SIGTERM / SIGINT: readiness turns 503 at once while requests are still served for
 * SHUTDOWN_DRAIN_MS; then the server stops accepting and waits for in-flight requests, and only
 * then do the shutdown hooks close the pools (Nest's own order would close the pools first).
 * (Not app.enableShutdownHooks(): it closes everything the moment the signal arrives.)
 */
function handleShutdownSignals(app: NestExpressApplication, config: AppConfig): void {
  const logger = new Logger('Shutdown');
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    app.get(ShutdownDrain).begin();
    logger.log(`${signal}: readiness is 503; serving for ${config.shutdownDrainMs} ms before closing`);
    setTimeout(() => {
      logger.error(`Shutdown did not finish within ${config.shutdownDrainMs + CLOSE_TIMEOUT_MS} ms; exiting`);
      process.exit(1);
    }, config.shutdownDrainMs + CLOSE_TIMEOUT_MS).unref();
    await sleep(config.shutdownDrainMs);
    const server = app.getHttpServer();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.close();
    logger.log('Closed; exiting');
    process.exit(0);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    stop(signal).catch((error: unknown) => {
      logger.error(`Shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    });
  };
  // once: a second Ctrl-C gets Node's default behaviour and ends the process at once.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, onSignal);
}

void bootstrap();
