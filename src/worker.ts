import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { loadConfigOrExit, onShutdownSignal } from './process-lifecycle.js';

/**
 * `npm run worker`: the application without an HTTP server, working on the job queue (bulk ingest
 * files, ...). Any number of them, on any machine, share the work through Redis (BullMQ) and the
 * database. SIGTERM drains: no new jobs are taken, the running ones finish, then it exits 0.
 */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  // Without Redis the queue is the process's own memory, and without PostgreSQL the database is too: a worker would share nothing.
  if (!config.redisUrl || !config.databaseUrl) {
    console.error("npm run worker needs DATABASE_URL and REDIS_URL (the same as the API's): workers share the queue and the database");
    process.exit(1);
  }
  if (config.workerConcurrency === 0) {
    console.error('WORKER_CONCURRENCY is 0: a worker with nothing to do; set it to 1 or more');
    process.exit(1);
  }
  // No request waits on a worker: unless INFERENCE_THREADS says otherwise, ONNX Runtime takes every core
  // (the API's default leaves one to requests).
  const threads = process.env.INFERENCE_THREADS === undefined ? { inferenceThreads: 0 } : {};
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(threads), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  await app.init();
  const logger = new Logger('Worker');
  logger.log(`HireMatch worker ready: ${config.workerConcurrency} job(s) at a time, queue prefix "${config.queuePrefix}"`);
  onShutdownSignal(logger, config.queueDrainTimeoutMs, async (signal) => {
    logger.log(`${signal}: finishing the running jobs (up to ${config.queueDrainTimeoutMs} ms), taking no new ones`);
    await app.close();
  });
}

void bootstrap();
