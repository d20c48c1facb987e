import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { EmbeddingModel } from '../../src/embeddings/embedding-model.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { IdempotencyStore } from '../../src/idempotency/idempotency.store.js';
import { testBackends } from '../helpers/backends.js';
import { FaultyEmbeddingModel, withFaultyModel } from '../helpers/faulty-embedding-model.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

const run = randomUUID().slice(0, 8);
const job = (title: string) => ({
  title,
  description: `Operate the payroll platform (${run}).`,
  requirements: 'Required: Java, PostgreSQL.',
});
const resume = (label: string) => Buffer.from(`Kim Park\nkim@example.com\nSUMMARY\nAccountant ${label} ${run}\nSKILLS\nExcel, SAP`);

for (const backend of testBackends()) {
  describe(`Idempotency-Key on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    let other: ApiClient;
    let model: FaultyEmbeddingModel;
    const jobTotal = async (client: ApiClient = http) => (await client.get('/api/v1/jobs?limit=1').expect(200)).body.total as number;

    before(async () => {
      app = await startTestApp({ ...(await backend.setup()), backfillIntervalMs: 0 }, withFaultyModel);
      http = apiClient(app);
      model = app.get<EmbeddingModel, FaultyEmbeddingModel>(EmbeddingModel);
      const org = (await http.post('/api/v1/organizations').send({ name: 'Other' }).expect(201)).body.id as string;
      const key = (
        await http
          .post('/api/v1/api-keys')
          .send({ name: 'other', organizationId: org, scopes: ['jobs:read', 'jobs:write', 'resumes:write'] })
          .expect(201)
      ).body.key as string;
      other = apiClient(app, { apiKey: key });
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    it('replays the first answer to a repeat with the same key: same status, same body, one job', async () => {
      const key = `create-${run}`;
      const before = await jobTotal();
      const first = await http.post('/api/v1/jobs').set('Idempotency-Key', key).send(job('Payroll engineer')).expect(201);
      assert.equal(first.headers['idempotency-replayed'], undefined);
      const repeat = await http.post('/api/v1/jobs').set('Idempotency-Key', key).send(job('Payroll engineer')).expect(201);
      assert.equal(repeat.headers['idempotency-replayed'], 'true');
      assert.deepEqual(repeat.body, first.body);
      assert.equal(await jobTotal(), before + 1);
      // Without the key the same body is a new request.
      await http.post('/api/v1/jobs').send(job('Payroll engineer')).expect(201);
      assert.equal(await jobTotal(), before + 2);
    });

    it('refuses the same key for another request with 422 IDEMPOTENCY_KEY_REUSED', async () => {
      const key = `reuse-${run}`;
      await http.post('/api/v1/jobs').set('Idempotency-Key', key).send(job('Tax engineer')).expect(201);
      const before = await jobTotal();
      for (const call of [
        () => http.post('/api/v1/jobs').set('Idempotency-Key', key).send(job('Another title')),
        () => http.post('/api/v1/jobs/preview').set('Idempotency-Key', key).send(job('Tax engineer')),
      ]) {
        const res = await call().expect(422);
        assert.equal(res.body.code, 'IDEMPOTENCY_KEY_REUSED');
      }
      assert.equal(await jobTotal(), before);
    });

    it('answers 409 IDEMPOTENCY_KEY_IN_PROGRESS while the first request with the key still runs', async () => {
      const key = `slow-${run}`;
      let release!: () => void;
      model.hold = new Promise((resolve) => (release = resolve));
      const calls = model.calls;
      const first = http
        .post('/api/v1/jobs')
        .set('Idempotency-Key', key)
        .send(job('Slow engineer'))
        .then((res) => res);
      try {
        // The first request is at the model (its key claimed) once the model has been called.
        while (model.calls === calls) await sleep(10);
        const repeat = await http.post('/api/v1/jobs').set('Idempotency-Key', key).send(job('Slow engineer')).expect(409);
        assert.equal(repeat.body.code, 'IDEMPOTENCY_KEY_IN_PROGRESS');
        assert.ok(repeat.headers['retry-after']);
      } finally {
        model.hold = null;
        release();
      }
      const done = await first;
      assert.equal(done.status, 201);
      const replay = await http.post('/api/v1/jobs').set('Idempotency-Key', key).send(job('Slow engineer')).expect(201);
      assert.equal(replay.body.id, done.body.id);
      assert.equal(replay.headers['idempotency-replayed'], 'true');
    });

    it('stores no error: a corrected request may use the key again', async () => {
      const key = `fix-${run}`;
      await http.post('/api/v1/jobs').set('Idempotency-Key', key).send({ title: 'x' }).expect(400);
      const fixed = await http.post('/api/v1/jobs').set('Idempotency-Key', key).send(job('Fixed engineer')).expect(201);
      assert.equal(fixed.headers['idempotency-replayed'], undefined);
    });

    it("keeps keys per organisation: the same key in another organisation is that organisation's own request", async () => {
      const key = `shared-${run}`;
      const mine = await http.post('/api/v1/jobs').set('Idempotency-Key', key).send(job('Audit engineer')).expect(201);
      const theirs = await other.post('/api/v1/jobs').set('Idempotency-Key', key).send(job('Audit engineer')).expect(201);
      assert.equal(theirs.headers['idempotency-replayed'], undefined);
      assert.notEqual(theirs.body.id, mine.body.id);
      assert.equal(await jobTotal(other), 1);
      const theirsAgain = await other.post('/api/v1/jobs').set('Idempotency-Key', key).send(job('Audit engineer')).expect(201);
      assert.equal(theirsAgain.body.id, theirs.body.id);
    });

    it('covers multipart uploads: the file bytes are part of the request', async () => {
      const key = `upload-${run}`;
      const first = await http.post('/api/v1/resumes').set('Idempotency-Key', key).attach('file', resume('one'), 'kim.txt').expect(201);
      // Without the key this would be a 200 duplicate: the replay is the first answer, 201 created.
      const repeat = await http.post('/api/v1/resumes').set('Idempotency-Key', key).attach('file', resume('one'), 'kim.txt').expect(201);
      assert.equal(repeat.headers['idempotency-replayed'], 'true');
      assert.equal(repeat.body.id, first.body.id);
      assert.equal(repeat.body.outcome, 'created');
      const otherFile = await http.post('/api/v1/resumes').set('Idempotency-Key', key).attach('file', resume('two'), 'kim.txt').expect(422);
      assert.equal(otherFile.body.code, 'IDEMPOTENCY_KEY_REUSED');
      const otherField = await http
        .post('/api/v1/resumes')
        .set('Idempotency-Key', key)
        .field('source', 'workday')
        .attach('file', resume('one'), 'kim.txt')
        .expect(422);
      assert.equal(otherField.body.code, 'IDEMPOTENCY_KEY_REUSED');
    });

    it('replays a bulk upload (202 and the same ingest job), and refuses the key with other files', async () => {
      const key = `bulk-${run}`;
      const send = (...labels: string[]) => {
        const call = http.post('/api/v1/resumes/bulk').set('Idempotency-Key', key);
        for (const label of labels) void call.attach('files', resume(`bulk ${label}`), `${label}.txt`);
        return call;
      };
      const first = await send('a', 'b').expect(202);
      const repeat = await send('a', 'b').expect(202);
      assert.equal(repeat.headers['idempotency-replayed'], 'true');
      assert.equal(repeat.body.id, first.body.id);
      const listed = (await http.get('/api/v1/ingest-jobs').expect(200)).body as { items: { id: string }[] };
      assert.equal(listed.items.filter((item) => item.id === first.body.id).length, 1);
      assert.ok(!listed.items.some((item) => item.id !== first.body.id && item.id === repeat.body.id));
      const otherFiles = await send('a', 'c').expect(422);
      assert.equal(otherFiles.body.code, 'IDEMPOTENCY_KEY_REUSED');
    });

    it('forgets a stored answer when the resume it names is deleted (a replay must not bring its parsed fields back)', async () => {
      const key = `deleted-${run}`;
      const first = await http.post('/api/v1/resumes').set('Idempotency-Key', key).attach('file', resume('gone'), 'gone.txt').expect(201);
      await http.delete(`/api/v1/resumes/${first.body.id}`).expect(204);
      const again = await http.post('/api/v1/resumes').set('Idempotency-Key', key).attach('file', resume('gone'), 'gone.txt').expect(201);
      assert.equal(again.headers['idempotency-replayed'], undefined);
      assert.notEqual(again.body.id, first.body.id);
    });

    it('refuses a key that is empty, too long or not printable ASCII with 400 IDEMPOTENCY_KEY_INVALID', async () => {
      const before = await jobTotal();
      for (const key of ['k'.repeat(256), 'tab\there']) {
        const res = await http.post('/api/v1/jobs').set('Idempotency-Key', key).send(job('Invalid key engineer')).expect(400);
        assert.equal(res.body.code, 'IDEMPOTENCY_KEY_INVALID');
      }
      await http.post('/api/v1/jobs').set('Idempotency-Key', 'k'.repeat(255)).send(job('Longest key engineer')).expect(201);
      assert.equal(await jobTotal(), before + 1);
    });

    it('forgets a key after 24 h: on its next use, and in the periodic cleanup', async () => {
      const prisma = app.get(PrismaClient);
      const expire = (key: string) =>
        prisma.$executeRaw`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = ${key}`;
      const key = `expired-${run}`;
      await http.post('/api/v1/jobs').set('Idempotency-Key', key).send(job('Expired engineer')).expect(201);
      assert.equal(await expire(key), 1);
      // Another body under the expired key is a new request, not a reuse.
      const fresh = await http.post('/api/v1/jobs').set('Idempotency-Key', key).send(job('Renewed engineer')).expect(201);
      assert.equal(fresh.headers['idempotency-replayed'], undefined);

      const swept = `swept-${run}`;
      await http.post('/api/v1/jobs').set('Idempotency-Key', swept).send(job('Swept engineer')).expect(201);
      assert.equal(await expire(swept), 1);
      assert.ok((await app.get(IdempotencyStore).deleteExpired()) >= 1);
      const left = await prisma.$queryRaw<
        Array<{ count: number }>
      >`SELECT count(*)::int AS count FROM idempotency_keys WHERE key = ${swept}`;
      assert.equal(left[0].count, 0);
    });
  });
}
