import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sha256 } from '../common/sha256.js';
import { SqlConnection, SqlSession } from './sql-connection.js';

/**
 * Applies `prisma/migrations/<ts>_<name>/migration.sql` in order and records them in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does, so either tool can take over.
 * (Prisma's schema engine cannot be downloaded on every machine, so the app migrates itself.)
 */
export function migrate(connection: SqlConnection, migrationsDir = findMigrationsDir()): Promise<string[]> {
  return connection.withSession((db) => migrateSession(db, connection.kind === 'postgresql', migrationsDir));
}

async function migrateSession(db: SqlSession, lock: boolean, migrationsDir: string): Promise<string[]> {
  const names = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(migrationsDir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
  const applied: string[] = [];
  // One instance migrates at a time (several app replicas may boot together on real PostgreSQL).
  if (lock) await db.exec('SELECT pg_advisory_lock(72707001)');
  try {
    await db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const recorded = new Map(
      (
        await db.query<{ migration_name: string; checksum: string }>(
          'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
        )
      ).map((row) => [row.migration_name, row.checksum]),
    );
    const sqlOf = (name: string) => readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8');
    assertAppliedUnchanged(names, recorded, sqlOf);
    for (const name of names) {
      if (recorded.has(name)) continue;
      const sql = sqlOf(name);
      // The migration and its record commit together: a failed migration leaves nothing behind.
      await db
        .exec(
          `BEGIN;\n${sql}\n;\nINSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
        VALUES ('${randomUUID()}', '${sha256(sql)}', '${name.replace(/'/g, "''")}', now(), 1);\nCOMMIT;`,
        )
        .catch(async (error: unknown) => {
          await db.exec('ROLLBACK').catch(() => undefined);
          throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
        });
      applied.push(name);
    }
  } finally {
    if (lock) await db.exec('SELECT pg_advisory_unlock(72707001)');
  }
  return applied;
}

/** An applied migration whose file no longer matches what was applied. */
export class MigrationChecksumError extends Error {
  constructor(readonly migration: string) {
    super(
      `Migration ${migration} was edited after it was applied (its checksum no longer matches _prisma_migrations): ` +
        'restore the file and put the change in a new migration',
    );
    this.name = 'MigrationChecksumError';
  }
}

/**
 * Refuses to go on when an applied migration's file changed: the database would silently differ
 * from what the migrations say. (Migrations recorded but absent from the folder are left alone.)
 */
function assertAppliedUnchanged(names: string[], recorded: Map<string, string>, sqlOf: (name: string) => string): void {
  for (const name of names) {
    const checksum = recorded.get(name);
    if (checksum !== undefined && checksum !== sha256(sqlOf(name))) throw new MigrationChecksumError(name);
  }
}

function findMigrationsDir(): string {
  // Works from src/ (tests through tsc output in dist/src) and from dist/src alike.
  for (let dir = import.meta.dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'prisma', 'migrations');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('prisma/migrations not found above ' + import.meta.dirname);
}
