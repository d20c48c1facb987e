import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { JobsService } from '../../src/jobs/jobs.service.js';
import { EmbeddingModel } from '../../src/embeddings/embedding-model.js';
import { PERSONAS, type Persona } from '../fixtures/resumes/personas.js';
import { layout, renderDocx, renderPdf, renderTxt } from '../fixtures/resumes/render.js';
import { testBackends } from '../helpers/backends.js';
import { FaultyEmbeddingModel, withFaultyModel } from '../helpers/faulty-embedding-model.js';
import { LogCapture, type LogEntry } from '../helpers/log-capture.js';
import { parsePrometheusText, sampleSum } from '../helpers/prometheus-text.js';
import { ApiClient, apiClient, startTestApp, testAdminKey } from '../helpers/test-app.js';
import { DEFAULT_ORGANIZATION_ID } from '../../src/common/organization.js';
import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { OrganizationsService } from '../../src/auth/organizations.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Credentials the uploads send; `bearer` becomes a real API key per backend (before()). */
const SECRETS = {
  bearer: 'hm_live_bearer-secret-0123456789abcdef',
  apiKey: 'hm_live_header-secret-fedcba9876543210',
  cookie: 'session=cookie-secret-42',
};

// Every app of this process logs here (nestjs-pino keeps the first app's output for the process).
const logs = new LogCapture();

/** What must never reach a log: each fixture person's email, phone (as written, digits only, E.164), name and name parts. */
function personalData(persona: Persona): string[] {
  const digits = persona.phone.replace(/\D/g, '');
  const nameParts = persona.name.split(/[\s-]+/).filter((part) => part.length >= 4);
  return [
    persona.email,
    persona.phone,
    digits,
    persona.phoneE164,
    persona.name,
    ...nameParts,
    ...(persona.linkedin ? [persona.linkedin] : []),
  ];
}

for (const backend of testBackends()) {
  describe(`logs, request ids, metrics and HTTP hardening on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    let model: FaultyEmbeddingModel;
    const uploaded = PERSONAS.slice(0, 3);
    const rejected = PERSONAS[3];
    const resumeIds: string[] = [];
    // Request ids unique to this backend's run: both backends log into the same capture.
    const run = randomUUID().slice(0, 8);
    const rid = (name: string) => `${run}-${name}`;

    before(async () => {
      // Breaker opens on the first failure and no periodic backfill: the metrics test controls both.
      const overrides = { ...(await backend.setup()), breakerFailureThreshold: 1, backfillIntervalMs: 0 };
      app = await startTestApp(overrides, withFaultyModel, { logs: logs.output });
      http = apiClient(app);
      model = app.get<EmbeddingModel, FaultyEmbeddingModel>(EmbeddingModel);
      // A real key (it must authenticate the uploads) that must still never reach the logs.
      SECRETS.bearer = (
        await app.get(ApiKeysService).create(DEFAULT_ORGANIZATION_ID, { name: 'logged uploads', scopes: ['resumes:write'] })
      ).key;
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    it('generates a request id, or keeps a well-formed one, and returns it on the response, in the log line and in error bodies', async () => {
      const generated = await http.get('/health/live').expect(200);
      assert.match(generated.headers['x-request-id'], UUID);

      const kept = await http.get('/api/v1/jobs').set('X-Request-Id', rid('ats-7f3a.42')).expect(200);
      assert.equal(kept.headers['x-request-id'], rid('ats-7f3a.42'));
      const [line] = await logs.requestLines(rid('ats-7f3a.42'));
      assert.ok(line, 'a log line carries the request id');

      for (const unsafe of ['x'.repeat(200), 'two words', 'a"b{}']) {
        const res = await http.get('/api/v1/jobs').set('X-Request-Id', unsafe).expect(200);
        assert.match(res.headers['x-request-id'], UUID, `replaced: ${unsafe}`);
      }

      // Error bodies: an unknown route, a validation error, a 404 from a service, an unparseable body.
      const errors = [
        await http.get('/api/v1/nowhere').set('X-Request-Id', rid('err-unmatched')).expect(404),
        await http.get('/api/v1/resumes?limit=1000').set('X-Request-Id', rid('err-validation')).expect(400),
        await http.get(`/api/v1/jobs/${randomUUID()}`).set('X-Request-Id', rid('err-missing')).expect(404),
        await http
          .post('/api/v1/jobs')
          .set('X-Request-Id', rid('err-json'))
          .set('Content-Type', 'application/json')
          .send('{"title": ')
          .expect(400),
      ];
      for (const res of errors) {
        assert.equal(res.body.requestId, res.headers['x-request-id'], JSON.stringify(res.body));
        assert.ok(res.body.code && res.body.message, JSON.stringify(res.body));
      }
      const [generatedError] = [await http.get('/api/v1/nowhere').expect(404)];
      assert.match(generatedError.body.requestId, UUID);
    });

    it('logs one JSON line per request: method, route pattern, status, ms, request id; 4xx as a warning without a stack', async () => {
      const job = await http
        .post('/api/v1/jobs')
        .send({ title: 'Data Engineer', description: 'Build pipelines in Python and SQL.', requirements: 'Required: Python, SQL.' })
        .expect(201);
      await http.get(`/api/v1/jobs/${job.body.id}`).set('X-Request-Id', rid('line-ok')).expect(200);
      const ok = await logs.requestLines(rid('line-ok'));
      assert.equal(ok.length, 1, 'exactly one line for the request');
      const [line] = ok;
      assert.equal(line.level, 30);
      assert.equal(line.route, '/api/v1/jobs/:id');
      assert.deepEqual(line.req, { id: rid('line-ok'), method: 'GET', url: `/api/v1/jobs/${job.body.id}` });
      assert.deepEqual(line.res, { statusCode: 200 });
      assert.equal(typeof line.ms, 'number');
      assert.equal(line.msg, 'request completed');
      assert.ok(typeof line.time === 'string', 'ISO timestamp');

      for (const id of ['err-unmatched', 'err-validation', 'err-missing', 'err-json'].map(rid)) {
        const lines = await logs.requestLines(id);
        assert.equal(lines.length, 1, `one line for ${id}`);
        assert.equal(lines[0].level, 40, `${id} is a warning`);
        assert.equal(lines[0].err, undefined, `${id} has no error/stack`);
        assert.ok(!JSON.stringify(lines[0]).includes('    at '), `${id} has no stack`);
      }
      assert.equal((await logs.requestLines(rid('err-unmatched')))[0].route, undefined, 'no route pattern when none matched');

      // With an API key: its organisation and key ids (never the key itself).
      const organization = await app.get(OrganizationsService).create({ name: `Logged ${run}` });
      const reader = await app.get(ApiKeysService).create(organization.id, { name: 'reader', scopes: ['resumes:read'] });
      await apiClient(app, { apiKey: reader.key }).get('/api/v1/resumes').set('X-Request-Id', rid('line-key')).expect(200);
      const [keyed] = await logs.requestLines(rid('line-key'));
      assert.equal(keyed.organizationId, organization.id);
      assert.equal(keyed.keyId, reader.id);
      assert.ok(!JSON.stringify(keyed).includes(reader.key), 'never the key itself');
      assert.equal(keyed.route, '/api/v1/resumes');
    });

    it('logs a 5xx as an error with its stack, without personal data from the error message', async (t) => {
      const list = t.mock.method(app.get(JobsService), 'list', () =>
        Promise.reject(new Error(`lookup failed for ${uploaded[0].email} at ${uploaded[0].phone}`)),
      );
      try {
        const res = await http.get('/api/v1/jobs').set('X-Request-Id', rid('line-5xx')).expect(500);
        assert.deepEqual(res.body, {
          statusCode: 500,
          code: 'INTERNAL_ERROR',
          message: 'Internal server error',
          requestId: rid('line-5xx'),
        });
      } finally {
        list.mock.restore();
      }
      const [line] = await logs.requestLines(rid('line-5xx'));
      assert.equal(line.level, 50);
      const err = line.err as { type: string; message: string; stack: string };
      assert.equal(err.type, 'Error');
      assert.match(err.stack, /\n\s+at /);
      assert.match(err.message, /^lookup failed for \[redacted\] at \[redacted\]$/);
    });

    it('handles resumes full of personal data, searches and erasure requests by email and phone', async () => {
      const renders = [
        (p: Persona) => renderPdf(layout(p, 0)).then((b) => ({ bytes: b, name: 'resume.pdf' })),
        (p: Persona) => renderDocx(layout(p, 0)).then((b) => ({ bytes: b, name: 'resume.docx' })),
        (p: Persona) => Promise.resolve({ bytes: Buffer.from(renderTxt(layout(p, 0))), name: 'resume.txt' }),
      ];
      for (const [i, persona] of uploaded.entries()) {
        const { bytes, name } = await renders[i](persona);
        const res = await http
          .post('/api/v1/resumes')
          .set('Authorization', `Bearer ${SECRETS.bearer}`)
          .set('X-API-Key', SECRETS.apiKey)
          .set('Cookie', SECRETS.cookie)
          .attach('file', bytes, `${persona.name}.${name.split('.')[1]}`)
          .expect(201);
        assert.equal(res.body.parsed.email, persona.email, 'the fixture really carries the email');
        resumeIds.push(res.body.id);
      }
      // Error path: an encrypted PDF full of the same kind of data.
      await http
        .post('/api/v1/resumes')
        .attach('file', await renderPdf(layout(rejected, 0), { userPassword: 'secret' }), `${rejected.name}.pdf`)
        .expect(422);

      for (const [i, persona] of uploaded.entries()) {
        await http.get(`/api/v1/resumes/${resumeIds[i]}?include=text`).expect(200);
        for (const query of [persona.email, persona.phone, persona.name]) {
          for (const mode of ['keyword', 'vector', 'hybrid']) {
            await http.post('/api/v1/matching/similarity-search').send({ query, target: 'resumes', mode, limit: 5 }).expect(200);
          }
        }
        // Personal data in query strings: rejected parameters.
        await http.get(`/api/v1/resumes?email=${encodeURIComponent(persona.email)}&phone=${encodeURIComponent(persona.phone)}`).expect(400);
      }
      const job = await http
        .post('/api/v1/jobs')
        .send({ title: 'Backend Engineer', description: 'APIs in TypeScript.', requirements: 'Required: TypeScript, Node.js.' })
        .expect(201);
      await http.post('/api/v1/matching/calculate').send({ jobId: job.body.id, resumeId: resumeIds[0], explain: true }).expect(200);
      await http.post('/api/v1/matching/explain').send({ jobId: job.body.id, resumeId: resumeIds[0] }).expect(200);
      await http.get(`/api/v1/jobs/${job.body.id}/candidates?limit=5`).expect(200);
      await http.delete(`/api/v1/resumes/${resumeIds[2]}`).expect(204);
      // And the erasure route (issue 12), last: it deletes what the calls above use.
      for (const persona of uploaded) {
        await http.delete(`/api/v1/candidates?email=${encodeURIComponent(persona.email)}`).expect(200);
        await http.delete(`/api/v1/candidates?phone=${encodeURIComponent(persona.phone)}`).expect(200);
      }
    });

    it('leaves no email, phone, name or credential of those requests in the logs', () => {
      const text = logs.text();
      assert.ok(logs.lines.length > 50, `captured ${logs.lines.length} lines`);
      // The run was logged (so absence means something): the uploads and searches have their lines.
      const entries: LogEntry[] = logs.entries();
      assert.ok(entries.some((e) => e.route === '/api/v1/resumes' && (e.res as { statusCode: number }).statusCode === 201));
      assert.ok(entries.some((e) => e.route === '/api/v1/matching/similarity-search'));
      assert.ok(entries.some((e) => (e.req as { url: string } | undefined)?.url?.startsWith('/api/v1/candidates?email=[redacted]')));
      const lower = text.toLowerCase();
      for (const persona of [...uploaded, rejected]) {
        for (const value of personalData(persona)) {
          assert.ok(!lower.includes(value.toLowerCase()), `"${value}" (${persona.id}) appears in the logs`);
          assert.ok(!lower.includes(encodeURIComponent(value).toLowerCase()), `"${value}" (${persona.id}) appears URL-encoded in the logs`);
        }
      }
      for (const secret of [...Object.values(SECRETS), testAdminKey(app)])
        assert.ok(!text.includes(secret), 'credentials are never logged');
    });

    it('sets security headers; CORS is closed without an allow-list', async () => {
      const res = await http.get('/health/live').set('Origin', 'https://evil.example.com').expect(200);
      assert.match(res.headers['content-security-policy'], /script-src 'self'/);
      assert.doesNotMatch(res.headers['content-security-policy'], /upgrade-insecure-requests/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['x-powered-by'], undefined);
      assert.equal(res.headers['access-control-allow-origin'], undefined);
      const preflight = await http
        .options('/api/v1/jobs')
        .set('Origin', 'https://evil.example.com')
        .set('Access-Control-Request-Method', 'POST');
      assert.equal(preflight.headers['access-control-allow-origin'], undefined);
    });

    it('exposes the named series on GET /metrics, and they move with requests', async () => {
      const scrape = async () =>
        parsePrometheusText(
          (
            await http
              .get('/metrics')
              .expect(200)
              .expect('content-type', /text\/plain/)
          ).text,
        );
      const before = await scrape();
      for (const name of [
        'http_request_duration_seconds_bucket',
        'hirematch_model_inference_duration_seconds_count',
        'hirematch_model_batch_size_count',
        'hirematch_embedding_cache_requests_total',
        'hirematch_embedding_breaker_state',
        'hirematch_embedding_backlog',
        'hirematch_rate_limit_rejections_total',
        'process_cpu_user_seconds_total',
        'nodejs_heap_size_used_bytes',
      ]) {
        assert.ok(
          before.some((s) => s.name === name),
          `${name} is exposed`,
        );
      }
      assert.equal(sampleSum(before, 'hirematch_embedding_breaker_state', { state: 'closed' }), 1);
      const route = { route: '/api/v1/embeddings/batch', method: 'POST', status_code: '200' };
      const requestsBefore = sampleSum(before, 'http_request_duration_seconds_count', route) || 0;

      // Fresh texts (the Redis cache is shared between runs): three misses, one model call of three texts.
      const texts = [1, 2, 3].map((i) => `metrics probe ${i} ${randomUUID()}`);
      await http.post('/api/v1/embeddings/batch').send({ texts }).expect(200);
      const afterMiss = await scrape();
      assert.equal(sampleSum(afterMiss, 'http_request_duration_seconds_count', route), requestsBefore + 1);
      assert.equal(
        sampleSum(afterMiss, 'hirematch_model_inference_duration_seconds_count', { outcome: 'ok' }),
        sampleSum(before, 'hirematch_model_inference_duration_seconds_count', { outcome: 'ok' }) + 1,
      );
      assert.equal(sampleSum(afterMiss, 'hirematch_model_batch_size_sum'), sampleSum(before, 'hirematch_model_batch_size_sum') + 3);
      assert.equal(
        sampleSum(afterMiss, 'hirematch_embedding_cache_requests_total', { result: 'miss' }),
        sampleSum(before, 'hirematch_embedding_cache_requests_total', { result: 'miss' }) + 3,
      );

      // The same texts again: three hits, no model call.
      await http.post('/api/v1/embeddings/batch').send({ texts }).expect(200);
      const afterHit = await scrape();
      assert.equal(
        sampleSum(afterHit, 'hirematch_embedding_cache_requests_total', { result: 'hit' }),
        sampleSum(afterMiss, 'hirematch_embedding_cache_requests_total', { result: 'hit' }) + 3,
      );
      assert.equal(sampleSum(afterHit, 'hirematch_model_batch_size_count'), sampleSum(afterMiss, 'hirematch_model_batch_size_count'));

      // The model fails: the job is stored pending (backlog), the failure is timed, the breaker opens.
      const pendingBefore = sampleSum(afterHit, 'hirematch_embedding_backlog', { table: 'jobs', status: 'pending' });
      model.failing = true;
      const job = await http
        .post('/api/v1/jobs')
        .send({ title: 'Payroll Clerk', description: `Payroll ${randomUUID()}`, requirements: 'Required: Excel.' })
        .expect(201);
      assert.equal(job.body.embeddingStatus, 'pending');
      const afterFailure = await scrape();
      assert.equal(sampleSum(afterFailure, 'hirematch_embedding_backlog', { table: 'jobs', status: 'pending' }), pendingBefore + 1);
      assert.equal(
        sampleSum(afterFailure, 'hirematch_model_inference_duration_seconds_count', { outcome: 'error' }),
        sampleSum(afterHit, 'hirematch_model_inference_duration_seconds_count', { outcome: 'error' }) + 1,
      );
      assert.equal(sampleSum(afterFailure, 'hirematch_embedding_breaker_state', { state: 'open' }), 1);
      assert.equal(sampleSum(afterFailure, 'hirematch_embedding_breaker_state', { state: 'closed' }), 0);
      model.failing = false;
    });
  });
}

describe('metrics token, CORS allow-list and Swagger UI under the CSP', () => {
  let app: INestApplication;
  let http: ApiClient;
  const token = 'metrics-token-for-the-test-0123';

  before(async () => {
    app = await startTestApp(
      { databaseUrl: null, pgliteDataDir: 'memory://', redisUrl: null, metricsToken: token, corsOrigins: ['https://ats.example.com'] },
      undefined,
      { logs: logs.output },
    );
    http = apiClient(app);
  });

  after(async () => {
    await app?.close();
  });

  it('requires the bearer token on /metrics when METRICS_TOKEN is set', async () => {
    const missing = await http.get('/metrics').expect(401);
    assert.equal(missing.body.code, 'UNAUTHENTICATED');
    assert.ok(missing.body.requestId);
    await http.get('/metrics').set('Authorization', 'Bearer not-the-token').expect(401);
    const ok = await http.get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
    assert.match(ok.text, /^# HELP /m);
  });

  it('answers CORS for allowed origins only', async () => {
    const allowed = await http
      .options('/api/v1/jobs')
      .set('Origin', 'https://ats.example.com')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type')
      .expect(204);
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://ats.example.com');
    assert.match(allowed.headers['access-control-allow-headers'], /Authorization/i);
    const get = await http.get('/health/live').set('Origin', 'https://ats.example.com').expect(200);
    assert.match(get.headers['access-control-expose-headers'], /X-Request-Id/);
    const denied = await http
      .options('/api/v1/jobs')
      .set('Origin', 'https://other.example.com')
      .set('Access-Control-Request-Method', 'POST');
    assert.equal(denied.headers['access-control-allow-origin'], undefined);
  });

  it('renders Swagger UI in a real browser without CSP violations', async (t) => {
    const chromium = await launchChromium();
    if (!chromium) {
      t.skip('no Chromium at /usr/bin/chromium (apt-get install chromium) or playwright-core missing');
      return;
    }
    const server = await app.listen(0);
    const { port } = server.address() as { port: number };
    try {
      const page = await chromium.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
      });
      await page.addInitScript({
        content:
          "document.addEventListener('securitypolicyviolation', (e) => console.error('Refused by CSP: ' + e.violatedDirective + ' ' + e.blockedURI));",
      });
      const response = await page.goto(`http://127.0.0.1:${port}/api/docs`);
      assert.match(response?.headers()['content-security-policy'] ?? '', /default-src 'self'/);
      await page.waitForSelector('.swagger-ui .info .title', { timeout: 20_000 });
      assert.match((await page.textContent('.swagger-ui .info .title')) ?? '', /HireMatch API/);
      // "Try it out" works too: the UI calls the API from the page (connect-src).
      await page.click('#operations-health-getLiveness');
      await page.click('#operations-health-getLiveness .try-out__btn');
      await page.click('#operations-health-getLiveness .execute');
      const status = '#operations-health-getLiveness .live-responses-table tbody .response-col_status';
      await page.waitForSelector(status, { timeout: 20_000 });
      assert.match((await page.textContent(status)) ?? '', /200/);
      assert.deepEqual(violations, []);
    } finally {
      await chromium.close();
    }
  });
});

async function launchChromium() {
  const { existsSync } = await import('node:fs');
  if (!existsSync('/usr/bin/chromium')) return null;
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    return null;
  }
  return playwright.chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
