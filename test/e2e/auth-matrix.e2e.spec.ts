import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { generateApiKey } from '../../src/auth/api-key-format.js';
import { SCOPES, Scope } from '../../src/auth/scopes.js';
import { testBackends } from '../helpers/backends.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

type Method = 'get' | 'post' | 'patch' | 'delete';

interface Fixture {
  resumeId: string;
  jobId: string;
  ingestJobId: string;
  webhookId: string;
}

/** One row per route: what it needs, and how to call it with valid input in the caller's organisation. */
interface RouteCase {
  method: Method;
  /** The route as the OpenAPI document names it. */
  route: string;
  scopes: Scope[];
  ok: number;
  /** Path and body for a call about `own` (fresh resources: destructive calls get their own). */
  request: (own: Fixture, helpers: Helpers) => Promise<{ path: string; body?: object; file?: boolean; files?: boolean }>;
  /** Path and body naming another organisation's resources: must be 404. */
  foreign?: (theirs: Fixture, helpers: Helpers) => Promise<{ path: string; body?: object }>;
}

interface Helpers {
  fresh(): Promise<Fixture>;
  freshKeyId(): Promise<string>;
  freshOrganization(): Promise<string>;
}

let uploads = 0;
/** A resume with bytes of its own each time: the same bytes again would be a 200 duplicate, not a 201. */
const RESUME = () =>
  Buffer.from(
    `Dana Scully\ndana@fbi.example | +1 202 555 0147\nEXPERIENCE\nBackend Engineer, Acme\n2017 - Present\nTypeScript and PostgreSQL APIs (${++uploads}).\nSKILLS\nTypeScript, PostgreSQL`,
  );
const JOB = { title: 'Backend Engineer', description: 'APIs in TypeScript.', requirements: 'Required: TypeScript, PostgreSQL.' };
// A public address literal (no DNS on test machines); pings find it is not answering, which is a 200 with `failed`.
const WEBHOOK = { url: 'http://93.184.215.14/hook', events: ['job.ready'] };

const ROUTES: RouteCase[] = [
  {
    method: 'post',
    route: '/api/v1/resumes',
    scopes: ['resumes:write'],
    ok: 201,
    request: async () => ({ path: '/api/v1/resumes', file: true }),
  },
  { method: 'get', route: '/api/v1/resumes', scopes: ['resumes:read'], ok: 200, request: async () => ({ path: '/api/v1/resumes' }) },
  {
    method: 'post',
    route: '/api/v1/resumes/bulk',
    scopes: ['resumes:write'],
    ok: 202,
    request: async () => ({ path: '/api/v1/resumes/bulk', files: true }),
  },
  {
    method: 'get',
    route: '/api/v1/resumes/bulk/limits',
    scopes: ['resumes:write'],
    ok: 200,
    request: async () => ({ path: '/api/v1/resumes/bulk/limits' }),
  },
  {
    method: 'get',
    route: '/api/v1/ingest-jobs',
    scopes: ['resumes:read'],
    ok: 200,
    request: async () => ({ path: '/api/v1/ingest-jobs' }),
  },
  {
    method: 'get',
    route: '/api/v1/ingest-jobs/{id}',
    scopes: ['resumes:read'],
    ok: 200,
    request: async (own) => ({ path: `/api/v1/ingest-jobs/${own.ingestJobId}` }),
    foreign: async (theirs) => ({ path: `/api/v1/ingest-jobs/${theirs.ingestJobId}` }),
  },
  {
    method: 'get',
    route: '/api/v1/ingest-jobs/{id}/events',
    scopes: ['resumes:read'],
    ok: 200,
    request: async (own) => ({ path: `/api/v1/ingest-jobs/${own.ingestJobId}/events` }),
    foreign: async (theirs) => ({ path: `/api/v1/ingest-jobs/${theirs.ingestJobId}/events` }),
  },
  {
    method: 'get',
    route: '/api/v1/resumes/{id}',
    scopes: ['resumes:read'],
    ok: 200,
    request: async (own) => ({ path: `/api/v1/resumes/${own.resumeId}?include=text` }),
    foreign: async (theirs) => ({ path: `/api/v1/resumes/${theirs.resumeId}` }),
  },
  {
    method: 'delete',
    route: '/api/v1/resumes/{id}',
    scopes: ['resumes:write'],
    ok: 204,
    request: async (_, h) => ({ path: `/api/v1/resumes/${(await h.fresh()).resumeId}` }),
    foreign: async (theirs) => ({ path: `/api/v1/resumes/${theirs.resumeId}` }),
  },
  { method: 'post', route: '/api/v1/jobs', scopes: ['jobs:write'], ok: 201, request: async () => ({ path: '/api/v1/jobs', body: JOB }) },
  {
    method: 'post',
    route: '/api/v1/jobs/preview',
    scopes: ['jobs:write'],
    ok: 200,
    request: async () => ({ path: '/api/v1/jobs/preview', body: JOB }),
  },
  { method: 'get', route: '/api/v1/jobs', scopes: ['jobs:read'], ok: 200, request: async () => ({ path: '/api/v1/jobs' }) },
  {
    method: 'patch',
    route: '/api/v1/jobs/{id}',
    scopes: ['jobs:write'],
    ok: 200,
    request: async (own) => ({ path: `/api/v1/jobs/${own.jobId}`, body: { location: 'Remote' } }),
    foreign: async (theirs) => ({ path: `/api/v1/jobs/${theirs.jobId}`, body: { location: 'Remote' } }),
  },
  {
    method: 'get',
    route: '/api/v1/jobs/{id}',
    scopes: ['jobs:read'],
    ok: 200,
    request: async (own) => ({ path: `/api/v1/jobs/${own.jobId}` }),
    foreign: async (theirs) => ({ path: `/api/v1/jobs/${theirs.jobId}` }),
  },
  {
    method: 'delete',
    route: '/api/v1/jobs/{id}',
    scopes: ['jobs:write'],
    ok: 204,
    request: async (_, h) => ({ path: `/api/v1/jobs/${(await h.fresh()).jobId}` }),
    foreign: async (theirs) => ({ path: `/api/v1/jobs/${theirs.jobId}` }),
  },
  {
    method: 'post',
    route: '/api/v1/matching/calculate',
    scopes: ['matching'],
    ok: 200,
    request: async (own) => ({ path: '/api/v1/matching/calculate', body: { jobId: own.jobId, resumeId: own.resumeId } }),
    foreign: async (theirs) => ({ path: '/api/v1/matching/calculate', body: { jobId: theirs.jobId, resumeId: theirs.resumeId } }),
  },
  {
    method: 'post',
    route: '/api/v1/matching/explain',
    scopes: ['matching'],
    ok: 200,
    request: async (own) => ({ path: '/api/v1/matching/explain', body: { jobId: own.jobId, resumeId: own.resumeId } }),
    foreign: async (theirs) => ({ path: '/api/v1/matching/explain', body: { jobId: theirs.jobId, resumeId: theirs.resumeId } }),
  },
  {
    method: 'post',
    route: '/api/v1/matching/batch',
    scopes: ['matching'],
    ok: 200,
    request: async (own) => ({ path: '/api/v1/matching/batch', body: { jobId: own.jobId, resumeIds: [own.resumeId] } }),
    foreign: async (theirs) => ({ path: '/api/v1/matching/batch', body: { jobId: theirs.jobId, resumeIds: [theirs.resumeId] } }),
  },
  {
    method: 'post',
    route: '/api/v1/matching/similarity-search',
    scopes: ['matching'],
    ok: 200,
    request: async () => ({ path: '/api/v1/matching/similarity-search', body: { query: 'TypeScript', target: 'resumes' } }),
  },
  {
    method: 'get',
    route: '/api/v1/jobs/{id}/candidates',
    scopes: ['matching'],
    ok: 200,
    request: async (own) => ({ path: `/api/v1/jobs/${own.jobId}/candidates` }),
    foreign: async (theirs) => ({ path: `/api/v1/jobs/${theirs.jobId}/candidates` }),
  },
  {
    method: 'get',
    route: '/api/v1/resumes/{id}/jobs',
    scopes: ['matching'],
    ok: 200,
    request: async (own) => ({ path: `/api/v1/resumes/${own.resumeId}/jobs` }),
    foreign: async (theirs) => ({ path: `/api/v1/resumes/${theirs.resumeId}/jobs` }),
  },
  {
    method: 'post',
    route: '/api/v1/resumes/{id}/similar',
    scopes: ['resumes:read', 'matching'],
    ok: 200,
    request: async (own) => ({ path: `/api/v1/resumes/${own.resumeId}/similar`, body: {} }),
    foreign: async (theirs) => ({ path: `/api/v1/resumes/${theirs.resumeId}/similar`, body: {} }),
  },
  {
    method: 'get',
    route: '/api/v1/jobs/{id}/similar',
    scopes: ['jobs:read', 'matching'],
    ok: 200,
    request: async (own) => ({ path: `/api/v1/jobs/${own.jobId}/similar` }),
    foreign: async (theirs) => ({ path: `/api/v1/jobs/${theirs.jobId}/similar` }),
  },
  {
    method: 'post',
    route: '/api/v1/embeddings/batch',
    scopes: ['matching'],
    ok: 200,
    request: async () => ({ path: '/api/v1/embeddings/batch', body: { texts: ['hello'] } }),
  },
  {
    method: 'get',
    route: '/api/v1/embeddings/status',
    scopes: ['admin'],
    ok: 200,
    request: async () => ({ path: '/api/v1/embeddings/status' }),
  },
  {
    method: 'post',
    route: '/api/v1/embeddings/backfill',
    scopes: ['admin'],
    ok: 200,
    request: async () => ({ path: '/api/v1/embeddings/backfill' }),
  },
  {
    method: 'delete',
    route: '/api/v1/candidates',
    scopes: ['resumes:write'],
    ok: 200,
    request: async () => ({ path: '/api/v1/candidates?email=nobody%40example.com' }),
  },
  { method: 'get', route: '/api/v1/audit', scopes: ['admin'], ok: 200, request: async () => ({ path: '/api/v1/audit' }) },
  { method: 'get', route: '/api/v1/organizations', scopes: ['admin'], ok: 200, request: async () => ({ path: '/api/v1/organizations' }) },
  {
    method: 'post',
    route: '/api/v1/organizations',
    scopes: ['admin'],
    ok: 201,
    request: async () => ({ path: '/api/v1/organizations', body: { name: 'made in the matrix' } }),
  },
  {
    method: 'get',
    route: '/api/v1/organizations/{id}',
    scopes: ['admin'],
    ok: 200,
    request: async (_, h) => ({ path: `/api/v1/organizations/${await h.freshOrganization()}` }),
  },
  {
    method: 'patch',
    route: '/api/v1/organizations/{id}',
    scopes: ['admin'],
    ok: 200,
    request: async (_, h) => ({ path: `/api/v1/organizations/${await h.freshOrganization()}`, body: { retentionDays: 30 } }),
  },
  {
    method: 'delete',
    route: '/api/v1/organizations/{id}',
    scopes: ['admin'],
    ok: 200,
    request: async (_, h) => ({ path: `/api/v1/organizations/${await h.freshOrganization()}` }),
  },
  { method: 'get', route: '/api/v1/api-keys', scopes: ['admin'], ok: 200, request: async () => ({ path: '/api/v1/api-keys' }) },
  {
    method: 'post',
    route: '/api/v1/api-keys',
    scopes: ['admin'],
    ok: 201,
    request: async () => ({ path: '/api/v1/api-keys', body: { name: 'matrix', scopes: ['jobs:read'] } }),
  },
  {
    method: 'delete',
    route: '/api/v1/api-keys/{id}',
    scopes: ['admin'],
    ok: 200,
    request: async (_, h) => ({ path: `/api/v1/api-keys/${await h.freshKeyId()}` }),
  },
  {
    method: 'post',
    route: '/api/v1/webhooks',
    scopes: ['webhooks:manage'],
    ok: 201,
    request: async () => ({ path: '/api/v1/webhooks', body: WEBHOOK }),
  },
  { method: 'get', route: '/api/v1/webhooks', scopes: ['webhooks:manage'], ok: 200, request: async () => ({ path: '/api/v1/webhooks' }) },
  {
    method: 'get',
    route: '/api/v1/webhooks/{id}',
    scopes: ['webhooks:manage'],
    ok: 200,
    request: async (own) => ({ path: `/api/v1/webhooks/${own.webhookId}` }),
    foreign: async (theirs) => ({ path: `/api/v1/webhooks/${theirs.webhookId}` }),
  },
  {
    method: 'patch',
    route: '/api/v1/webhooks/{id}',
    scopes: ['webhooks:manage'],
    ok: 200,
    request: async (own) => ({ path: `/api/v1/webhooks/${own.webhookId}`, body: { description: 'matrix' } }),
    foreign: async (theirs) => ({ path: `/api/v1/webhooks/${theirs.webhookId}`, body: { description: 'matrix' } }),
  },
  {
    method: 'delete',
    route: '/api/v1/webhooks/{id}',
    scopes: ['webhooks:manage'],
    ok: 204,
    request: async (_, h) => ({ path: `/api/v1/webhooks/${(await h.fresh()).webhookId}` }),
    foreign: async (theirs) => ({ path: `/api/v1/webhooks/${theirs.webhookId}` }),
  },
  {
    method: 'post',
    route: '/api/v1/webhooks/{id}/rotate-secret',
    scopes: ['webhooks:manage'],
    ok: 200,
    // A fresh webhook: the shared one keeps the secret the other rows were set up with.
    request: async (_, h) => ({ path: `/api/v1/webhooks/${(await h.fresh()).webhookId}/rotate-secret`, body: {} }),
    foreign: async (theirs) => ({ path: `/api/v1/webhooks/${theirs.webhookId}/rotate-secret`, body: {} }),
  },
  {
    method: 'post',
    route: '/api/v1/webhooks/{id}/ping',
    scopes: ['webhooks:manage'],
    ok: 200,
    request: async (own) => ({ path: `/api/v1/webhooks/${own.webhookId}/ping` }),
    foreign: async (theirs) => ({ path: `/api/v1/webhooks/${theirs.webhookId}/ping` }),
  },
  {
    method: 'get',
    route: '/api/v1/webhooks/{id}/deliveries',
    scopes: ['webhooks:manage'],
    ok: 200,
    request: async (own) => ({ path: `/api/v1/webhooks/${own.webhookId}/deliveries` }),
    foreign: async (theirs) => ({ path: `/api/v1/webhooks/${theirs.webhookId}/deliveries` }),
  },
];

/** Open to all: no key needed. */
const PUBLIC_ROUTES = ['/health/live', '/health/ready'];

for (const backend of testBackends()) {
  describe(`API keys on ${backend.name}: the auth matrix over every route`, () => {
    let app: INestApplication;
    let admin: ApiClient;
    let tenant: string;
    let tenantAdmin: ApiClient;
    const keys = {} as { revoked: string; all: string; without: Map<Scope, string> };
    let own: Fixture;
    let theirs: Fixture;

    const callAs = (client: ApiClient, method: Method, request: { path: string; body?: object; file?: boolean; files?: boolean }) => {
      const call = client[method](request.path);
      if (request.file) return call.attach('file', RESUME(), 'resume.txt');
      if (request.files) return call.attach('files', RESUME(), 'resume.txt');
      return request.body ? call.send(request.body) : call;
    };
    const fixtureOf = async (client: ApiClient): Promise<Fixture> => ({
      resumeId: (await client.post('/api/v1/resumes').attach('file', RESUME(), 'resume.txt').expect(201)).body.id,
      jobId: (await client.post('/api/v1/jobs').send(JOB).expect(201)).body.id,
      ingestJobId: (await client.post('/api/v1/resumes/bulk').attach('files', RESUME(), 'resume.txt').expect(202)).body.id,
      webhookId: (await client.post('/api/v1/webhooks').send(WEBHOOK).expect(201)).body.id,
    });
    const keyFor = async (scopes: Scope[], organizationId?: string) =>
      (await admin.post('/api/v1/api-keys').send({ name: 'matrix key', scopes, organizationId }).expect(201)).body as {
        id: string;
        key: string;
      };
    let helpers: Helpers;

    before(async () => {
      // Pings go nowhere fast: a test machine may drop packets to the public address silently.
      app = await startTestApp({ ...(await backend.setup()), webhookTimeoutMs: 200 });
      admin = apiClient(app);
      tenant = (await admin.post('/api/v1/organizations').send({ name: 'Other tenant' }).expect(201)).body.id;
      tenantAdmin = apiClient(app, { apiKey: (await keyFor([...SCOPES], tenant)).key });
      own = await fixtureOf(admin);
      theirs = await fixtureOf(tenantAdmin);
      const revoked = await keyFor([...SCOPES]);
      await admin.delete(`/api/v1/api-keys/${revoked.id}`).expect(200);
      keys.revoked = revoked.key;
      keys.all = (await keyFor([...SCOPES])).key;
      keys.without = new Map();
      for (const scope of SCOPES) keys.without.set(scope, (await keyFor(SCOPES.filter((s) => s !== scope))).key);
      helpers = {
        fresh: () => fixtureOf(admin),
        freshKeyId: async () => (await keyFor(['jobs:read'])).id,
        freshOrganization: async () => (await admin.post('/api/v1/organizations').send({ name: 'fresh' }).expect(201)).body.id,
      };
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    it('the table covers every route the API has, and every route declares its scopes', async () => {
      const document = (await admin.get('/api/docs-json').expect(200)).body as {
        paths: Record<string, Record<string, { security?: unknown[] }>>;
      };
      const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method} ${path}`),
      );
      const covered = new Set([...ROUTES.map((r) => `${r.method} ${r.route}`), ...PUBLIC_ROUTES.map((p) => `get ${p}`)]);
      assert.deepEqual(
        documented.filter((route) => !covered.has(route)),
        [],
        'routes missing from the auth matrix',
      );
      for (const [path, operations] of Object.entries(document.paths)) {
        if (PUBLIC_ROUTES.includes(path)) continue;
        for (const [method, operation] of Object.entries(operations)) {
          assert.ok(operation.security?.length, `${method} ${path} shows its security schemes in Swagger`);
        }
      }
    });

    for (const route of ROUTES) {
      it(`${route.method.toUpperCase()} ${route.route}: 401 without a key, with a bad key or a revoked key; 403 without ${route.scopes.join(', ')}; ${route.ok} with it${route.foreign ? "; 404 for another organisation's id" : ''}`, async () => {
        const call = (apiKey: string | null) => async () =>
          callAs(apiClient(app, { apiKey }), route.method, await route.request(own, helpers));
        for (const [what, key] of [
          ['no key', null],
          ['an unknown key', generateApiKey().key],
          ['a malformed key', 'not-a-key'],
          ['a revoked key', keys.revoked],
        ] as const) {
          const res = await call(key)();
          assert.equal(res.status, 401, `${what}: ${res.status} ${JSON.stringify(res.body)}`);
          assert.equal(res.body.code, 'UNAUTHENTICATED');
        }
        for (const scope of route.scopes) {
          const res = await call(keys.without.get(scope)!)();
          assert.equal(res.status, 403, `without ${scope}: ${res.status}`);
          assert.equal(res.body.code, 'FORBIDDEN');
        }
        const ok = await call(keys.all)();
        assert.equal(ok.status, route.ok, JSON.stringify(ok.body));
        // The same key as X-API-Key.
        const viaHeader = await callAs(
          apiClient(app, { apiKey: null }).set('X-API-Key', keys.all),
          route.method,
          await route.request(own, helpers),
        );
        assert.equal(viaHeader.status, route.ok);
        if (route.foreign) {
          const res = await callAs(admin, route.method, await route.foreign(theirs, helpers));
          assert.equal(res.status, 404, JSON.stringify(res.body));
          assert.equal(res.body.code, 'NOT_FOUND');
        }
      });
    }

    it('health and metrics stay open; a tenant admin cannot create or delete organisations', async () => {
      for (const path of PUBLIC_ROUTES) await apiClient(app, { apiKey: null }).get(path).expect(200);
      // Not in the OpenAPI document (a scrape endpoint), open like health.
      await apiClient(app, { apiKey: null }).get('/metrics').expect(200);
      await apiClient(app, { apiKey: null }).get('/api/docs').expect(200);
      await tenantAdmin.post('/api/v1/organizations').send({ name: 'nope' }).expect(403);
      await tenantAdmin.delete(`/api/v1/organizations/${tenant}`).expect(403);
    });

    it('records lastUsedAt and never shows a key again after creating it', async () => {
      const created = await keyFor(['jobs:read']);
      const before = (await admin.get('/api/v1/api-keys').expect(200)).body.find((k: { id: string }) => k.id === created.id);
      assert.equal(before.lastUsedAt, null);
      assert.equal(before.key, undefined);
      assert.ok(created.key.startsWith(before.prefix));
      await apiClient(app, { apiKey: created.key }).get('/api/v1/jobs').expect(200);
      const afterUse = (await admin.get('/api/v1/api-keys').expect(200)).body.find((k: { id: string }) => k.id === created.id);
      assert.ok(afterUse.lastUsedAt);
    });
  });
}

describe('first start without any key', () => {
  it('creates an admin key for the default organisation and writes it to a file only its user can read', async () => {
    const dir = `/tmp/hirematch-first-start-${process.pid}-${Date.now()}`;
    const file = `${dir}/admin-api-key`;
    const app = await startTestApp({ databaseUrl: null, pgliteDataDir: 'memory://', redisUrl: null, adminApiKeyFile: file });
    try {
      const key = readFileSync(file, 'utf8').trim();
      assert.ok(key.startsWith('hm_live_'));
      assert.equal(statSync(file).mode & 0o777, 0o600);
      const res = await apiClient(app, { apiKey: key }).get('/api/v1/organizations').expect(200);
      assert.ok(res.body.length >= 1);
      await apiClient(app, { apiKey: key }).post('/api/v1/resumes').attach('file', RESUME(), 'r.txt').expect(201);
    } finally {
      await app.close();
    }
  });
});
