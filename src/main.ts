import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { ShutdownDrain } from './health/shutdown-drain.js';
import { loadConfigOrExit, onShutdownSignal } from './process-lifecycle.js';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  // Logs made while the app starts are kept until configureApp hands Nest the pino logger (LOG_LEVEL applies there).
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(), { bufferLogs: true });
  configureApp(app);
  await app.listen(config.port);
  const { port } = app.getHttpServer().address() as AddressInfo;
  Logger.log(`HireMatch listening on http://localhost:${port} (Swagger UI: /api/docs)`, 'Bootstrap');

  // SIGTERM / SIGINT: readiness turns 503 at once while requests are still served for
  // SHUTDOWN_DRAIN_MS; then the server stops accepting and waits for in-flight requests, and only
  // then do the shutdown hooks close the pools (Nest's own order would close the pools first).
  // (Not app.enableShutdownHooks(): it closes everything the moment the signal arrives.)
  const logger = new Logger('Shutdown');
  onShutdownSignal(logger, config.shutdownDrainMs, async (signal) => {
    app.get(ShutdownDrain).begin();
    logger.log(`${signal}: readiness is 503; serving for ${config.shutdownDrainMs} ms before closing`);
    await sleep(config.shutdownDrainMs);
    const server = app.getHttpServer();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.close();
  });
}

void bootstrap();
