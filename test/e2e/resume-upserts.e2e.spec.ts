import type { INestApplication } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { testBackends } from '../helpers/backends.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

const run = randomUUID();
const resume = (label: string, skills: string) =>
  Buffer.from(
    [
      `Robin Vale ${label}`,
      'robin@example.com',
      'SUMMARY',
      `Engineer ${label} ${run}`,
      'EXPERIENCE',
      'Engineer, Acme',
      '2019 - Present',
      'SKILLS',
      skills,
    ].join('\n'),
  );

interface Upload {
  id: string;
  outcome: string;
  externalId: string | null;
  source: string | null;
  tags: string[];
  skills: string[];
}

for (const backend of testBackends()) {
  describe(`resume duplicates and externalId upserts on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    const ready: Array<Record<string, unknown>> = [];

    before(async () => {
      app = await startTestApp({ ...(await backend.setup()), backfillIntervalMs: 0 });
      http = apiClient(app);
      app.get(EventEmitter2).on('resume.ready', (payload: Record<string, unknown>) => ready.push(payload));
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    const total = async () => (await http.get('/api/v1/resumes?limit=1').expect(200)).body.total as number;

    it('answers a re-upload of the same bytes with the existing resume: 201 created, then 200 duplicate, one row', async () => {
      const bytes = resume('dup', 'TypeScript, PostgreSQL');
      const before = await total();
      const first = await http.post('/api/v1/resumes').attach('file', bytes, 'robin.txt').expect(201);
      assert.equal(first.body.outcome, 'created');
      // Another file name, same bytes: still the same resume.
      const second = await http.post('/api/v1/resumes').attach('file', bytes, 'robin-again.txt').expect(200);
      assert.equal(second.body.outcome, 'duplicate');
      assert.equal(second.body.id, first.body.id);
      assert.equal(second.body.fileName, 'robin.txt', 'nothing written');
      assert.equal(await total(), before + 1);
    });

    it('settles two concurrent identical uploads as one resume', async () => {
      const bytes = resume('race', 'Go, Kubernetes');
      const before = await total();
      const answers = await Promise.all([0, 1].map(() => http.post('/api/v1/resumes').attach('file', bytes, 'race.txt')));
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 201]);
      assert.deepEqual(answers.map((a) => (a.body as Upload).outcome).sort(), ['created', 'duplicate']);
      assert.equal(answers[0].body.id, answers[1].body.id);
      assert.equal(await total(), before + 1);
    });

    it('replaces the content of the resume a known externalId names, keeping its id', async () => {
      const externalId = `ATS-${run}`;
      const first = await http
        .post('/api/v1/resumes')
        .field('externalId', externalId)
        .field('source', 'greenhouse')
        .field('tags', 'backend, berlin')
        .attach('file', resume('v1', 'Python, Django'), 'v1.txt')
        .expect(201);
      const created = first.body as Upload;
      assert.equal(created.externalId, externalId);
      assert.equal(created.source, 'greenhouse');
      assert.deepEqual(created.tags, ['backend', 'berlin']);
      assert.ok(created.skills.includes('Python'));
      const oldVector = (await http.get(`/api/v1/resumes/${created.id}?include=embedding`).expect(200)).body.embedding as number[];
      const before = await total();

      const second = await http
        .post('/api/v1/resumes')
        .field('externalId', externalId)
        .field('tags', 'platform')
        .field('tags', 'remote')
        .attach('file', resume('v2 zanzibarian', 'Rust, Kafka'), 'v2.txt')
        .expect(200);
      const updated = second.body as Upload & { fileName: string; embeddingStatus: string; createdAt: string };
      assert.equal(updated.outcome, 'updated');
      assert.equal(updated.id, created.id);
      assert.equal(updated.fileName, 'v2.txt');
      assert.equal(updated.source, 'greenhouse', 'kept when not given');
      assert.deepEqual(updated.tags, ['platform', 'remote']);
      assert.ok(updated.skills.includes('Rust') && !updated.skills.includes('Python'), `skills ${updated.skills.join(',')}`);
      assert.equal(updated.embeddingStatus, 'ready');
      assert.equal(await total(), before, 'no new row');

      const stored = (await http.get(`/api/v1/resumes/${created.id}?include=embedding,text`).expect(200)).body;
      assert.match(stored.text as string, /zanzibarian/);
      assert.notDeepEqual(stored.embedding, oldVector, 'the vector was made again from the new text');
      // Keyword search (BM25 postings kept by the triggers) finds the new text and no longer the old one.
      const search = async (query: string) =>
        (
          (await http.post('/api/v1/matching/similarity-search').send({ query, target: 'resumes', mode: 'keyword' }).expect(200)).body
            .results as Array<{ id: string }>
        ).map((r) => r.id);
      assert.ok((await search('zanzibarian')).includes(created.id));
      assert.ok(!(await search('Django')).includes(created.id));
      assert.ok(
        ready.some((e) => e.resumeId === created.id && e.externalId === externalId),
        'resume.ready with the externalId after the update',
      );

      const blind = (await http.get(`/api/v1/resumes/${created.id}?blind=true`).expect(200)).body;
      assert.equal(blind.externalId, null, 'blind review hides the ATS id (it leads to the person)');

      const found = (await http.get(`/api/v1/resumes?externalId=${encodeURIComponent(externalId)}`).expect(200)).body;
      assert.equal(found.total, 1);
      assert.equal(found.items[0].id, created.id);

      // The same bytes again under the same externalId: a duplicate.
      const again = await http
        .post('/api/v1/resumes')
        .field('externalId', externalId)
        .attach('file', resume('v2 zanzibarian', 'Rust, Kafka'), 'v2.txt')
        .expect(200);
      assert.equal(again.body.outcome, 'duplicate');
      assert.equal(again.body.id, created.id);
    });

    it('same bytes under another externalId: the existing resume when that id is unknown, 409 when it names another resume', async () => {
      const bytes = resume('shared', 'Java, Spring');
      const [x, y] = [`X-${run}`, `Y-${run}`];
      const original = (await http.post('/api/v1/resumes').field('externalId', x).attach('file', bytes, 'a.txt').expect(201))
        .body as Upload;
      // y is unknown: the bytes decide, the resume is answered as it is (its externalId unchanged).
      const dup = (await http.post('/api/v1/resumes').field('externalId', y).attach('file', bytes, 'a.txt').expect(200)).body as Upload;
      assert.equal(dup.outcome, 'duplicate');
      assert.equal(dup.id, original.id);
      assert.equal(dup.externalId, x);
      // Once y names another resume, these bytes cannot become it: they already are x's.
      const other = (
        await http.post('/api/v1/resumes').field('externalId', y).attach('file', resume('other', 'Scala'), 'b.txt').expect(201)
      ).body as Upload;
      assert.notEqual(other.id, original.id);
      const conflict = await http.post('/api/v1/resumes').field('externalId', y).attach('file', bytes, 'a.txt').expect(409);
      assert.equal(conflict.body.code, 'RESUME_FILE_CONFLICT');
      assert.equal((await http.get(`/api/v1/resumes/${other.id}?include=text`).expect(200)).body.text.includes('other'), true, 'unchanged');
    });

    it('refuses invalid externalId, source and tags with 400 and a code, writing nothing', async () => {
      const before = await total();
      const cases: Array<[string, string | string[]]> = [
        ['externalId', 'x'.repeat(201)],
        ['externalId', 'bad\u0007id'],
        ['externalId', '   '],
        ['source', 's'.repeat(101)],
        ['tags', Array.from({ length: 21 }, (_, i) => `t${i}`).join(',')],
        ['tags', 'ok,' + 't'.repeat(51)],
        ['unknownField', 'x'],
      ];
      for (const [name, value] of cases) {
        let req = http.post('/api/v1/resumes');
        for (const v of Array.isArray(value) ? value : [value]) req = req.field(name, v);
        const res = await req.attach('file', resume(`invalid ${name} ${String(value).length}`, 'C'), 'x.txt');
        assert.equal(res.status, 400, `${name}=${String(value).slice(0, 20)}: ${res.status}`);
        assert.equal(res.body.code, 'VALIDATION_FAILED');
      }
      assert.equal(await total(), before);
    });
  });
}
