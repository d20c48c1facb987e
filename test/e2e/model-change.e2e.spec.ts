import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AppConfig } from '../../src/config/app-config.js';
import { APP_CONFIG } from '../../src/config/app-config.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { testBackends } from '../helpers/backends.js';
import { apiClient, startTestApp } from '../helpers/test-app.js';
import { unitCosine } from '../helpers/unit-vectors.js';

const RESUME = 'SUMMARY\nWarehouse lead who runs cycle counts in Manhattan WMS.\nSKILLS\nWMS, forklift, inventory control';
const RETIRED_MODEL = 'retired/old-embedding-model';

for (const backend of testBackends()) {
  describe(`changing MODEL_ID on ${backend.name}`, () => {
    let overrides: Partial<AppConfig>;
    let dataDir: string | null = null;

    before(async () => {
      overrides = { ...(await backend.setup()), backfillIntervalMs: 0 };
      // Two boots must see the same data: PGlite gets a directory instead of memory.
      if (overrides.pgliteDataDir) {
        dataDir = mkdtempSync(join(tmpdir(), 'hirematch-model-change-'));
        overrides.pgliteDataDir = dataDir;
      }
    });

    after(async () => {
      await backend.teardown();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('re-embeds at boot the vectors another model made, and never compares across models meanwhile', async () => {
      let app: INestApplication = await startTestApp(overrides);
      let http = apiClient(app);
      const resume = await http.post('/api/v1/resumes').attach('file', Buffer.from(RESUME), 'lead.txt').expect(201);
      const job = await http
        .post('/api/v1/jobs')
        .send({ title: 'Warehouse Lead', description: 'Run our distribution centre.', requirements: 'WMS, inventory control' })
        .expect(201);
      const original = await http.get(`/api/v1/resumes/${resume.body.id}?include=embedding`).expect(200);
      // As if both rows had been embedded by the model this deployment used before.
      const prisma = app.get(PrismaClient);
      await prisma.$executeRaw`UPDATE resumes SET embedding_model = ${RETIRED_MODEL}`;
      await prisma.$executeRaw`UPDATE jobs SET embedding_model = ${RETIRED_MODEL}`;
      await app.close();

      app = await startTestApp(overrides);
      try {
        http = apiClient(app);
        const stale = await http.get(`/api/v1/resumes/${resume.body.id}?include=embedding`).expect(200);
        assert.equal(stale.body.embeddingStatus, 'pending');
        assert.equal(stale.body.embedding, null, 'the old vector is gone, not compared');
        const search = await http
          .post('/api/v1/matching/similarity-search')
          .send({ query: 'warehouse WMS', target: 'resumes' })
          .expect(200);
        assert.deepEqual(search.body.results, []);
        assert.equal(search.body.skippedPending, 1);

        const backfill = await http.post('/api/v1/embeddings/backfill').expect(200);
        assert.equal(backfill.body.resumes.embedded, 1);
        assert.equal(backfill.body.jobs.embedded, 1);
        const model = app.get<AppConfig>(APP_CONFIG).modelId;
        const fresh = await http.get(`/api/v1/resumes/${resume.body.id}?include=embedding`).expect(200);
        assert.equal(fresh.body.embeddingStatus, 'ready');
        assert.equal(fresh.body.embeddingModel, model);
        assert.ok(unitCosine(fresh.body.embedding, original.body.embedding) > 0.9999, 'the same text, the same (current) model');
        const match = await http.post('/api/v1/matching/calculate').send({ jobId: job.body.id, resumeId: resume.body.id }).expect(200);
        assert.ok(match.body.semanticSimilarity !== null);
      } finally {
        await app.close();
      }
    });
  });
}
