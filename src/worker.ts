import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { ConfigValidationError, loadConfig } from './config/app-config.js';

/** Beyond the queue's drain, how long closing (pools, model thread) may take before the process exits anyway. */
const CLOSE_TIMEOUT_MS = 30_000;

/**
 * `npm run worker`: the application without an HTTP server, working on the job queue (bulk ingest
 * files, ...). Any number of them, on any machine, share the work through Redis (BullMQ) and the
 * database. SIGTERM drains: no new jobs are taken, the running ones finish, then it exits 0.
 */
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
  // Without Redis the queue is the process's own memory, and without PostgreSQL the database is too: a worker would share nothing.
  if (!config.redisUrl || !config.databaseUrl) {
    console.error("npm run worker needs DATABASE_URL and REDIS_URL (the same as the API's): workers share the queue and the database");
    process.exit(1);
  }
  if (config.workerConcurrency === 0) {
    console.error('WORKER_CONCURRENCY is 0: a worker with nothing to do; set it to 1 or more');
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  await app.init();
  const logger = new Logger('Worker');
  logger.log(`HireMatch worker ready: ${config.workerConcurrency} job(s) at a time, queue prefix "${config.queuePrefix}"`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing the running jobs (up to ${config.queueDrainTimeoutMs} ms), taking no new ones`);
    setTimeout(() => {
      logger.error('Shutdown did not finish in time; exiting');
      process.exit(1);
    }, config.queueDrainTimeoutMs + CLOSE_TIMEOUT_MS).unref();
    await app.close();
    logger.log('Closed; exiting');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, (received) => {
      stop(received).catch((error: unknown) => {
        logger.error(`Shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        process.exit(1);
      });
    });
  }
}

void bootstrap();
