import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { testBackends } from '../helpers/backends.js';
import { renderDocx, renderPdf } from '../helpers/resume-documents.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';
import { unitCosine } from '../helpers/unit-vectors.js';

const ENGINEER = [
  'Maria Garcia-López',
  'maria.garcia@example.com | +1 415 555 0199 | San Francisco, CA',
  'SUMMARY',
  'Backend engineer building APIs with TypeScript, Node.js and PostgreSQL.',
  'EXPERIENCE',
  'Senior Backend Engineer, Acme Corp',
  'Jan 2019 - Present',
  'Built REST APIs in TypeScript and Node.js on PostgreSQL; ran services on Docker and Kubernetes.',
  'Software Engineer, Initech',
  'Jun 2015 - Dec 2018',
  'Developed Python services and SQL reporting.',
  'EDUCATION',
  'B.Sc. Computer Science, University of California, 2015',
  'SKILLS',
  'TypeScript, Node.js, PostgreSQL, Docker, Kubernetes, Python, SQL',
];

const NURSE = [
  "Aoife O'Brien",
  'aoife.obrien@example.ie | +353 1 555 0142 | Dublin, Ireland',
  'PROFILE',
  'Registered nurse with intensive care experience, patient assessment and medication administration.',
  'EXPERIENCE',
  'Staff Nurse, St. James Hospital',
  '2016 - Present',
  'Cared for ICU patients, administered medication, wound care and triage.',
  'EDUCATION',
  'Bachelor of Science in Nursing, Trinity College Dublin, 2016',
  'SKILLS',
  'Patient care, Triage, Wound care, Medication administration, Phlebotomy',
];

const JOB = {
  title: 'Senior Backend Engineer',
  description: 'Build the APIs of our HR platform in TypeScript on Node.js with PostgreSQL.',
  requirements: 'Required: TypeScript, Node.js, PostgreSQL, 5+ years of experience. Nice to have: Kubernetes.',
  location: 'San Francisco, CA',
};

for (const backend of testBackends()) {
  describe(`foundation slice on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    let engineerId: string;
    let nurseId: string;
    let jobId: string;

    before(async () => {
      app = await startTestApp(await backend.setup());
      http = apiClient(app);
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    it('is live and ready with the model loaded', async () => {
      await http.get('/health/live').expect(200);
      const ready = await http.get('/health/ready').expect(200);
      assert.equal(ready.body.details.database.status, 'up');
      assert.equal(ready.body.details.model.status, 'up');
      assert.equal(ready.body.details.model.state, 'ready');
      assert.equal(ready.body.details.cache.degraded, false);
      assert.equal(ready.body.details.breaker.state, 'closed');
    });

    it('uploads a PDF resume: parsed fields and a stored 384-d unit vector', async () => {
      const pdf = await renderPdf(ENGINEER);
      const res = await http.post('/api/v1/resumes').attach('file', pdf, 'maria.pdf').expect(201);
      assert.equal(res.body.embeddingStatus, 'ready');
      assert.equal(res.body.mimeType, 'application/pdf');
      assert.equal(res.body.parsed.name, 'Maria Garcia-López');
      assert.equal(res.body.parsed.email, 'maria.garcia@example.com');
      assert.ok(res.body.skills.includes('TypeScript'), `skills: ${res.body.skills}`);
      assert.ok(res.body.skills.includes('PostgreSQL'), `skills: ${res.body.skills}`);
      assert.equal(res.body.embedding, undefined, 'no raw floats unless asked');
      engineerId = res.body.id;

      const withVector = await http.get(`/api/v1/resumes/${engineerId}?include=embedding`).expect(200);
      const vector: number[] = withVector.body.embedding;
      assert.equal(vector.length, 384);
      const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
      assert.ok(Math.abs(norm - 1) < 1e-3, `norm ${norm}`);
    });

    it('uploads a DOCX resume', async () => {
      const docx = await renderDocx(NURSE);
      const res = await http.post('/api/v1/resumes').attach('file', docx, 'aoife.docx').expect(201);
      assert.equal(res.body.embeddingStatus, 'ready');
      assert.equal(res.body.mimeType, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      assert.equal(res.body.parsed.name, "Aoife O'Brien");
      nurseId = res.body.id;
    });

    it('lists resumes with pagination', async () => {
      const page = await http.get('/api/v1/resumes?limit=1&offset=0').expect(200);
      assert.equal(page.body.total, 2);
      assert.equal(page.body.items.length, 1);
      const next = await http.get('/api/v1/resumes?limit=1&offset=1').expect(200);
      assert.notEqual(next.body.items[0].id, page.body.items[0].id);
      const bad = await http.get('/api/v1/resumes?limit=1000').expect(400);
      assert.equal(bad.body.code, 'VALIDATION_FAILED');
    });

    it('creates a job with extracted required and preferred skills', async () => {
      const res = await http.post('/api/v1/jobs').send(JOB).expect(201);
      assert.equal(res.body.embeddingStatus, 'ready');
      assert.ok(res.body.parsed.requiredSkills.includes('TypeScript'), JSON.stringify(res.body.parsed));
      assert.equal(res.body.minYearsExperience, 5);
      jobId = res.body.id;
      await http.get(`/api/v1/jobs/${jobId}`).expect(200);
    });

    it('calculates a match from stored vectors with every part shown', async () => {
      const res = await http.post('/api/v1/matching/calculate').send({ jobId, resumeId: engineerId }).expect(200);
      const body = res.body;
      assert.deepEqual(body.weights, { semantic: 0.6, skills: 0.3, other: 0.1 });
      for (const part of ['overallScore', 'semanticSimilarity', 'skillMatch', 'otherFactors']) {
        assert.ok(body[part] >= 0 && body[part] <= 1, `${part} = ${body[part]}`);
      }
      const expected = 0.6 * body.semanticSimilarity + 0.3 * body.skillMatch + 0.1 * body.otherFactors;
      assert.ok(Math.abs(body.overallScore - expected) < 1e-3, `${body.overallScore} vs ${expected}`);
      assert.ok(body.matchedSkills.includes('TypeScript'));
      assert.ok(Array.isArray(body.missingSkills));

      // The stored vectors, not a fresh model call: cosine of the two stored embeddings.
      const [job, resume] = await Promise.all([
        http.get(`/api/v1/jobs/${jobId}?include=embedding`),
        http.get(`/api/v1/resumes/${engineerId}?include=embedding`),
      ]);
      const cosine = unitCosine(job.body.embedding, resume.body.embedding);
      assert.ok(Math.abs(Math.max(0, cosine) - body.semanticSimilarity) < 1e-3);

      const nurse = await http.post('/api/v1/matching/calculate').send({ jobId, resumeId: nurseId }).expect(200);
      assert.ok(nurse.body.skillMatch < body.skillMatch, 'the engineer has more of the required skills');
    });

    it('rejects invalid weights with a typed 400', async () => {
      const res = await http
        .post('/api/v1/matching/calculate')
        .send({ jobId, resumeId: engineerId, weights: { semantic: 0, skills: 0, other: 0 } })
        .expect(400);
      assert.equal(res.body.code, 'INVALID_WEIGHTS');
      const negative = await http
        .post('/api/v1/matching/calculate')
        .send({ jobId, resumeId: engineerId, weights: { semantic: -1 } })
        .expect(400);
      assert.equal(negative.body.code, 'VALIDATION_FAILED');
    });

    it('explains a match by rules when no LLM key is configured', async () => {
      const res = await http.post('/api/v1/matching/explain').send({ jobId, resumeId: engineerId }).expect(200);
      assert.equal(res.body.source, 'rules');
      assert.ok(res.body.summary.length > 0);
      assert.ok(!JSON.stringify(res.body).includes('maria.garcia@example.com'), 'no contact details');
    });

    it('finds the resume first for a query made of its own skills', async () => {
      const res = await http
        .post('/api/v1/matching/similarity-search')
        .send({ query: 'TypeScript Node.js PostgreSQL Docker Kubernetes backend engineer', target: 'resumes', limit: 5 })
        .expect(200);
      assert.equal(res.body.results[0].id, engineerId);
      assert.equal(res.body.results.length, 2);
      assert.ok(res.body.results[0].similarity > res.body.results[1].similarity);
      assert.equal(res.body.skippedPending, 0);

      const jobs = await http
        .post('/api/v1/matching/similarity-search')
        .send({ query: 'backend engineer TypeScript', target: 'jobs' })
        .expect(200);
      assert.equal(jobs.body.results[0].id, jobId);
      assert.equal(jobs.body.results[0].label, JOB.title);
    });

    it('answers bad input with one error shape and stable codes', async () => {
      const noFile = await http.post('/api/v1/resumes').expect(400);
      assert.deepEqual(Object.keys(noFile.body).sort(), ['code', 'message', 'requestId', 'statusCode']);
      assert.equal(noFile.body.code, 'FILE_REQUIRED');
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
      const unsupported = await http.post('/api/v1/resumes').attach('file', png, 'photo.pdf').expect(415);
      assert.equal(unsupported.body.code, 'UNSUPPORTED_MEDIA_TYPE');
      const badId = await http.get('/api/v1/resumes/not-a-uuid').expect(400);
      assert.equal(badId.body.code, 'VALIDATION_FAILED');
      const missing = await http.get('/api/v1/jobs/00000000-0000-4000-8000-000000000999').expect(404);
      assert.equal(missing.body.code, 'NOT_FOUND');
      const badJob = await http.post('/api/v1/jobs').send({ title: 'x' }).expect(400);
      assert.equal(badJob.body.code, 'VALIDATION_FAILED');
      const badSearch = await http.post('/api/v1/matching/similarity-search').send({ query: 'a', target: 'people' }).expect(400);
      assert.equal(badSearch.body.code, 'VALIDATION_FAILED');
      const malformed = await http.post('/api/v1/jobs').set('content-type', 'application/json').send('{"title": ').expect(400);
      assert.equal(malformed.body.code, 'MALFORMED_JSON');
      const huge = await http
        .post('/api/v1/embeddings/batch')
        .send({ texts: Array.from({ length: 64 }, () => 'x'.repeat(140_000)) })
        .expect(413);
      assert.equal(huge.body.code, 'PAYLOAD_TOO_LARGE', 'a JSON body over 8 MB is not a file');
      const page = await http.get('/api/v1/resumes').expect(200);
      assert.equal(page.body.total, 2, 'failed uploads wrote nothing');
    });

    it('deletes a resume', async () => {
      await http.delete(`/api/v1/resumes/${nurseId}`).expect(204);
      await http.get(`/api/v1/resumes/${nurseId}`).expect(404);
      await http.delete(`/api/v1/resumes/${nurseId}`).expect(404);
    });

    it('matches on the work, not the person: a resume that differs only in name and contact details scores the same', async () => {
      const twin = ['Jamal Washington', 'jamal.w@example.org | (415) 555-0123 | San Francisco, CA', ...ENGINEER.slice(2)];
      const res = await http
        .post('/api/v1/resumes')
        .attach('file', Buffer.from(twin.join('\n')), 'jamal.txt')
        .expect(201);
      assert.equal(res.body.parsed.name, 'Jamal Washington');
      const [mine, theirs] = await Promise.all(
        [engineerId, res.body.id].map((id) => http.get(`/api/v1/resumes/${id}?include=embedding`).expect(200)),
      );
      assert.ok(unitCosine(mine.body.embedding, theirs.body.embedding) > 0.9999, 'same vector: names and contact details are not embedded');

      const [a, b] = await Promise.all(
        [engineerId, res.body.id].map((resumeId) => http.post('/api/v1/matching/calculate').send({ jobId, resumeId }).expect(200)),
      );
      assert.ok(Math.abs(a.body.semanticSimilarity - b.body.semanticSimilarity) < 1e-4);
      assert.ok(Math.abs(a.body.overallScore - b.body.overallScore) < 1e-4);
    });

    it('serves Swagger UI and the OpenAPI document', async () => {
      await http.get('/api/docs').expect(200);
      const doc = await http.get('/api/docs-json').expect(200);
      for (const path of ['/api/v1/resumes', '/api/v1/jobs', '/api/v1/matching/calculate', '/api/v1/matching/similarity-search']) {
        assert.ok(doc.body.paths[path], `${path} documented`);
      }
      assert.ok(doc.body.components.schemas.CreateJobRequest.properties.title.example);
      // Match responses are documented down to the evidence of each part.
      const calculated = doc.body.paths['/api/v1/matching/calculate'].post.responses['200'].content['application/json'].schema;
      assert.equal(calculated.$ref, '#/components/schemas/MatchResultView');
      const schemas = doc.body.components.schemas;
      assert.ok(schemas.SkillsPartView.properties.implied && schemas.SkillsPartView.properties.unbacked);
      assert.deepEqual(schemas.ExperienceFactorView.properties.status.enum, ['met', 'partial', 'unmet', 'unknown', 'not_applicable']);
      // Swagger UI serves the very document committed as openapi.json (npm run openapi).
      assert.deepEqual(doc.body, JSON.parse(readFileSync(new URL('../../../openapi.json', import.meta.url), 'utf8')));
    });
  });
}
