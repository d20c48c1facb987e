import { PGlite } from '@electric-sql/pglite';
import { Logger } from '@nestjs/common';
import { vector } from '@electric-sql/pglite-pgvector';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { AppConfig } from '../config/app-config.js';

const logger = new Logger('Database');

/**
 * The raw driver under Prisma: real PostgreSQL through a `pg` pool when DATABASE_URL is set,
 * otherwise embedded PGlite with pgvector. The migrator uses `exec` (multi-statement SQL files);
 * everything else goes through Prisma with the matching driver adapter.
 */
export interface SqlSession {
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface SqlConnection extends SqlSession {
  readonly kind: 'postgresql' | 'pglite';
  readonly adapter: PrismaPg | PrismaPGlite;
  /**
   * Runs `work` on one dedicated connection (session-level locks, multi-statement transactions),
   * outside the pool and without its statement timeouts: migrations may build large indexes.
   */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openSqlConnection(config: AppConfig): Promise<SqlConnection> {
  if (config.databaseUrl) {
    const pool = new pg.Pool(poolOptions(config));
    // An idle connection killed by the server (restart, failover) must not crash the process:
    // the pool drops it and the next query opens a new one.
    pool.on('error', (error) => logger.warn(`PostgreSQL connection lost: ${error.message}`));
    return {
      kind: 'postgresql',
      adapter: new PrismaPg(pool),
      exec: async (sql) => void (await pool.query(sql)),
      query: async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
      withSession: async (work) => {
        const client = new pg.Client({
          connectionString: config.databaseUrl!,
          connectionTimeoutMillis: config.databaseConnectTimeoutMs,
          keepAlive: true,
        });
        client.on('error', (error) => logger.warn(`PostgreSQL session lost: ${error.message}`));
        await client.connect();
        try {
          return await work({
            exec: async (sql) => void (await client.query(sql)),
            query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
          });
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      close: () => pool.end(),
    };
  }
  const dataDir = config.pgliteDataDir;
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir, extensions: { vector } });
  const session: SqlSession = {
    exec: async (sql) => void (await db.exec(sql)),
    query: async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows,
  };
  return {
    kind: 'pglite',
    adapter: new PrismaPGlite(db),
    ...session,
    // PGlite is a single connection already.
    withSession: (work) => work(session),
    close: () => db.close(),
  };
}

/**
 * Every wait toward PostgreSQL is bounded, so an outage or a network stall turns into an error
 * (503 DATABASE_UNAVAILABLE) within a known time instead of a hung request:
 * - connecting, and waiting for a free pooled connection: DATABASE_CONNECT_TIMEOUT_MS;
 * - a statement: the server cancels it after DATABASE_STATEMENT_TIMEOUT_MS, and the client gives up
 *   a second later when the server cannot even say so (stalled network; the connection is dropped);
 * - a session idle inside a transaction: the server ends it after DATABASE_TRANSACTION_TIMEOUT_MS;
 * - TCP keep-alive finds dead peers on idle connections.
 */
export function poolOptions(config: AppConfig): pg.PoolConfig {
  return {
    connectionString: config.databaseUrl!,
    max: config.databasePoolSize,
    connectionTimeoutMillis: config.databaseConnectTimeoutMs,
    statement_timeout: config.databaseStatementTimeoutMs,
    query_timeout: config.databaseStatementTimeoutMs + 1_000,
    idle_in_transaction_session_timeout: config.databaseTransactionTimeoutMs,
    keepAlive: true,
    idleTimeoutMillis: 30_000,
  };
}
