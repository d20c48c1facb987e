import type { AppConfig } from '../../src/config/app-config.js';
import { createScratchDatabase, ScratchDatabase } from './scratch-stores.js';

/**
 * The backends every e2e spec runs against: embedded PGlite with the in-memory cache always, and
 * real PostgreSQL (a fresh database per spec, dropped afterwards) with Redis whenever
 * DATABASE_URL / REDIS_URL are set.
 */
export interface TestBackend {
  name: string;
  /** Creates the backend's storage and returns the config overrides that point the app at it. */
  setup(): Promise<Partial<AppConfig>>;
  teardown(): Promise<void>;
}

export function testBackends(): TestBackend[] {
  const backends: TestBackend[] = [
    {
      name: 'PGlite + memory cache',
      setup: async () => ({ databaseUrl: null, pgliteDataDir: 'memory://', redisUrl: null }),
      teardown: async () => undefined,
    },
  ];
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    let database: ScratchDatabase | null = null;
    const redisUrl = process.env.REDIS_URL ?? null;
    backends.push({
      name: `PostgreSQL${redisUrl ? ' + Redis' : ' + memory cache'}`,
      setup: async () => {
        database = await createScratchDatabase(databaseUrl, 'hirematch_e2e');
        return { databaseUrl: database.url, redisUrl };
      },
      teardown: async () => {
        await database?.drop();
      },
    });
  } else if (process.env.REDIS_URL) {
    const redisUrl = process.env.REDIS_URL;
    backends.push({
      name: 'PGlite + Redis',
      setup: async () => ({ databaseUrl: null, pgliteDataDir: 'memory://', redisUrl }),
      teardown: async () => undefined,
    });
  }
  return backends;
}
