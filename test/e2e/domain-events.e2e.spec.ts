import type { INestApplication } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { EmbeddingModel } from '../../src/embeddings/embedding-model.js';
import { testBackends } from '../helpers/backends.js';
import { FaultyEmbeddingModel, withFaultyModel } from '../helpers/faulty-embedding-model.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

const run = randomUUID();
const resume = (label: string) => Buffer.from(`Jane Roe\njane@example.com\nSUMMARY\nNurse ${label} ${run}\nSKILLS\nTriage, patient care`);

for (const backend of testBackends()) {
  describe(`domain events on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    let model: FaultyEmbeddingModel;
    const seen: { type: string; payload: Record<string, unknown> }[] = [];

    before(async () => {
      app = await startTestApp({ ...(await backend.setup()), backfillIntervalMs: 0 }, withFaultyModel);
      http = apiClient(app);
      model = app.get<EmbeddingModel, FaultyEmbeddingModel>(EmbeddingModel);
      const emitter = app.get(EventEmitter2);
      for (const type of ['resume.ready', 'job.ready'])
        emitter.on(type, (payload: Record<string, unknown>) => seen.push({ type, payload }));
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    it('says a resume and a job are ready once they have their vectors, with ids and no personal data', async () => {
      const resumeId = (await http.post('/api/v1/resumes').attach('file', resume('now'), 'jane.txt').expect(201)).body.id as string;
      const job = { title: 'Triage nurse', description: 'Emergency department', requirements: 'Triage, patient care' };
      const jobId = (await http.post('/api/v1/jobs').send(job).expect(201)).body.id as string;
      const resumeEvent = seen.find((e) => e.type === 'resume.ready' && e.payload.resumeId === resumeId);
      assert.ok(resumeEvent, 'resume.ready for the upload');
      assert.deepEqual(Object.keys(resumeEvent.payload).sort(), ['organizationId', 'resumeId']);
      assert.doesNotMatch(JSON.stringify(seen), /jane|Roe|example\.com/i);
      assert.ok(
        seen.some((e) => e.type === 'job.ready' && e.payload.jobId === jobId),
        'job.ready for the job',
      );
    });

    it('says nothing while a record is pending, and speaks when the backfill embeds it', async () => {
      model.failing = true;
      const id = (await http.post('/api/v1/resumes').attach('file', resume('later'), 'later.txt').expect(201)).body.id as string;
      assert.equal((await http.get(`/api/v1/resumes/${id}`).expect(200)).body.embeddingStatus, 'pending');
      assert.ok(!seen.some((e) => e.payload.resumeId === id), 'no event for a pending resume');
      model.failing = false;
      await http.post('/api/v1/embeddings/backfill').expect(200);
      assert.ok(
        seen.some((e) => e.type === 'resume.ready' && e.payload.resumeId === id),
        'resume.ready after the backfill',
      );
    });
  });
}
