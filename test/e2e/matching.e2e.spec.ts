import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { ResumesRepository } from '../../src/resumes/resumes.repository.js';
import { DEFAULT_ORGANIZATION_ID } from '../../src/common/organization.js';
import { testBackends } from '../helpers/backends.js';
import { FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

/** 1,000 synthetic resumes with random vectors; every 20th (5%) has the rare skill Fortran. */
function insertSyntheticResumes(prisma: PrismaClient): Promise<number> {
  return prisma.$executeRaw`
    INSERT INTO resumes (organization_id, content, content_sha256, parsed, skills, embedding, embedding_status, embedding_model)
    SELECT ${DEFAULT_ORGANIZATION_ID}::uuid, 'synthetic ' || s.n, md5(s.n::text), '{}'::jsonb,
      CASE WHEN s.n % 20 = 0 THEN ARRAY['Fortran'] ELSE ARRAY['Excel'] END,
      -- correlated on s.n so every row gets its own random vector
      (SELECT array_agg(random() - 0.5)::vector FROM generate_series(1, 384) WHERE s.n > 0),
      'ready', 'synthetic'
    FROM generate_series(1, 1000) AS s(n)`;
}

const JOB = {
  title: 'Senior Backend Engineer',
  description: 'Design and build backend services and REST APIs for our platform in TypeScript on Node.js, with PostgreSQL.',
  requirements: 'Required: TypeScript, Node.js, PostgreSQL, Docker. 5+ years of experience. Nice to have: Kubernetes.',
  location: 'Berlin, Germany',
};

// Graded by hand: strong (3) > partial (2) > unrelated (0).
const RESUMES = {
  strong: `Lena Fischer
lena.fischer@example.de | Berlin, Germany
SUMMARY
Senior backend engineer: TypeScript and Node.js services with PostgreSQL, shipped in Docker on Kubernetes.
EXPERIENCE
Senior Backend Engineer, Zalando
Jan 2018 - Present
Built REST APIs and backend services in TypeScript on Node.js with PostgreSQL, Docker and Kubernetes.
Backend Developer, SoundCloud
Jan 2015 - Dec 2017
Node.js services and PostgreSQL schemas.
EDUCATION
M.Sc. Computer Science, TU Berlin, 2014
SKILLS
TypeScript, Node.js, PostgreSQL, Docker, Kubernetes, REST APIs`,
  partial: `Tom Becker
tom.becker@example.de | Munich, Germany
SUMMARY
Frontend developer building web apps in TypeScript and React, some Node.js.
EXPERIENCE
Frontend Developer, Check24
Mar 2021 - Mar 2024
Built React and TypeScript user interfaces; small Node.js tools.
EDUCATION
B.Sc. Media Informatics, LMU Munich, 2020
SKILLS
TypeScript, React, Node.js, CSS, HTML`,
  unrelated: `Aoife Walsh
aoife.walsh@example.ie | Dublin, Ireland
SUMMARY
Registered nurse with intensive care and patient assessment experience.
EXPERIENCE
Staff Nurse, St. James Hospital
2019 - 2022
Patient care, medication administration, triage and wound care.
EDUCATION
B.Sc. Nursing, Trinity College Dublin, 2016
SKILLS
Patient care, Triage, Wound care, Medication administration`,
};

for (const backend of testBackends()) {
  describe(`matching and search on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    let jobId: string;
    const ids: Record<keyof typeof RESUMES, string> = { strong: '', partial: '', unrelated: '' };

    before(async () => {
      // A tiny exact-scan threshold: filtered searches here go through the HNSW iterative scan.
      app = await startTestApp({ ...(await backend.setup()), vectorExactScanMaxRows: 10 });
      http = apiClient(app);
      jobId = (await http.post('/api/v1/jobs').send(JOB).expect(201)).body.id;
      for (const [key, text] of Object.entries(RESUMES) as Array<[keyof typeof RESUMES, string]>) {
        ids[key] = (await http.post('/api/v1/resumes').attach('file', Buffer.from(text), `${key}.txt`).expect(201)).body.id;
      }
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    it('ranks candidates for a job by the full score, best first', async () => {
      const res = await http.get(`/api/v1/jobs/${jobId}/candidates?limit=10`).expect(200);
      assert.deepEqual(
        res.body.items.map((item: { id: string }) => item.id),
        [ids.strong, ids.partial, ids.unrelated],
      );
      assert.equal(res.body.total, 3);
      assert.equal(res.body.items[0].label, 'Lena Fischer');
      const scores = res.body.items.map((item: { overallScore: number }) => item.overallScore);
      assert.deepEqual(
        [...scores].sort((a, b) => b - a),
        scores,
      );
    });

    it('pages in a stable order, and filters by score, skills and years', async () => {
      const full = (await http.get(`/api/v1/jobs/${jobId}/candidates`).expect(200)).body.items.map((item: { id: string }) => item.id);
      const paged: string[] = [];
      for (let offset = 0; offset < 3; offset++) {
        paged.push(
          ...(await http.get(`/api/v1/jobs/${jobId}/candidates?limit=1&offset=${offset}`).expect(200)).body.items.map(
            (item: { id: string }) => item.id,
          ),
        );
      }
      assert.deepEqual(paged, full);

      const kubernetes = await http.get(`/api/v1/jobs/${jobId}/candidates?skills=kubernetes,postgres`).expect(200);
      assert.deepEqual(
        kubernetes.body.items.map((item: { id: string }) => item.id),
        [ids.strong],
        'aliases are canonicalised',
      );

      const senior = await http.get(`/api/v1/jobs/${jobId}/candidates?minYears=5`).expect(200);
      assert.deepEqual(
        senior.body.items.map((item: { id: string }) => item.id),
        [ids.strong],
      );

      const threshold = full.length ? (await http.get(`/api/v1/jobs/${jobId}/candidates`)).body.items[1].overallScore : 0;
      const good = await http.get(`/api/v1/jobs/${jobId}/candidates?minScore=${threshold}`).expect(200);
      assert.ok(good.body.items.every((item: { overallScore: number }) => item.overallScore >= threshold));
      assert.equal(good.body.total, 2);

      const bad = await http.get(`/api/v1/jobs/${jobId}/candidates?minScore=2`).expect(400);
      assert.equal(bad.body.code, 'VALIDATION_FAILED');
    });

    it('ranks jobs for a resume', async () => {
      const other = await http
        .post('/api/v1/jobs')
        .send({
          title: 'ICU Nurse',
          description: 'Care for intensive care patients in our hospital.',
          requirements: 'Registered nurse, triage, patient care.',
        })
        .expect(201);
      const forNurse = await http.get(`/api/v1/resumes/${ids.unrelated}/jobs`).expect(200);
      assert.equal(forNurse.body.items[0].id, other.body.id);
      const forEngineer = await http.get(`/api/v1/resumes/${ids.strong}/jobs`).expect(200);
      assert.equal(forEngineer.body.items[0].id, jobId);
      await http.delete(`/api/v1/jobs/${other.body.id}`).expect(204);
    });

    it('scores a batch of resumes against a job, best first, with unknown ids listed', async () => {
      const unknown = '00000000-0000-4000-8000-00000000abcd';
      const res = await http
        .post('/api/v1/matching/batch')
        .send({ jobId, resumeIds: [ids.unrelated, ids.strong, unknown, ids.partial] })
        .expect(200);
      assert.deepEqual(
        res.body.results.map((r: { resumeId: string }) => r.resumeId),
        [ids.strong, ids.partial, ids.unrelated],
      );
      assert.deepEqual(res.body.notFound, [unknown]);
      const tooMany = Array.from({ length: 501 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
      const rejected = await http.post('/api/v1/matching/batch').send({ jobId, resumeIds: tooMany }).expect(400);
      assert.equal(rejected.body.code, 'VALIDATION_FAILED');
    });

    it('applies custom weights, normalised, and shows them', async () => {
      const res = await http
        .post('/api/v1/matching/calculate')
        .send({ jobId, resumeId: ids.partial, weights: { semantic: 2, skills: 1, other: 1 } })
        .expect(200);
      assert.deepEqual(res.body.weights, { semantic: 0.5, skills: 0.25, other: 0.25 });
      const expected = 0.5 * res.body.semanticSimilarity + 0.25 * res.body.skillMatch + 0.25 * res.body.otherFactors;
      assert.ok(Math.abs(res.body.overallScore - expected) < 1e-3);
      assert.ok(res.body.parts.skills.evidence.length > 0);
      assert.ok(res.body.parts.other.experience.evidence.length > 0);
    });

    it('searches by keyword with matched terms, and hybrid fuses both ranks', async () => {
      const keyword = await http
        .post('/api/v1/matching/similarity-search')
        .send({ query: 'Kubernetes PostgreSQL', target: 'resumes', mode: 'keyword' })
        .expect(200);
      assert.equal(keyword.body.results[0].id, ids.strong);
      assert.deepEqual([...keyword.body.results[0].matchedTerms].sort(), ['Kubernetes', 'PostgreSQL']);
      assert.ok(keyword.body.results.every((r: { similarity: number }) => r.similarity > 0 && r.similarity <= 1));
      assert.ok(!keyword.body.results.some((r: { id: string }) => r.id === ids.unrelated), 'no shared words, no keyword hit');

      const hybrid = await http
        .post('/api/v1/matching/similarity-search')
        .send({ query: 'backend engineer Kubernetes PostgreSQL', target: 'resumes', mode: 'hybrid', limit: 3 })
        .expect(200);
      assert.equal(hybrid.body.mode, 'hybrid');
      assert.equal(hybrid.body.results[0].id, ids.strong);
      assert.deepEqual(hybrid.body.results[0].ranks, { vector: 1, keyword: 1 });
      assert.ok(hybrid.body.results.every((r: { similarity: number }) => r.similarity >= 0 && r.similarity <= 1));

      const filtered = await http
        .post('/api/v1/matching/similarity-search')
        .send({ query: 'engineer', target: 'resumes', filters: { location: 'munich' } })
        .expect(200);
      assert.deepEqual(
        filtered.body.results.map((r: { id: string }) => r.id),
        [ids.partial],
      );

      const search = (filters: object) =>
        http.post('/api/v1/matching/similarity-search').send({ query: 'engineer nurse', target: 'resumes', filters }).expect(200);
      assert.equal((await search({ createdAfter: new Date(Date.now() + 60_000).toISOString() })).body.results.length, 0);
      assert.equal((await search({ createdAfter: '2020-01-01T00:00:00Z' })).body.results.length, 3);
      assert.deepEqual(
        (await search({ minYears: 5 })).body.results.map((r: { id: string }) => r.id),
        [ids.strong],
      );
      const invalid = await http
        .post('/api/v1/matching/similarity-search')
        .send({ query: 'x', target: 'resumes', filters: { createdAfter: 'yesterday' } })
        .expect(400);
      assert.equal(invalid.body.code, 'VALIDATION_FAILED');
    });

    it("describes a search's hits and their cosine to the query in one transaction (hybrid's keyword-only hits), as vector search scores them", async () => {
      const query = 'backend engineer TypeScript';
      const vector = Float32Array.from(
        (
          await http
            .post('/api/v1/embeddings/batch')
            .send({ texts: [query] })
            .expect(200)
        ).body.embeddings[0] as number[],
      );
      const repository = app.get(ResumesRepository);
      const nearest = await repository.searchByVector(DEFAULT_ORGANIZATION_ID, vector, 10);
      assert.ok(nearest.length >= 3);
      const ids = nearest.map((hit) => hit.id);
      const described = await repository.describeResults(DEFAULT_ORGANIZATION_ID, ids, null, { vector, ids });
      for (const hit of nearest) assert.ok(Math.abs(described.similarities!.get(hit.id)! - hit.similarity) < 1e-6, hit.id);
      assert.deepEqual([...described.details.keys()].sort(), [...ids].sort(), 'and the labels of the same rows');
    });

    it('keeps a selective filter correct under the HNSW iterative scan: 5% of rows still fill the page', async () => {
      const prisma = app.get(PrismaClient);
      await insertSyntheticResumes(prisma);
      const res = await http
        .post('/api/v1/matching/similarity-search')
        .send({ query: 'scientific computing', target: 'resumes', limit: 30, filters: { skills: ['fortran'] } })
        .expect(200);
      assert.equal(res.body.results.length, 30, 'limit results exist (50 rows match), so limit come back');
      assert.ok(res.body.results.every((r: { skills: string[] }) => r.skills.includes('Fortran')));
      const similarities = res.body.results.map((r: { similarity: number }) => r.similarity);
      assert.deepEqual(
        [...similarities].sort((a, b) => b - a),
        similarities,
        'still ordered by similarity',
      );
      await prisma.$executeRaw`DELETE FROM resumes WHERE embedding_model = 'synthetic'`;
    });
  });
}

describe('exact scan for selective filters', () => {
  let app: INestApplication;
  let http: ApiClient;

  before(async () => {
    app = await startTestApp({ databaseUrl: null, pgliteDataDir: 'memory://', redisUrl: null, vectorExactScanMaxRows: 100 });
    http = apiClient(app);
  });

  after(() => app?.close());

  it('returns exactly the nearest matching rows when few rows match', async () => {
    const prisma = app.get(PrismaClient);
    await insertSyntheticResumes(prisma);
    const query = 'numerical simulation';
    const res = await http
      .post('/api/v1/matching/similarity-search')
      .send({ query, target: 'resumes', limit: 20, filters: { skills: ['Fortran'] } })
      .expect(200);
    // Ground truth: every Fortran row ordered by cosine distance to the same query embedding.
    const vector = (
      await http
        .post('/api/v1/embeddings/batch')
        .send({ texts: [query] })
        .expect(200)
    ).body.embeddings[0];
    const truth = await prisma.$queryRaw<Array<{ id: string }>>`
      SELECT id::text AS id FROM resumes WHERE 'Fortran' = ANY(skills)
      ORDER BY embedding <=> ${`[${vector.join(',')}]`}::vector, id LIMIT 20`;
    assert.deepEqual(
      res.body.results.map((r: { id: string }) => r.id),
      truth.map((row) => row.id),
    );
  });
});

describe('keyword search filtered by skills, rare and common', () => {
  let app: INestApplication;
  let http: ApiClient;

  before(async () => {
    // 50 rows have Fortran (at most vectorExactScanMaxRows: read by id), 950 Excel (more: tested row by row).
    app = await startTestApp({ databaseUrl: null, pgliteDataDir: 'memory://', redisUrl: null, vectorExactScanMaxRows: 100 });
    http = apiClient(app);
    await insertSyntheticResumes(app.get(PrismaClient));
  });

  after(() => app?.close());

  it('finds the rows with the skill and the word, best first, either way', async () => {
    const prisma = app.get(PrismaClient);
    for (const skill of ['Fortran', 'Excel']) {
      const res = await http
        .post('/api/v1/matching/similarity-search')
        .send({ query: 'synthetic', target: 'resumes', mode: 'keyword', limit: 20, filters: { skills: [skill] } })
        .expect(200);
      // Every row holds the word once in a text of the same length: equal BM25, so the order is by id.
      const truth = await prisma.$queryRaw<Array<{ id: string }>>`
        SELECT id::text AS id FROM resumes WHERE ${skill} = ANY(skills) ORDER BY id LIMIT 20`;
      assert.deepEqual(
        res.body.results.map((r: { id: string }) => r.id),
        truth.map((row) => row.id),
        skill,
      );
      assert.ok(
        res.body.results.every(
          (r: { skills: string[]; matchedTerms: string[] }) => r.skills.includes(skill) && r.matchedTerms.includes('synthetic'),
        ),
      );
    }
  });
});

describe('LLM explanations through an OpenAI-compatible server', () => {
  const llm = new FakeOpenAiServer();
  let app: INestApplication;
  let http: ApiClient;
  let body: { jobId: string; resumeId: string };

  before(async () => {
    const baseUrl = await llm.start();
    app = await startTestApp({
      databaseUrl: null,
      pgliteDataDir: 'memory://',
      redisUrl: null,
      openaiApiKey: 'test-key',
      openaiBaseUrl: baseUrl,
      openaiModel: 'test-model',
      openaiTimeoutMs: 300,
    });
    http = apiClient(app);
    const jobId = (await http.post('/api/v1/jobs').send(JOB).expect(201)).body.id;
    const resumeId = (await http.post('/api/v1/resumes').attach('file', Buffer.from(RESUMES.strong), 'lena.txt').expect(201)).body.id;
    body = { jobId, resumeId };
  });

  after(async () => {
    await app?.close();
    await llm.stop();
  });

  it('uses the LLM when it answers, sending scores and evidence but no contact details or resume text', async () => {
    llm.behaviour = 'ok';
    const res = await http.post('/api/v1/matching/explain').send(body).expect(200);
    assert.equal(res.body.source, 'llm');
    assert.equal(res.body.summary, 'A strong fit: the LLM says so.');
    const sent = llm.requests.at(-1)!;
    assert.equal(sent.path, '/v1/chat/completions');
    assert.equal(sent.authorization, 'Bearer test-key');
    assert.equal(sent.body.model, 'test-model');
    const prompt = JSON.stringify(sent.body.messages);
    for (const pii of ['Lena', 'Fischer', 'lena.fischer@example.de', 'Zalando'])
      assert.ok(!prompt.includes(pii), `${pii} must not be sent`);
  });

  it('falls back to rules on a 500 and on a timeout, saying why', async () => {
    llm.behaviour = 'error';
    const failed = await http.post('/api/v1/matching/explain').send(body).expect(200);
    assert.equal(failed.body.source, 'rules');
    assert.match(failed.body.fallbackReason, /500/);

    llm.behaviour = 'slow';
    const started = Date.now();
    const slow = await http
      .post('/api/v1/matching/calculate')
      .send({ ...body, explain: true })
      .expect(200);
    assert.equal(slow.body.explanation.source, 'rules');
    assert.match(slow.body.explanation.fallbackReason, /time/i);
    assert.ok(Date.now() - started < 2_500, 'the client timeout bounds the wait');
  });
});
