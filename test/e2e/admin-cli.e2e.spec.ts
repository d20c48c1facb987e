import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { AppConfig } from '../../src/config/app-config.js';
import { testBackends } from '../helpers/backends.js';
import { apiClient, startTestApp } from '../helpers/test-app.js';

const run = promisify(execFile);
// dist/test/e2e -> dist/scripts/admin.js (compiled with the specs).
const CLI = resolve(import.meta.dirname, '..', '..', 'scripts', 'admin.js');
const ALL = 'resumes:read,resumes:write,jobs:read,jobs:write,matching';

for (const backend of testBackends()) {
  describe(`npm run admin on ${backend.name}: organisations and keys without HTTP`, () => {
    let app: INestApplication | undefined;
    const dir = mkdtempSync(join(tmpdir(), 'hirematch-cli-'));

    after(async () => {
      await app?.close();
      await backend.teardown();
      rmSync(dir, { recursive: true, force: true });
    });

    it('creates two organisations whose keys cannot see each other', async () => {
      const overrides: Partial<AppConfig> = await backend.setup();
      // The CLI and the app share one database: a PGlite directory on disk, or the spec's PostgreSQL database.
      const database: Partial<AppConfig> = overrides.databaseUrl
        ? { databaseUrl: overrides.databaseUrl }
        : { databaseUrl: null, pgliteDataDir: join(dir, 'pglite') };
      const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DATA_DIR: join(dir, 'pglite') };
      if (database.databaseUrl) env.DATABASE_URL = database.databaseUrl;
      else delete env.DATABASE_URL;
      const admin = async (...args: string[]) => JSON.parse((await run(process.execPath, [CLI, ...args], { env, cwd: dir })).stdout);

      const a = await admin('org', 'create', 'Agency A', '--retention-days', '365');
      const b = await admin('org', 'create', 'Agency B');
      assert.equal(a.retentionDays, 365);
      const listed = (await admin('org', 'list')) as Array<{ id: string }>;
      assert.ok([a.id, b.id].every((id) => listed.some((org) => org.id === id)));
      const keyA = await admin('key', 'create', '--org', a.id, '--scopes', ALL, '--name', 'ats');
      const keyB = await admin('key', 'create', '--org', b.id, '--scopes', ALL);
      const doomed = await admin('key', 'create', '--org', b.id, '--scopes', 'jobs:read');
      assert.ok(keyA.key.startsWith('hm_live_') && keyA.organizationId === a.id);
      const revoked = await admin('key', 'revoke', doomed.id);
      assert.ok(revoked.revokedAt);
      const keysOfB = (await admin('key', 'list', '--org', b.id)) as Array<{ id: string; key?: string }>;
      assert.equal(keysOfB.length, 2);
      assert.ok(
        keysOfB.every((key) => key.key === undefined),
        'listing never shows a key',
      );
      await assert.rejects(
        run(process.execPath, [CLI, 'key', 'create', '--org', b.id, '--scopes', 'everything'], { env, cwd: dir }),
        /unknown: everything/,
      );

      app = await startTestApp(database);
      const httpA = apiClient(app, { apiKey: keyA.key });
      const httpB = apiClient(app, { apiKey: keyB.key });
      await apiClient(app, { apiKey: doomed.key }).get('/api/v1/jobs').expect(401);
      const resume = Buffer.from('Ada Lovelace\nada@a.example\nSKILLS\nTypeScript, PostgreSQL');
      const id = (await httpA.post('/api/v1/resumes').attach('file', resume, 'ada.txt').expect(201)).body.id;
      const job = (
        await httpB.post('/api/v1/jobs').send({ title: 'Engineer', description: 'TypeScript', requirements: 'PostgreSQL' }).expect(201)
      ).body.id;
      await httpB.get(`/api/v1/resumes/${id}`).expect(404);
      await httpA.get(`/api/v1/jobs/${job}`).expect(404);
      assert.equal((await httpB.get('/api/v1/resumes').expect(200)).body.total, 0);
      assert.equal((await httpA.get('/api/v1/jobs').expect(200)).body.total, 0);
      const search = await httpB
        .post('/api/v1/matching/similarity-search')
        .send({ query: 'TypeScript PostgreSQL', target: 'resumes', mode: 'hybrid' })
        .expect(200);
      assert.deepEqual(search.body.results, []);
      assert.equal((await httpB.get(`/api/v1/jobs/${job}/candidates`).expect(200)).body.total, 0);
      await httpA.get(`/api/v1/resumes/${id}`).expect(200);
      // Keys without the admin scope cannot manage keys.
      await httpA.get('/api/v1/api-keys').expect(403);
    });
  });
}
