import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_ORGANIZATION_ID } from '../../src/common/organization.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { IngestRepository } from '../../src/ingest/ingest.repository.js';
import { buildHostileCases } from '../fixtures/resumes/hostile.js';
import { testBackends } from '../helpers/backends.js';
import { IngestJobBody, resumeFiles, waitForIngest } from '../helpers/ingest.js';
import { deleteRedisKeys } from '../helpers/scratch-stores.js';
import { apiClient, startTestApp } from '../helpers/test-app.js';

const run = randomUUID().slice(0, 8);

/** Bytes of bulk uploads waiting in INGEST_BYTES_DIR instead of the database: written before the job, deleted once processed. */
for (const backend of testBackends()) {
  describe(`bulk ingest bytes in a directory on ${backend.name}`, () => {
    let overrides: Partial<AppConfig>;
    let bytesDir: string;
    let dataDir: string | null = null;
    const queuePrefix = `hirematch-test-bytes-${randomBytes(6).toString('hex')}`;

    /** The files (names are ingest file ids) waiting for the organisation; temporary files included. */
    const waiting = (organizationId: string): string[] => {
      const folder = join(bytesDir, organizationId);
      return existsSync(folder) ? readdirSync(folder).sort() : [];
    };

    before(async () => {
      bytesDir = join(mkdtempSync(join(tmpdir(), 'hirematch-bytes-')), 'shared');
      // Two boots (an API that only enqueues, then one with workers) see the same data and queue.
      overrides = { ...(await backend.setup()), backfillIntervalMs: 0, ingestBytesDir: bytesDir, queuePrefix, ingestAttempts: 2 };
      if (overrides.pgliteDataDir) {
        dataDir = mkdtempSync(join(tmpdir(), 'hirematch-bytes-db-'));
        overrides.pgliteDataDir = dataDir;
      }
    });

    after(async () => {
      await backend.teardown();
      rmSync(join(bytesDir, '..'), { recursive: true, force: true });
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (overrides.redisUrl) {
        // This run's keys only (the Redis database is shared: never flushed).
        await deleteRedisKeys(overrides.redisUrl, `${queuePrefix}:*`);
      }
    });

    it('keeps the bytes as 0600 files while queued, none in the database; workers end every file and delete them', async () => {
      const good = await resumeFiles(4, run);
      const hostile = (await buildHostileCases()).find((c) => c.name === 'corrupt-pdf')!;
      const uploads = [...good.map((file) => ({ name: file.name, bytes: file.bytes })), { name: 'corrupt.pdf', bytes: hostile.buffer }];

      // An API that only enqueues: the files wait.
      let app: INestApplication = await startTestApp({ ...overrides, workerConcurrency: 0 });
      let jobId: string;
      let lostFileId: string;
      try {
        const http = apiClient(app);
        const request = http.post('/api/v1/resumes/bulk');
        for (const upload of uploads) request.attach('files', upload.bytes, upload.name);
        const accepted = (await request.expect(202)).body as IngestJobBody;
        jobId = accepted.id;
        assert.equal(accepted.queued, 5);

        const prisma = app.get(PrismaClient);
        assert.equal(await prisma.ingestFileBytes.count(), 0, 'no bytes in the database');
        const files = await prisma.ingestFile.findMany({ where: { ingestJobId: jobId }, orderBy: { index: 'asc' } });
        assert.deepEqual(
          waiting(DEFAULT_ORGANIZATION_ID),
          files.map((file) => file.id).sort(),
          'one file per ingest file, named by its id (no name, no temporary file)',
        );
        assert.equal(statSync(join(bytesDir, DEFAULT_ORGANIZATION_ID)).mode & 0o777, 0o700);
        for (const [index, file] of files.entries()) {
          const path = join(bytesDir, DEFAULT_ORGANIZATION_ID, file.id);
          assert.equal(statSync(path).mode & 0o777, 0o600);
          assert.ok(readFileSync(path).equals(uploads[index].bytes), `bytes of file ${index}`);
        }
        // One file's bytes are lost (a volume cleaned by hand): that file fails, the others go on.
        lostFileId = files[1].id;
        unlinkSync(join(bytesDir, DEFAULT_ORGANIZATION_ID, lostFileId));
      } finally {
        await app.close();
      }

      // A process with workers takes the queued files up (the same queue, or the start-up recovery on PGlite).
      app = await startTestApp({ ...overrides, workerConcurrency: 2 });
      try {
        const http = apiClient(app);
        const ended = await waitForIngest(http, jobId);
        assert.deepEqual(
          ended.files.map((file) => [file.status, file.error?.code ?? null]),
          [
            ['done', null],
            ['failed', 'INGEST_FAILED'],
            ['done', null],
            ['done', null],
            ['failed', 'CORRUPT_DOCUMENT'],
          ],
        );
        assert.equal((await http.get(`/api/v1/resumes/${ended.files[0].resumeId}`).expect(200)).body.fileName, good[0].name);
        assert.deepEqual(waiting(DEFAULT_ORGANIZATION_ID), [], 'every bytes file deleted once its file ended');
        assert.equal(await app.get(PrismaClient).ingestFileBytes.count(), 0);

        // With workers running from the start: the same outcome, nothing left behind.
        const more = await resumeFiles(3, run, 10);
        const request = http.post('/api/v1/resumes/bulk');
        for (const file of more) request.attach('files', file.bytes, file.name);
        request.attach('files', hostile.buffer, 'corrupt-again.pdf');
        const second = await waitForIngest(http, ((await request.expect(202)).body as IngestJobBody).id);
        assert.deepEqual([second.done, second.failed], [3, 1]);
        assert.deepEqual(waiting(DEFAULT_ORGANIZATION_ID), []);
        assert.equal(await app.get(PrismaClient).ingestFileBytes.count(), 0);
      } finally {
        await app.close();
      }
    });

    it('removes the written files when the job transaction fails, and an erased organisation its folder', async () => {
      const app = await startTestApp({ ...overrides, workerConcurrency: 0 });
      try {
        const admin = apiClient(app);
        const organizationId = (await admin.post('/api/v1/organizations').send({ name: 'Bytes Org' }).expect(201)).body.id as string;
        const key = await admin
          .post('/api/v1/api-keys')
          .send({ name: 'bytes', organizationId, scopes: ['resumes:read', 'resumes:write'] })
          .expect(201);
        const http = apiClient(app, { apiKey: key.body.key as string });
        const files = await resumeFiles(2, run, 20);

        // The transaction fails after the bytes were written: they are removed, the upload answers 5xx.
        const repository = app.get(IngestRepository);
        const createJob = repository.createJob.bind(repository);
        repository.createJob = () => Promise.reject(new Error('injected failure'));
        try {
          const request = http.post('/api/v1/resumes/bulk');
          for (const file of files) request.attach('files', file.bytes, file.name);
          const refused = await request;
          assert.equal(refused.status, 500);
        } finally {
          repository.createJob = createJob;
        }
        assert.deepEqual(waiting(organizationId), []);

        // Queued files of an organisation wait in its folder; erasing the organisation removes it.
        const request = http.post('/api/v1/resumes/bulk');
        for (const file of files) request.attach('files', file.bytes, file.name);
        await request.expect(202);
        assert.equal(waiting(organizationId).length, 2);
        await admin.delete(`/api/v1/organizations/${organizationId}`).expect(200);
        assert.equal(existsSync(join(bytesDir, organizationId)), false);
      } finally {
        await app.close();
      }
    });
  });
}
