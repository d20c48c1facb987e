import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SCOPES } from '../../src/auth/scopes.js';
import { DEFAULT_ORGANIZATION_ID } from '../../src/common/organization.js';
import { EmbeddingService } from '../../src/embeddings/embedding.service.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { RetentionService } from '../../src/privacy/retention.service.js';
import { resumeMatchingText } from '../../src/resumes/matching-text.js';
import { testBackends } from '../helpers/backends.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

const person = (name: string, email: string, phone: string, work: string) =>
  Buffer.from([name, `${email} | ${phone} | Leeds, UK`, 'EXPERIENCE', work, '2019 - Present', 'SKILLS', 'Payroll, Excel, SAP'].join('\n'));

const JANE_EMAIL = 'jane.erasure@example.com';
const JANE_PHONE = '+44 113 496 0734';

/**
 * Makes resumes `days` old. created_at comes from the database clock and a trigger keeps it on
 * update, so the row triggers are off for this one statement (session_replication_role, transaction-local).
 */
async function backdate(prisma: PrismaClient, ids: string[], days: number): Promise<void> {
  await prisma.$transaction([
    prisma.$executeRaw`SELECT set_config('session_replication_role', 'replica', true)`,
    prisma.$executeRaw`UPDATE resumes SET created_at = now() - make_interval(days => ${days}) WHERE id = ANY(${ids}::uuid[])`,
  ]);
}

for (const backend of testBackends()) {
  describe(`erasure, retention and audit on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    let prisma: PrismaClient;
    let embeddings: EmbeddingService;

    const upload = async (client: ApiClient, file: Buffer) =>
      (await client.post('/api/v1/resumes').attach('file', file, 'cv.txt').expect(201)).body.id as string;
    /** Whether the resume's vector is in the organisation's cache (a hit leaves the miss counter alone). */
    const cached = async (organizationId: string, text: string, parsed: unknown) => {
      const misses = embeddings.stats().cache.misses;
      await embeddings.embed(organizationId, resumeMatchingText(text, parsed as never));
      return embeddings.stats().cache.misses === misses;
    };

    before(async () => {
      app = await startTestApp(await backend.setup());
      http = apiClient(app);
      prisma = app.get(PrismaClient);
      embeddings = app.get(EmbeddingService);
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    it('erases every resume of a person by email: rows, vectors and cache entries; receipt and audit hold no personal data', async () => {
      const first = await upload(http, person('Jane Erasure', JANE_EMAIL, JANE_PHONE, 'Payroll Officer, Leeds Council'));
      const second = await upload(http, person('Jane Erasure', JANE_EMAIL.toUpperCase(), '0113 496 0999', 'Payroll Assistant, Asda'));
      const other = await upload(
        http,
        person('Ravi Other', 'ravi.other@example.com', '+44 113 496 0111', 'Payroll Officer, Leeds Council'),
      );
      const views = await Promise.all(
        [first, second].map(async (id) => (await http.get(`/api/v1/resumes/${id}?include=text`).expect(200)).body),
      );
      // The stored vectors are cached before the erasure (so the check below can fail).
      for (const view of views) assert.ok(await cached(DEFAULT_ORGANIZATION_ID, view.text, view.parsed));

      const receipt = await http.delete(`/api/v1/candidates?email=${encodeURIComponent(JANE_EMAIL)}`).expect(200);
      assert.equal(receipt.body.resumesErased, 2);
      assert.equal(receipt.body.cacheCleared, true);
      assert.ok(!Number.isNaN(Date.parse(receipt.body.erasedAt)));
      for (const id of [first, second]) await http.get(`/api/v1/resumes/${id}`).expect(404);
      await http.get(`/api/v1/resumes/${other}`).expect(200);
      const left = await prisma.$queryRaw<Array<{ count: number }>>`
        SELECT count(*)::int AS count FROM resumes WHERE content ILIKE ${'%' + JANE_EMAIL + '%'} OR id = ANY(${[first, second]}::uuid[])`;
      assert.equal(left[0].count, 0, 'no row, hence no vector, is left');
      for (const view of views) assert.equal(await cached(DEFAULT_ORGANIZATION_ID, view.text, view.parsed), false, 'cache entry deleted');

      const audit = (await http.get('/api/v1/audit?action=candidate.erase').expect(200)).body;
      assert.equal(audit.items.length, 1);
      assert.equal(audit.items[0].details.resumesErased, 2);
      const everything = JSON.stringify((await http.get('/api/v1/audit?limit=200').expect(200)).body);
      for (const personal of [JANE_EMAIL, 'jane.erasure', 'Jane Erasure', '496 0734', '4960734', 'Payroll Officer']) {
        assert.ok(!everything.toLowerCase().includes(personal.toLowerCase()), `audit log holds no "${personal}"`);
      }
    });

    it('erases by phone in any notation, only within the organisation', async () => {
      const organizationId = (await http.post('/api/v1/organizations').send({ name: 'phone tenant' }).expect(201)).body.id;
      const tenant = apiClient(app, {
        apiKey: (
          await http
            .post('/api/v1/api-keys')
            .send({ name: 't', scopes: [...SCOPES], organizationId })
            .expect(201)
        ).body.key,
      });
      const mine = await upload(http, person('Pat Phone', 'pat.phone@example.com', '+44 113 496 0555', 'Clerk, Leeds'));
      const theirs = await upload(tenant, person('Pat Phone', 'pat.phone@example.com', '+44 113 496 0555', 'Clerk, Leeds'));
      const receipt = await http.delete(`/api/v1/candidates?phone=${encodeURIComponent('0113-496-0555')}`).expect(200);
      assert.equal(receipt.body.resumesErased, 1);
      await http.get(`/api/v1/resumes/${mine}`).expect(404);
      await tenant.get(`/api/v1/resumes/${theirs}`).expect(200);
      const none = await http.delete('/api/v1/candidates?phone=%2B1%20202%20555%200000').expect(200);
      assert.equal(none.body.resumesErased, 0);
      await http.delete('/api/v1/candidates').expect(400);
      await http.delete('/api/v1/candidates?email=not-an-email').expect(400);
    });

    it('purges resumes older than the organisation retention, leaving newer ones and other organisations', async () => {
      const organizationId = (await http.post('/api/v1/organizations').send({ name: 'short memory', retentionDays: 30 }).expect(201)).body
        .id;
      const tenant = apiClient(app, {
        apiKey: (
          await http
            .post('/api/v1/api-keys')
            .send({ name: 't', scopes: [...SCOPES], organizationId })
            .expect(201)
        ).body.key,
      });
      const old = await upload(tenant, person('Olga Old', 'olga@example.com', '+44 113 496 0222', 'Accountant, York'));
      const fresh = await upload(tenant, person('Fred Fresh', 'fred@example.com', '+44 113 496 0333', 'Accountant, York'));
      const keptElsewhere = await upload(http, person('Kim Kept', 'kim@example.com', '+44 113 496 0444', 'Accountant, York'));
      const oldView = (await tenant.get(`/api/v1/resumes/${old}?include=text`).expect(200)).body;
      await backdate(prisma, [old, keptElsewhere], 31);

      const erased = await app.get(RetentionService).purgeExpired();
      assert.ok(erased >= 1);
      await tenant.get(`/api/v1/resumes/${old}`).expect(404);
      await tenant.get(`/api/v1/resumes/${fresh}`).expect(200);
      await http.get(`/api/v1/resumes/${keptElsewhere}`).expect(200);
      assert.equal(await cached(organizationId, oldView.text, oldView.parsed), false);
      const audit = (await tenant.get('/api/v1/audit?action=retention.purge').expect(200)).body;
      assert.equal(audit.items.length, 1);
      assert.equal(audit.items[0].keyId, null);
      assert.equal(audit.items[0].details.resumesErased, 1);
      // Shortening retention later applies on the next run: derived from the data, not from a schedule.
      await http.patch(`/api/v1/organizations/${organizationId}`).send({ retentionDays: 1 }).expect(200);
      await backdate(prisma, [fresh], 2);
      await app.get(RetentionService).purgeExpired();
      await tenant.get(`/api/v1/resumes/${fresh}`).expect(404);
    });

    it('deleting an organisation erases all its data and keys', async () => {
      const organizationId = (await http.post('/api/v1/organizations').send({ name: 'leaving' }).expect(201)).body.id;
      const key = (
        await http
          .post('/api/v1/api-keys')
          .send({ name: 't', scopes: [...SCOPES], organizationId })
          .expect(201)
      ).body.key;
      const tenant = apiClient(app, { apiKey: key });
      await upload(tenant, person('Lee Leaving', 'lee@example.com', '+44 113 496 0666', 'Clerk, Hull'));
      await tenant
        .post('/api/v1/jobs')
        .send({ title: 'Clerk', description: 'Filing and record keeping for the office.', requirements: 'Required: Excel.' })
        .expect(201);
      await tenant.post('/api/v1/matching/similarity-search').send({ query: 'clerk with excel', target: 'resumes' }).expect(200);
      const receipt = await http.delete(`/api/v1/organizations/${organizationId}`).expect(200);
      assert.deepEqual([receipt.body.resumes, receipt.body.jobs, receipt.body.apiKeys], [1, 1, 1]);
      assert.ok(receipt.body.cacheEntries >= 3, `cache entries deleted: ${receipt.body.cacheEntries}`);
      await tenant.get('/api/v1/resumes').expect(401);
      const [left] = await prisma.$queryRaw<Array<{ count: number }>>`
        SELECT ((SELECT count(*) FROM resumes WHERE organization_id = ${organizationId}::uuid)
              + (SELECT count(*) FROM jobs WHERE organization_id = ${organizationId}::uuid)
              + (SELECT count(*) FROM api_keys WHERE organization_id = ${organizationId}::uuid))::int AS count`;
      assert.equal(left.count, 0);
      await http.get(`/api/v1/organizations/${organizationId}`).expect(404);
      await http.delete(`/api/v1/organizations/${DEFAULT_ORGANIZATION_ID}`).expect(403);
    });

    it('audits each action with the key, the resource, the time and the address', async () => {
      const keys = (await http.get('/api/v1/api-keys').expect(200)).body as Array<{ id: string; name: string }>;
      const adminKeyId = keys.find((k) => k.name === 'e2e admin')!.id;
      const since = new Date(Date.now() - 1000).toISOString();
      const id = await upload(http, person('Audrey Audit', 'audrey@example.com', '+44 113 496 0777', 'Clerk, Leeds'));
      await http.get('/api/v1/resumes').expect(200);
      await http.get(`/api/v1/resumes/${id}`).expect(200);
      await http.get(`/api/v1/resumes/${id}?include=text`).expect(200);
      const job = (
        await http
          .post('/api/v1/jobs')
          .send({ title: 'Clerk', description: 'Filing and record keeping for the office.', requirements: 'Excel.' })
          .expect(201)
      ).body.id;
      await http.post('/api/v1/matching/similarity-search').send({ query: 'Audrey Audit', target: 'resumes' }).expect(200);
      await http.post('/api/v1/matching/calculate').send({ jobId: job, resumeId: id }).expect(200);
      const key = (
        await http
          .post('/api/v1/api-keys')
          .send({ name: 'short-lived', scopes: ['jobs:read'] })
          .expect(201)
      ).body;
      await http.delete(`/api/v1/api-keys/${key.id}`).expect(200);
      await http.delete(`/api/v1/resumes/${id}`).expect(204);
      await http.delete('/api/v1/candidates?email=audrey%40example.com').expect(200);

      const log = (await http.get(`/api/v1/audit?from=${encodeURIComponent(since)}&limit=200`).expect(200)).body;
      const actions = log.items.map((event: { action: string }) => event.action);
      for (const action of [
        'resume.create',
        'resume.list',
        'resume.read',
        'resume.export',
        'job.create',
        'search',
        'match.calculate',
        'key.create',
        'key.revoke',
        'resume.delete',
        'candidate.erase',
      ]) {
        assert.ok(actions.includes(action), `audited: ${action} (have ${actions.join(', ')})`);
      }
      const deletion = log.items.find((event: { action: string }) => event.action === 'resume.delete');
      assert.equal(deletion.resourceId, id);
      assert.equal(deletion.resourceType, 'resume');
      assert.equal(deletion.keyId, adminKeyId);
      assert.ok(deletion.ip, 'the caller address is recorded');
      assert.ok(!Number.isNaN(Date.parse(deletion.occurredAt)));
      assert.equal(log.items.find((event: { action: string }) => event.action === 'key.revoke').resourceId, key.id);
      assert.ok(!JSON.stringify(log).includes('Audrey'), 'the search query is not recorded');
      // Filtered and paginated.
      const page = (await http.get('/api/v1/audit?action=resume.read&limit=1').expect(200)).body;
      assert.equal(page.items.length, 1);
      assert.ok(page.total >= 1);
      const future = (await http.get(`/api/v1/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`).expect(200))
        .body;
      assert.equal(future.total, 0);
      await http.get('/api/v1/audit?from=yesterday').expect(400);
    });
  });
}
