import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_ORGANIZATION_ID } from '../../src/common/organization.js';
import { TenantDatabase, type TenantTx } from '../../src/database/tenant-database.js';
import { EmbeddingService } from '../../src/embeddings/embedding.service.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { testBackends } from '../helpers/backends.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

const resume = (name: string, email: string, skills: string) =>
  Buffer.from(
    [
      name,
      `${email} | +44 20 7946 0${Math.floor(Math.random() * 900 + 100)}`,
      'EXPERIENCE',
      'Backend Engineer, Acme',
      '2018 - Present',
      `Built services with ${skills}.`,
      'SKILLS',
      skills,
    ].join('\n'),
  );

const JOB = {
  title: 'Backend Engineer',
  description: 'Build APIs in TypeScript on PostgreSQL.',
  requirements: 'Required: TypeScript, PostgreSQL, Node.js.',
};

for (const backend of testBackends()) {
  describe(`tenancy on ${backend.name}: one organisation never sees another's data`, () => {
    let app: INestApplication;
    let a: ApiClient;
    let b: ApiClient;
    let orgB: string;
    const ids = { resumeA: '', resumeB: '', jobA: '', jobB: '' };

    before(async () => {
      app = await startTestApp(await backend.setup());
      a = apiClient(app);
      orgB = (await a.post('/api/v1/organizations').send({ name: 'Tenant B' }).expect(201)).body.id;
      const keyB = await a
        .post('/api/v1/api-keys')
        .send({
          name: 'b admin',
          organizationId: orgB,
          scopes: ['resumes:read', 'resumes:write', 'jobs:read', 'jobs:write', 'matching', 'admin'],
        })
        .expect(201);
      assert.equal(keyB.body.organizationId, orgB);
      b = apiClient(app, { apiKey: keyB.body.key });
      ids.resumeA = (
        await a
          .post('/api/v1/resumes')
          .attach('file', resume('Ann Archer', 'ann@a.example', 'TypeScript, PostgreSQL, Node.js'), 'a.txt')
          .expect(201)
      ).body.id;
      ids.resumeB = (
        await b
          .post('/api/v1/resumes')
          .attach('file', resume('Bob Baker', 'bob@b.example', 'TypeScript, PostgreSQL, Node.js'), 'b.txt')
          .expect(201)
      ).body.id;
      ids.jobA = (await a.post('/api/v1/jobs').send(JOB).expect(201)).body.id;
      ids.jobB = (await b.post('/api/v1/jobs').send(JOB).expect(201)).body.id;
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    it("row-level security returns no other organisation's rows to a query that forgot its WHERE", async () => {
      const prisma = app.get(PrismaClient);
      // As the connecting (super)user, the unscoped query sees both organisations: the test can fail.
      const all = await prisma.$queryRaw<Array<{ organization_id: string }>>`SELECT organization_id::text FROM resumes`;
      assert.deepEqual(new Set(all.map((row) => row.organization_id)), new Set([DEFAULT_ORGANIZATION_ID, orgB]));
      const scoped = await app.get(TenantDatabase).forOrganization(orgB, async (tx) => ({
        role: await tx.$queryRaw<Array<{ role: string; superuser: boolean }>>`
          SELECT current_user AS role, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`,
        resumes: await tx.$queryRaw<Array<{ organization_id: string }>>`SELECT organization_id::text FROM resumes`,
        jobs: await tx.$queryRaw<Array<{ organization_id: string }>>`SELECT organization_id::text FROM jobs`,
        keys: await tx.$queryRaw<Array<{ organization_id: string }>>`SELECT organization_id::text FROM api_keys`,
        audit: await tx.$queryRaw<Array<{ organization_id: string }>>`SELECT organization_id::text FROM audit_events`,
        organizations: await tx.$queryRaw<Array<{ id: string }>>`SELECT id::text FROM organizations`,
        // Through Prisma's model API too, with no organisation in the filter.
        prismaResumes: await tx.resume.findMany({ select: { id: true } }),
      }));
      assert.deepEqual(scoped.role, [{ role: 'hirematch_app', superuser: false }]);
      assert.deepEqual(
        scoped.resumes.map((row) => row.organization_id),
        [orgB],
      );
      assert.deepEqual(
        scoped.jobs.map((row) => row.organization_id),
        [orgB],
      );
      assert.ok(scoped.keys.length >= 1 && scoped.keys.every((row) => row.organization_id === orgB));
      assert.ok(scoped.audit.length >= 1 && scoped.audit.every((row) => row.organization_id === orgB));
      assert.deepEqual(
        scoped.organizations.map((row) => row.id),
        [orgB],
      );
      assert.deepEqual(
        scoped.prismaResumes.map((row) => row.id),
        [ids.resumeB],
      );
      // Writing another organisation's row, or changing the audit log, is refused by the database.
      await assert.rejects(
        app
          .get(TenantDatabase)
          .forOrganization(orgB, (tx) => tx.$executeRaw`UPDATE jobs SET title = 'taken' WHERE id = ${ids.jobA}::uuid`)
          .then((count) => {
            if (count === 0) throw new Error('no row visible');
          }),
      );
      await assert.rejects(
        app.get(TenantDatabase).forOrganization(
          orgB,
          (tx) =>
            tx.$executeRaw`INSERT INTO jobs (organization_id, title, description, requirements, parsed, content, content_sha256)
            VALUES (${DEFAULT_ORGANIZATION_ID}::uuid, 't', 'd', 'r', '{}', 'c', 'x')`,
        ),
      );
      await assert.rejects(app.get(TenantDatabase).forOrganization(orgB, (tx) => tx.$executeRaw`DELETE FROM audit_events`));
      // After the transaction the session is the connecting user again, with no organisation set.
      const [after] = await prisma.$queryRaw<Array<{ role: string }>>`SELECT current_user AS role`;
      assert.notEqual(after.role, 'hirematch_app');
    });

    it('keeps the skills lookups that run past row-level security to the organisation in force, and none without one', async () => {
      // Both organisations hold a resume and a job with this skill: the lookups could return either.
      const lookups = async (organizationId: string | null) => {
        const run = async (tx: TenantTx) => ({
          resumes: await tx.$queryRaw<Array<{ id: string }>>`SELECT hirematch_resumes_with_skills(ARRAY['TypeScript'], 100)::text AS id`,
          jobs: await tx.$queryRaw<Array<{ id: string }>>`SELECT hirematch_jobs_with_skills(ARRAY['TypeScript'], 100)::text AS id`,
        });
        const found = organizationId
          ? await app.get(TenantDatabase).forOrganization(organizationId, run)
          : await app.get(TenantDatabase).asSystem(run);
        return { resumes: found.resumes.map((row) => row.id), jobs: found.jobs.map((row) => row.id) };
      };
      assert.deepEqual(await lookups(orgB), { resumes: [ids.resumeB], jobs: [ids.jobB] });
      assert.deepEqual(await lookups(DEFAULT_ORGANIZATION_ID), { resumes: [ids.resumeA], jobs: [ids.jobA] });
      // Outside a tenant transaction no organisation is set: nothing, though the caller bypasses the policies.
      assert.deepEqual(await lookups(null), { resumes: [], jobs: [] });
      // And through the searches that use them, in each mode, for resumes and jobs.
      for (const [target, own] of [
        ['resumes', ids.resumeB],
        ['jobs', ids.jobB],
      ])
        for (const mode of ['vector', 'keyword', 'hybrid']) {
          const found = await b
            .post('/api/v1/matching/similarity-search')
            .send({ query: 'typescript', target, mode, filters: { skills: ['TypeScript'] } })
            .expect(200);
          assert.deepEqual(
            found.body.results.map((r: { id: string }) => r.id),
            [own],
            `${mode} search of ${target}`,
          );
        }
    });

    it("answers 404 for another organisation's resume, job and key by every route", async () => {
      await b.get(`/api/v1/resumes/${ids.resumeA}`).expect(404);
      await b.get(`/api/v1/resumes/${ids.resumeA}?include=embedding,text`).expect(404);
      await b.get(`/api/v1/jobs/${ids.jobA}`).expect(404);
      await b.get(`/api/v1/jobs/${ids.jobA}/candidates`).expect(404);
      await b.get(`/api/v1/resumes/${ids.resumeA}/jobs`).expect(404);
      await b.post('/api/v1/matching/calculate').send({ jobId: ids.jobA, resumeId: ids.resumeB }).expect(404);
      await b.post('/api/v1/matching/calculate').send({ jobId: ids.jobB, resumeId: ids.resumeA }).expect(404);
      await b.post('/api/v1/matching/explain').send({ jobId: ids.jobB, resumeId: ids.resumeA }).expect(404);
      await b
        .post('/api/v1/matching/batch')
        .send({ jobId: ids.jobA, resumeIds: [ids.resumeB] })
        .expect(404);
      const batch = await b
        .post('/api/v1/matching/batch')
        .send({ jobId: ids.jobB, resumeIds: [ids.resumeA, ids.resumeB] })
        .expect(200);
      assert.deepEqual(
        batch.body.results.map((r: { resumeId: string }) => r.resumeId),
        [ids.resumeB],
      );
      assert.deepEqual(batch.body.notFound, [ids.resumeA]);
      await b.delete(`/api/v1/resumes/${ids.resumeA}`).expect(404);
      await b.delete(`/api/v1/jobs/${ids.jobA}`).expect(404);
      await b.get(`/api/v1/organizations/${DEFAULT_ORGANIZATION_ID}`).expect(404);
      await b.patch(`/api/v1/organizations/${DEFAULT_ORGANIZATION_ID}`).send({ retentionDays: 1 }).expect(404);
      await b.get(`/api/v1/api-keys?organizationId=${DEFAULT_ORGANIZATION_ID}`).expect(404);
      const keysOfA = (await a.get('/api/v1/api-keys').expect(200)).body as Array<{ id: string }>;
      await b.delete(`/api/v1/api-keys/${keysOfA[0].id}`).expect(404);
      // Still there for their owner.
      await a.get(`/api/v1/resumes/${ids.resumeA}`).expect(200);
      await a.get(`/api/v1/jobs/${ids.jobA}`).expect(200);
    });

    it('lists, searches and ranks only within the organisation', async () => {
      const listed = (await b.get('/api/v1/resumes').expect(200)).body;
      assert.deepEqual(
        listed.items.map((r: { id: string }) => r.id),
        [ids.resumeB],
      );
      assert.equal(listed.total, 1);
      assert.deepEqual(
        (await b.get('/api/v1/jobs').expect(200)).body.items.map((j: { id: string }) => j.id),
        [ids.jobB],
      );
      for (const mode of ['vector', 'keyword', 'hybrid']) {
        for (const [target, own] of [
          ['resumes', ids.resumeB],
          ['jobs', ids.jobB],
        ]) {
          const found = await b
            .post('/api/v1/matching/similarity-search')
            .send({ query: 'TypeScript PostgreSQL Node.js backend engineer', target, mode, limit: 50 })
            .expect(200);
          assert.deepEqual(
            found.body.results.map((hit: { id: string }) => hit.id),
            [own],
            `${mode} search over ${target}`,
          );
        }
      }
      const candidates = await b.get(`/api/v1/jobs/${ids.jobB}/candidates?limit=50`).expect(200);
      assert.deepEqual(
        candidates.body.items.map((item: { id: string }) => item.id),
        [ids.resumeB],
      );
      const jobs = await b.get(`/api/v1/resumes/${ids.resumeB}/jobs?limit=50`).expect(200);
      assert.deepEqual(
        jobs.body.items.map((item: { id: string }) => item.id),
        [ids.jobB],
      );
      const explained = await b.post('/api/v1/matching/explain').send({ jobId: ids.jobB, resumeId: ids.resumeB }).expect(200);
      assert.ok(explained.body.summary || explained.body.source);
      const organizations = (await b.get('/api/v1/organizations').expect(200)).body as Array<{ id: string }>;
      assert.deepEqual(
        organizations.map((o) => o.id),
        [orgB],
      );
      const audit = (await b.get('/api/v1/audit?limit=200').expect(200)).body;
      assert.ok(audit.items.length > 0);
      assert.ok(audit.items.every((event: { organizationId: string }) => event.organizationId === orgB));
    });

    it('keeps embedding cache entries per organisation: the same text is a miss for another organisation', async () => {
      const embeddings = app.get(EmbeddingService);
      const text = `cache isolation probe ${Math.random()}`;
      await embeddings.embed(DEFAULT_ORGANIZATION_ID, text);
      const before = embeddings.stats().cache;
      await embeddings.embed(orgB, text);
      const afterB = embeddings.stats().cache;
      assert.equal(afterB.misses, before.misses + 1, "another organisation does not get A's entry");
      await embeddings.embed(orgB, text);
      assert.equal(embeddings.stats().cache.hits, afterB.hits + 1, 'its own entry is a hit');
    });
  });
}
