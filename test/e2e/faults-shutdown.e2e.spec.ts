import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createScratchDatabase, ScratchDatabase } from '../helpers/scratch-stores.js';

const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL;
const MAIN = resolve(import.meta.dirname, '..', '..', 'src', 'main.js');
const DRAIN_MS = 3_000;

const resumeText = (n: number): Blob =>
  new Blob([
    ['Alex Kim ' + n, 'SKILLS', 'TypeScript, Node.js, PostgreSQL', 'EXPERIENCE', `Backend Engineer, Hooli ${n}, 2020 - Present`].join('\n'),
  ]);

/** Starts the built app (dist/src/main.js) as a child process on an ephemeral port. */
async function startApp(env: Record<string, string>, cwd: string): Promise<{ child: ChildProcess; baseUrl: string; output: () => string }> {
  const child = spawn(process.execPath, [MAIN], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = await new Promise<string>((resolvePort, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/localhost:\d+)/.exec(output);
      if (match) resolvePort(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`app exited with ${code} before listening:\n${output}`)));
  });
  return { child, baseUrl, output: () => output };
}

/**
 * SIGTERM under load, against the built app on PostgreSQL + Redis: readiness turns 503 at once,
 * requests keep succeeding during the drain, the process exits 0, and no acknowledged upload is lost.
 */
describe('faults: SIGTERM under load', { skip: !DATABASE_URL ? 'needs DATABASE_URL' : false }, () => {
  let database: ScratchDatabase | undefined;
  let databaseUrl: string;
  let cwd: string;

  before(async () => {
    database = await createScratchDatabase(DATABASE_URL!, 'hirematch_shutdown');
    databaseUrl = database.url;
    cwd = mkdtempSync(join(tmpdir(), 'hirematch-shutdown-'));
  });

  after(async () => {
    await database?.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('drains: readiness 503 while requests still succeed, exit 0, every acknowledged upload stored', async () => {
    const { child, baseUrl, output } = await startApp(
      {
        PORT: '0',
        DATABASE_URL: databaseUrl,
        ...(REDIS_URL ? { REDIS_URL } : {}),
        SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
        BACKFILL_INTERVAL_MS: '0',
        LOG_LEVEL: 'log',
      },
      cwd,
    );
    const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    assert.equal((await fetch(`${baseUrl}/health/ready`)).status, 200);
    // The first start wrote the default organisation's admin key under the working directory.
    const authorization = `Bearer ${readFileSync(join(cwd, 'data', 'admin-api-key'), 'utf8').trim()}`;

    const acknowledged: string[] = [];
    const timeline: Array<{ at: number; what: 'upload-ok' | 'ready-503' | 'ready-200' }> = [];
    let stop = false;
    let n = 0;
    const uploader = async (): Promise<void> => {
      while (!stop) {
        const form = new FormData();
        form.append('file', resumeText(n++), `alex-${n}.txt`);
        try {
          const res = await fetch(`${baseUrl}/api/v1/resumes`, { method: 'POST', body: form, headers: { authorization } });
          if (res.status === 201) {
            acknowledged.push(((await res.json()) as { id: string }).id);
            timeline.push({ at: Date.now(), what: 'upload-ok' });
          } else {
            await res.arrayBuffer();
          }
        } catch {
          // Refused once the server has closed: not acknowledged, so nothing is owed.
          await sleep(20);
        }
      }
    };
    const prober = async (): Promise<void> => {
      while (!stop) {
        try {
          const res = await fetch(`${baseUrl}/health/ready`);
          await res.arrayBuffer();
          timeline.push({ at: Date.now(), what: res.status === 503 ? 'ready-503' : 'ready-200' });
        } catch {
          // closed
        }
        await sleep(50);
      }
    };
    const load = [uploader(), uploader(), uploader(), uploader(), prober()];
    while (acknowledged.length < 8) await sleep(50);

    child.kill('SIGTERM');
    const code = await exited;
    stop = true;
    await Promise.all(load);

    assert.equal(code, 0, output());
    const first503 = timeline.find((event) => event.what === 'ready-503');
    assert.ok(first503, 'readiness turned 503 during the drain');
    assert.ok(!timeline.some((event) => event.what === 'ready-200' && event.at > first503.at), 'readiness stayed 503 once draining');
    const servedWhileDraining = timeline.filter((event) => event.what === 'upload-ok' && event.at > first503.at).length;
    assert.ok(servedWhileDraining > 0, 'uploads still succeeded while readiness was 503');

    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ id: string }>('SELECT id::text AS id FROM resumes');
      const stored = new Set(rows.map((row) => row.id));
      const lost = acknowledged.filter((id) => !stored.has(id));
      assert.deepEqual(lost, [], 'no acknowledged upload lost');
    } finally {
      await admin.end();
    }
  });
});
