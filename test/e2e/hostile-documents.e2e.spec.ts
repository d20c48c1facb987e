import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_STATUS, ErrorCode } from '../../src/common/error-codes.js';
import { EmbeddingService } from '../../src/embeddings/embedding.service.js';
import { buildHostileCases, HostileCase } from '../fixtures/generate-fixtures.js';
import { testBackends } from '../helpers/backends.js';
import { renderPdf } from '../helpers/resume-documents.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

const cacheCalls = (app: INestApplication) => {
  const { cache } = app.get(EmbeddingService).stats();
  return cache.hits + cache.misses + cache.errors + cache.bypassed;
};

for (const backend of testBackends()) {
  describe(`hostile uploads on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    let cases: HostileCase[];

    before(async () => {
      cases = await buildHostileCases();
      app = await startTestApp(await backend.setup());
      http = apiClient(app);
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    it('answers every hostile file with its typed error, writes nothing, and stays alive', async () => {
      const rejected = cases.filter((c) => c.expectedCode !== null);
      assert.ok(rejected.length >= 10);
      const callsBefore = cacheCalls(app);
      for (const hostile of rejected) {
        const res = await http
          .post('/api/v1/resumes')
          .attach('file', hostile.buffer, { filename: hostile.filename, contentType: hostile.mimeType });
        const code = hostile.expectedCode as ErrorCode;
        assert.equal(res.body.code, code, `${hostile.name}: ${JSON.stringify(res.body)}`);
        assert.equal(res.status, DEFAULT_STATUS[code], hostile.name);
        assert.equal(typeof res.body.message, 'string');
        await http.get('/health/live').expect(200);
      }
      const list = await http.get('/api/v1/resumes').expect(200);
      assert.equal(list.body.total, 0, 'no row written');
      assert.equal(cacheCalls(app), callsBefore, 'no cache entry written or read');
    });

    it('accepts text with a stray NUL, strips it and says so', async () => {
      for (const accepted of cases.filter((c) => c.expectedCode === null)) {
        const res = await http.post('/api/v1/resumes').attach('file', accepted.buffer, accepted.filename).expect(201);
        assert.ok(
          res.body.warnings.some((w: string) => /control characters/.test(w)),
          JSON.stringify(res.body.warnings),
        );
      }
    });
  });
}

describe('document limits', () => {
  let app: INestApplication;
  let http: ApiClient;
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `Line ${i}: delivered projects on time with Excel and SQL reporting.`);

  before(async () => {
    app = await startTestApp({
      databaseUrl: null,
      pgliteDataDir: 'memory://',
      redisUrl: null,
      maxUploadBytes: 50_000,
      maxPdfPages: 2,
      maxTextChars: 2_000,
    });
    http = apiClient(app);
  });

  after(() => app?.close());

  it('refuses each limit with its own code', async () => {
    const big = await http.post('/api/v1/resumes').attach('file', Buffer.alloc(60_000, 'a'), 'big.txt').expect(413);
    assert.equal(big.body.code, 'FILE_TOO_LARGE');
    const pages = await http
      .post('/api/v1/resumes')
      .attach('file', await renderPdf(lines(150)), 'long.pdf')
      .expect(413);
    assert.equal(pages.body.code, 'TOO_MANY_PAGES');
    const text = await http
      .post('/api/v1/resumes')
      .attach('file', Buffer.from(lines(60).join('\n')), 'long.txt')
      .expect(413);
    assert.equal(text.body.code, 'TEXT_TOO_LONG');
    assert.equal((await http.get('/api/v1/resumes')).body.total, 0);
  });
});

describe('extraction time limit', () => {
  let app: INestApplication;
  let http: ApiClient;

  before(async () => {
    app = await startTestApp({ databaseUrl: null, pgliteDataDir: 'memory://', redisUrl: null, extractionTimeoutMs: 100, maxPdfPages: 500 });
    http = apiClient(app);
  });

  after(() => app?.close());

  it('kills an extraction that runs too long while the API keeps answering', async () => {
    const pdf = await renderPdf(Array.from({ length: 4_000 }, (_, i) => `Entry ${i}: maintained ledgers, payroll and audits.`));
    let uploadAnswered = false;
    const upload = http
      .post('/api/v1/resumes')
      .attach('file', pdf, 'huge.pdf')
      .then((res) => {
        uploadAnswered = true;
        return res;
      });
    // The API answers other requests while the worker parses (an order of events, not a time limit).
    let answeredMeanwhile = 0;
    for (let i = 0; i < 3 && !uploadAnswered; i++) {
      await http.get('/health/live').expect(200);
      if (!uploadAnswered) answeredMeanwhile++;
    }
    assert.ok(answeredMeanwhile > 0, 'a liveness probe was answered while the extraction ran');
    const res = await upload;
    assert.equal(res.status, 422);
    assert.equal(res.body.code, 'EXTRACTION_TIMEOUT');
    // The worker was replaced: the next upload works.
    await http.post('/api/v1/resumes').attach('file', Buffer.from('Kim Park\nkim@example.com\nSKILLS\nPayroll'), 'kim.txt').expect(201);
  });
});
