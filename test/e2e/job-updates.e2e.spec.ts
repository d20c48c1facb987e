import type { INestApplication } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { EmbeddingModel } from '../../src/embeddings/embedding-model.js';
import { testBackends } from '../helpers/backends.js';
import { FaultyEmbeddingModel, withFaultyModel } from '../helpers/faulty-embedding-model.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

const run = randomUUID().slice(0, 8);
const JOB = {
  title: 'Backend Engineer',
  description: `Build matching APIs for recruiters (${run}).`,
  requirements: 'Required: TypeScript, PostgreSQL. 3+ years.',
};

interface Job {
  id: string;
  title: string;
  location: string | null;
  skills: string[];
  minYearsExperience: number | null;
  externalId: string | null;
  embeddingStatus: string;
  embeddingModel: string | null;
  embedding?: number[] | null;
  outcome?: string;
  parsed: { remote: boolean; requiredSkills: string[] };
}

for (const backend of testBackends()) {
  describe(`job PATCH and externalId upserts on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    let other: ApiClient;
    let model: FaultyEmbeddingModel;
    const ready: string[] = [];

    before(async () => {
      app = await startTestApp({ ...(await backend.setup()), backfillIntervalMs: 0 }, withFaultyModel);
      http = apiClient(app);
      model = app.get<EmbeddingModel, FaultyEmbeddingModel>(EmbeddingModel);
      app.get(EventEmitter2).on('job.ready', (payload: { jobId: string }) => ready.push(payload.jobId));
      const org = (await http.post('/api/v1/organizations').send({ name: 'Other' }).expect(201)).body.id as string;
      const key = (
        await http
          .post('/api/v1/api-keys')
          .send({ name: 'other', organizationId: org, scopes: ['jobs:read', 'jobs:write'] })
          .expect(201)
      ).body.key as string;
      other = apiClient(app, { apiKey: key });
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    const get = async (id: string) => (await http.get(`/api/v1/jobs/${id}?include=embedding`).expect(200)).body as Job;

    it('keeps the vector when the embedded text is unchanged, and makes a new one when it changes', async () => {
      const created = (
        await http
          .post('/api/v1/jobs')
          .send({ ...JOB, skills: ['Kubernetes'] })
          .expect(201)
      ).body as Job;
      assert.equal(created.outcome, 'created');
      const original = await get(created.id);

      // With the model failing, a change that needed a vector would leave the job pending: it stays ready.
      model.failing = true;
      const moved = (await http.patch(`/api/v1/jobs/${created.id}`).send({ location: 'Lisbon, Portugal', remote: true }).expect(200))
        .body as Job;
      model.failing = false;
      assert.equal(moved.location, 'Lisbon, Portugal');
      assert.equal(moved.parsed.remote, true);
      assert.equal(moved.embeddingStatus, 'ready');
      assert.deepEqual((await get(created.id)).embedding, original.embedding, 'vector kept');
      assert.ok(moved.skills.includes('Kubernetes'), 'a skill the client gave stays');
      assert.ok(!ready.slice(1).includes(created.id), 'no job.ready: nothing was embedded');

      const readyBefore = ready.filter((id) => id === created.id).length;
      const retitled = (
        await http
          .patch(`/api/v1/jobs/${created.id}`)
          .send({ title: 'Data Engineer', requirements: 'Required: Python, Apache Spark. 6+ years.' })
          .expect(200)
      ).body as Job;
      assert.equal(retitled.id, created.id);
      assert.equal(retitled.title, 'Data Engineer');
      assert.equal(retitled.location, 'Lisbon, Portugal', 'fields left out keep their values');
      assert.ok(retitled.parsed.requiredSkills.includes('Python'), `skills ${retitled.skills.join(',')}`);
      assert.ok(!retitled.parsed.requiredSkills.includes('TypeScript'), 'skills read from the old text are gone');
      assert.ok(retitled.skills.includes('Kubernetes'), 'the given skill is still there');
      assert.equal(retitled.minYearsExperience, 6, 'years read again from the new requirements');
      assert.equal(retitled.embeddingStatus, 'ready');
      assert.notDeepEqual((await get(created.id)).embedding, original.embedding, 'new vector');
      assert.equal(ready.filter((id) => id === created.id).length, readyBefore + 1, 'job.ready after the re-embedding');

      // A text change while the model is down: stored, pending for the backfill (no stale vector kept).
      model.failing = true;
      const pending = (
        await http.patch(`/api/v1/jobs/${created.id}`).send({ description: 'Pipelines for the analytics team.' }).expect(200)
      ).body as Job;
      model.failing = false;
      assert.equal(pending.embeddingStatus, 'pending');
      assert.equal((await get(created.id)).embedding, null);
    });

    it('POST with a known externalId updates that job (200, same id); PATCH to a taken externalId is 409', async () => {
      const externalId = `REQ-${run}`;
      const first = (
        await http
          .post('/api/v1/jobs')
          .send({ ...JOB, externalId })
          .expect(201)
      ).body as Job;
      assert.equal(first.externalId, externalId);
      const total = (await http.get('/api/v1/jobs?limit=1').expect(200)).body.total as number;
      const second = (
        await http
          .post('/api/v1/jobs')
          .send({ ...JOB, title: 'Staff Backend Engineer', externalId })
          .expect(200)
      ).body as Job;
      assert.equal(second.outcome, 'updated');
      assert.equal(second.id, first.id);
      assert.equal(second.title, 'Staff Backend Engineer');
      assert.equal((await http.get('/api/v1/jobs?limit=1').expect(200)).body.total, total, 'no new job');

      const another = (
        await http
          .post('/api/v1/jobs')
          .send({ ...JOB, externalId: `${externalId}-b` })
          .expect(201)
      ).body as Job;
      const clash = await http.patch(`/api/v1/jobs/${another.id}`).send({ externalId }).expect(409);
      assert.equal(clash.body.code, 'EXTERNAL_ID_IN_USE');
      assert.equal((await get(another.id)).externalId, `${externalId}-b`, 'unchanged');
      // Its own externalId again is no clash.
      await http.patch(`/api/v1/jobs/${first.id}`).send({ externalId }).expect(200);
      // Another organisation may use the same externalId: a job of its own.
      const theirs = (
        await other
          .post('/api/v1/jobs')
          .send({ ...JOB, externalId })
          .expect(201)
      ).body as Job;
      assert.notEqual(theirs.id, first.id);
    });

    it("answers 404 for another organisation's job and 400 for an invalid patch", async () => {
      const mine = (await http.post('/api/v1/jobs').send(JOB).expect(201)).body as Job;
      const res = await other.patch(`/api/v1/jobs/${mine.id}`).send({ title: 'Taken over' }).expect(404);
      assert.equal(res.body.code, 'NOT_FOUND');
      assert.equal((await get(mine.id)).title, JOB.title);
      for (const body of [{ title: 'x' }, { unknown: 1 }, { externalId: '' }, { minYearsExperience: -1 }]) {
        const bad = await http.patch(`/api/v1/jobs/${mine.id}`).send(body).expect(400);
        assert.equal(bad.body.code, 'VALIDATION_FAILED');
      }
    });
  });
}
