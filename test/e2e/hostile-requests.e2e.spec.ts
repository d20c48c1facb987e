import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testBackends } from '../helpers/backends.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

/** Sent inside hostile values: no error message may echo it. */
const MARKER = 'ZQXJMARKER';
const NUL = '\u0000';

const JOB = {
  title: 'Senior Backend Engineer',
  description: 'Build the APIs of our HR platform in TypeScript on Node.js with PostgreSQL.',
  requirements: 'Required: TypeScript, Node.js, PostgreSQL, 5+ years of experience.',
  location: 'Berlin, Germany',
};
const RESUME = [
  'Jane Roe',
  'jane@example.com',
  'SKILLS',
  'TypeScript, Node.js, PostgreSQL',
  'EXPERIENCE',
  'Backend Engineer, Acme, 2018 - Present',
];
let uploads = 0;
/** The resume with bytes of its own each time: the same bytes again would be the same resume (200 duplicate). */
const resumeBytes = () => Buffer.from([...RESUME, `Reference ${++uploads}`].join('\n'));

/** Asserts the one error shape with the given status and code, and that nothing sent is echoed. */
function assertError(res: { status: number; body: unknown; text: string }, status: number, code: string): void {
  assert.equal(res.status, status, res.text);
  const body = res.body as { statusCode: number; code: string; message: string };
  assert.equal(body.statusCode, status);
  assert.equal(body.code, code);
  assert.equal(typeof body.message, 'string');
  assert.ok(!res.text.includes(MARKER), `echoed request bytes: ${res.text}`);
  assert.ok(
    !/Unexpected token|at position|JSON\.parse|prisma|SQLSTATE|invalid byte sequence/i.test(res.text),
    `parser internals: ${res.text}`,
  );
}

/** A resume upload with a hand-written Content-Disposition (supertest cannot send filename*). */
function uploadWithDisposition(
  http: ApiClient,
  fileNameParams: string,
): Promise<{ status: number; body: { id: string; fileName: string }; text: string }> {
  const boundary = 'hirematchboundary';
  const multipart = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; ${fileNameParams}\r\nContent-Type: text/plain\r\n\r\n`),
    resumeBytes(),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return http.post('/api/v1/resumes').set('content-type', `multipart/form-data; boundary=${boundary}`).send(multipart);
}

const manyKeys = (count: number): string => `{${Array.from({ length: count }, (_, i) => `"${MARKER}${i}":${i}`).join(',')}}`;

for (const backend of testBackends()) {
  describe(`hostile requests on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    let jobId: string;
    let resumeId: string;

    before(async () => {
      app = await startTestApp({ ...(await backend.setup()), backfillIntervalMs: 0 });
      http = apiClient(app);
      jobId = (await http.post('/api/v1/jobs').send(JOB).expect(201)).body.id;
      resumeId = (await http.post('/api/v1/resumes').attach('file', resumeBytes(), 'jane.txt').expect(201)).body.id;
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    const counts = async (): Promise<{ jobs: number; resumes: number }> => ({
      jobs: (await http.get('/api/v1/jobs').expect(200)).body.total,
      resumes: (await http.get('/api/v1/resumes').expect(200)).body.total,
    });

    it('stores createdAt and updatedAt from one clock (the database), equal on insert', async () => {
      const job = (await http.get(`/api/v1/jobs/${jobId}`).expect(200)).body;
      assert.equal(job.updatedAt, job.createdAt);
      // The resume's row and its vector are written in one transaction: still one instant.
      const resume = (await http.get(`/api/v1/resumes/${resumeId}`).expect(200)).body;
      assert.equal(resume.embeddingStatus, 'ready');
      assert.equal(resume.updatedAt, resume.createdAt);
    });

    describe('bodies', () => {
      it('malformed JSON is a 400 MALFORMED_JSON that does not quote the parser or the bytes', async () => {
        for (const raw of [`{"title": ${MARKER}}`, `{"title": "${MARKER}"`, `[${MARKER}`]) {
          const res = await http.post('/api/v1/jobs').set('content-type', 'application/json').send(raw);
          assertError(res, 400, 'MALFORMED_JSON');
        }
      });

      it('a body over the small default limit is a 413 PAYLOAD_TOO_LARGE on ordinary routes', async () => {
        const res = await http.post('/api/v1/jobs').send({ ...JOB, description: MARKER + 'x'.repeat(300 * 1024) });
        assertError(res, 413, 'PAYLOAD_TOO_LARGE');
      });

      it('the bulk routes take a larger body (parsed, then judged by their own validation)', async () => {
        // ~330 KB: above the default limit, so a 400 (not 413) shows the bulk route's parser read it.
        const texts: unknown[] = Array.from({ length: 63 }, () => 'word '.repeat(1_000));
        texts.push(42);
        const res = await http.post('/api/v1/embeddings/batch').send({ texts });
        assertError(res, 400, 'VALIDATION_FAILED');
        const batch = await http.post('/api/v1/matching/batch').send({ jobId, resumeIds: [resumeId], padding: 'x'.repeat(300 * 1024) });
        assertError(batch, 400, 'VALIDATION_FAILED');
      });

      it('a body of 100k keys is refused: 413 on an ordinary route, 400 BODY_TOO_COMPLEX on a bulk one', async () => {
        const body = manyKeys(100_000);
        assertError(await http.post('/api/v1/jobs').set('content-type', 'application/json').send(body), 413, 'PAYLOAD_TOO_LARGE');
        for (const route of ['/api/v1/embeddings/batch', '/api/v1/matching/batch']) {
          assertError(await http.post(route).set('content-type', 'application/json').send(body), 400, 'BODY_TOO_COMPLEX');
        }
        // Still answering at once afterwards.
        await http.get('/health/live').expect(200);
      });

      it('deep nesting is a 400 BODY_TOO_COMPLEX', async () => {
        const deep = '['.repeat(5_000) + ']'.repeat(5_000);
        assertError(await http.post('/api/v1/jobs').set('content-type', 'application/json').send(deep), 400, 'BODY_TOO_COMPLEX');
        let nested: unknown = 1;
        for (let i = 0; i < 20; i++) nested = { a: nested };
        assertError(await http.post('/api/v1/matching/calculate').send({ jobId, resumeId, weights: nested }), 400, 'BODY_TOO_COMPLEX');
      });

      it('unknown keys are a 400 naming the allowed keys, never the unknown ones', async () => {
        const top = await http.post('/api/v1/jobs').send({ ...JOB, [MARKER]: 1 });
        assertError(top, 400, 'VALIDATION_FAILED');
        assert.match(top.body.message, /allowed: .*title/);
        const nested = await http.post('/api/v1/matching/calculate').send({ jobId, resumeId, weights: { semantic: 1, [MARKER]: 2 } });
        assertError(nested, 400, 'VALIDATION_FAILED');
        assert.match(nested.body.message, /weights/);
        const proto = await http.post('/api/v1/jobs').set('content-type', 'application/json').send(`{"__proto__":{"x":1},"title":"t"}`);
        assertError(proto, 400, 'VALIDATION_FAILED');
        assertError(await http.get(`/api/v1/resumes?${MARKER}=1`), 400, 'VALIDATION_FAILED');
      });

      it('a JSON array or scalar where an object is expected is a 400', async () => {
        assertError(await http.post('/api/v1/jobs').send([JOB]), 400, 'VALIDATION_FAILED');
        assertError(await http.post('/api/v1/jobs').set('content-type', 'application/json').send('"title"'), 400, 'MALFORMED_JSON');
      });

      it('an unsupported body charset is a 415', async () => {
        const res = await http.post('/api/v1/jobs').set('content-type', 'application/json; charset=latin1').send(JSON.stringify(JOB));
        assertError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      });
    });

    describe('values the database cannot store or compare', () => {
      it('NUL characters in any text field, search term or filter are a 400 INVALID_CHARACTERS and write nothing', async () => {
        const before = await counts();
        for (const field of ['title', 'description', 'requirements', 'location'] as const) {
          const res = await http.post('/api/v1/jobs').send({ ...JOB, [field]: `${JOB[field]}${NUL}${MARKER}` });
          assertError(res, 400, 'INVALID_CHARACTERS');
          assert.match(res.body.message, new RegExp(field));
        }
        assertError(await http.post('/api/v1/jobs').send({ ...JOB, skills: ['Go', `Rust${NUL}`] }), 400, 'INVALID_CHARACTERS');
        const search = { query: 'TypeScript engineer', target: 'resumes', mode: 'keyword' };
        assertError(
          await http.post('/api/v1/matching/similarity-search').send({ ...search, query: `Type${NUL}Script` }),
          400,
          'INVALID_CHARACTERS',
        );
        for (const mode of ['vector', 'keyword', 'hybrid']) {
          const res = await http
            .post('/api/v1/matching/similarity-search')
            .send({ ...search, mode, filters: { location: `Ber${NUL}lin`, skills: [`SQL${NUL}`] } });
          assertError(res, 400, 'INVALID_CHARACTERS');
        }
        assertError(await http.post('/api/v1/embeddings/batch').send({ texts: [`a${NUL}b`] }), 400, 'INVALID_CHARACTERS');
        assertError(await http.get(`/api/v1/jobs/${jobId}/candidates?skills=SQL%00${MARKER}`), 400, 'INVALID_CHARACTERS');
        assertError(await http.get(`/api/v1/resumes/${resumeId}/jobs?skills=%00`), 400, 'INVALID_CHARACTERS');
        assert.deepEqual(await counts(), before);
      });

      it('raw NUL or control bytes in a file name are a 400 (malformed part header); decoded ones are stripped', async () => {
        const before = await counts();
        for (const filename of [`cv${NUL}${MARKER}.txt`, `cv\u0007\u001b[31m${MARKER}.txt`]) {
          const res = await http.post('/api/v1/resumes').attach('file', resumeBytes(), { filename, contentType: 'text/plain' });
          assertError(res, 400, 'VALIDATION_FAILED');
        }
        assert.deepEqual(await counts(), before);
        const tab = await http
          .post('/api/v1/resumes')
          .attach('file', resumeBytes(), { filename: 'cv\tjane.txt', contentType: 'text/plain' })
          .expect(201);
        assert.equal(tab.body.fileName, 'cvjane.txt');
        // RFC 5987 percent-encoding can carry any byte: NUL, BEL, ESC and a bidi override are removed after decoding.
        const encoded = await uploadWithDisposition(http, `filename*=UTF-8''cv%00%07%1B%E2%80%AEfdp.txt`);
        assert.equal(encoded.status, 201, encoded.text);
        assert.equal(encoded.body.fileName, 'cvfdp.txt');
        for (const id of [tab.body.id, encoded.body.id]) await http.delete(`/api/v1/resumes/${id}`).expect(204);
      });

      it('file names are UTF-8, RFC 5987 filename* included', async () => {
        const plain = await http
          .post('/api/v1/resumes')
          .attach('file', resumeBytes(), { filename: 'Zoë Müller – CV.txt', contentType: 'text/plain' })
          .expect(201);
        assert.equal(plain.body.fileName, 'Zoë Müller – CV.txt');
        assert.equal((await http.get(`/api/v1/resumes/${plain.body.id}`).expect(200)).body.fileName, 'Zoë Müller – CV.txt');
        const extended = await uploadWithDisposition(
          http,
          `filename="fallback.txt"; filename*=UTF-8''${encodeURIComponent('履歴書 ✓.txt')}`,
        );
        assert.equal(extended.status, 201, extended.text);
        assert.equal(extended.body.fileName, '履歴書 ✓.txt');
        const long = await http
          .post('/api/v1/resumes')
          .attach('file', resumeBytes(), { filename: `${'ü'.repeat(2_000)}.txt`, contentType: 'text/plain' })
          .expect(201);
        assert.equal([...long.body.fileName].length, 255);
        for (const id of [plain.body.id, extended.body.id, long.body.id]) await http.delete(`/api/v1/resumes/${id}`).expect(204);
      });

      it('offset and limit beyond any page, or not integers, are a 400', async () => {
        const routes = ['/api/v1/resumes', '/api/v1/jobs', `/api/v1/jobs/${jobId}/candidates`, `/api/v1/resumes/${resumeId}/jobs`];
        const values = ['9223372036854775808', '18446744073709551617', '1e30', '1e400', '1.5', '-1', 'abc', 'Infinity', '1,2'];
        for (const route of routes) {
          for (const value of values) {
            assertError(await http.get(`${route}?offset=${value}`), 400, 'VALIDATION_FAILED');
            assertError(await http.get(`${route}?limit=${value}`), 400, 'VALIDATION_FAILED');
          }
          await http.get(`${route}?offset=1000000000&limit=100`).expect(200);
        }
      });

      it('dates outside what PostgreSQL stores are a 400', async () => {
        const dates = [
          '-271821-04-20T00:00:00Z',
          '+275760-09-13T00:00:00Z',
          '0000-12-31T23:59:59Z',
          '+010000-01-01T00:00:00Z',
          'not a date',
          '',
        ];
        for (const mode of ['vector', 'keyword', 'hybrid']) {
          for (const createdAfter of dates) {
            const res = await http
              .post('/api/v1/matching/similarity-search')
              .send({ query: 'engineer', target: 'jobs', mode, filters: { createdAfter } });
            assertError(res, 400, 'VALIDATION_FAILED');
          }
          await http
            .post('/api/v1/matching/similarity-search')
            .send({ query: 'engineer', target: 'jobs', mode, filters: { createdAfter: '0001-01-01T00:00:00Z' } })
            .expect(200);
        }
      });

      it('weights whose sum overflows, and numbers beyond their bounds, are a 400', async () => {
        const huge = { semantic: 1e308, skills: 1e308, other: 1e308 };
        assertError(await http.post('/api/v1/matching/calculate').send({ jobId, resumeId, weights: huge }), 400, 'VALIDATION_FAILED');
        assertError(
          await http.post('/api/v1/matching/batch').send({ jobId, resumeIds: [resumeId], weights: huge }),
          400,
          'VALIDATION_FAILED',
        );
        const zero = { semantic: 0, skills: 0, other: 0 };
        assertError(await http.post('/api/v1/matching/calculate').send({ jobId, resumeId, weights: zero }), 400, 'INVALID_WEIGHTS');
        assertError(await http.post('/api/v1/jobs').send({ ...JOB, minYearsExperience: 1e308 }), 400, 'VALIDATION_FAILED');
        assertError(await http.get(`/api/v1/jobs/${jobId}/candidates?minScore=1e999`), 400, 'VALIDATION_FAILED');
        assertError(await http.get(`/api/v1/jobs/${jobId}/candidates?minYears=-1e999`), 400, 'VALIDATION_FAILED');
        const res = await http
          .post('/api/v1/matching/similarity-search')
          .send({ query: 'x', target: 'jobs', mode: 'vector', filters: { minYears: 1e308 } });
        assertError(res, 400, 'VALIDATION_FAILED');
      });

      it('malformed ids and out-of-list enums are a 400, not a database error', async () => {
        assertError(await http.get(`/api/v1/resumes/${MARKER}`), 400, 'VALIDATION_FAILED');
        assertError(await http.get(`/api/v1/jobs/${jobId}%00`), 400, 'VALIDATION_FAILED');
        assertError(await http.post('/api/v1/matching/calculate').send({ jobId: `${jobId}\u0000`, resumeId }), 400, 'INVALID_CHARACTERS');
        const search = await http.post('/api/v1/matching/similarity-search').send({ query: 'x', target: MARKER });
        assertError(search, 400, 'VALIDATION_FAILED');
      });
    });
  });
}
