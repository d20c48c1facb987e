import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/app-config.js';
import { MigrationChecksumError, migrate } from './migrator.js';
import { openSqlConnection, SqlConnection } from './sql-connection.js';

const repoMigrations = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'prisma', 'migrations');

describe('migrator on embedded PGlite', () => {
  let dir: string;
  let connection: SqlConnection;
  let names: string[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hirematch-migrations-'));
    cpSync(repoMigrations, dir, { recursive: true });
    connection = await openSqlConnection(loadConfig({ PGLITE_DATA_DIR: 'memory://' }));
  });
  after(async () => {
    await connection?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every migration once and records it', async () => {
    names = await migrate(connection, dir);
    assert.ok(names.length >= 3, `applied: ${names.join(', ')}`);
    assert.deepEqual(await migrate(connection, dir), [], 'nothing left to apply on a second start');
    const rows = await connection.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" ORDER BY 1');
    assert.deepEqual(
      rows.map((row) => row.migration_name),
      names,
    );
  });

  it('refuses to start when an applied migration was edited, naming it', async () => {
    const edited = names[1];
    appendFileSync(join(dir, edited, 'migration.sql'), '\n-- edited after it was applied\n');
    await assert.rejects(migrate(connection, dir), (error: unknown) => {
      assert.ok(error instanceof MigrationChecksumError);
      assert.equal(error.migration, edited);
      assert.match(error.message, new RegExp(`Migration ${edited} was edited after it was applied`));
      return true;
    });
  });
});
