import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { AppConfig, ConfigValidationError, loadConfig } from './config/app-config.js';

/** Beyond its own drain, how long closing (in-flight work, pools, threads) may take before the process exits anyway. */
const CLOSE_TIMEOUT_MS = 30_000;

/** The configuration of an entry point (API or worker), from `.env` and the environment; exits 1 with the reason when it is invalid. */
export function loadConfigOrExit(): AppConfig {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Runs `stop` once on the first SIGTERM or SIGINT, then exits 0; exits 1 when it fails or takes longer
 * than `drainMs` + CLOSE_TIMEOUT_MS. `once`: a second Ctrl-C gets Node's default and ends the process at once.
 */
export function onShutdownSignal(logger: Logger, drainMs: number, stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      logger.error(`Shutdown did not finish within ${drainMs + CLOSE_TIMEOUT_MS} ms; exiting`);
      process.exit(1);
    }, drainMs + CLOSE_TIMEOUT_MS).unref();
    stop(signal).then(
      () => {
        logger.log('Closed; exiting');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`Shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, onSignal);
}
