import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_ORGANIZATION_ID } from '../../src/common/organization.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { testBackends } from '../helpers/backends.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

const NURSE = `Aoife Walsh
aoife.walsh@example.ie | Dublin, Ireland
SUMMARY
Registered nurse with intensive care and patient assessment experience.
EXPERIENCE
Staff Nurse, St. James Hospital
2019 - 2022
Patient care, medication administration, triage and wound care in the intensive care unit.
SKILLS
Patient care, Triage, Wound care, Medication administration`;

// Another nurse, written differently; and two people from other fields.
const OTHER_NURSE = `Ciara Byrne
ciara.byrne@example.ie | Cork, Ireland
PROFILE
Intensive care nurse: patient assessment, triage, wound care and medication administration.
EXPERIENCE
Registered Nurse, Cork University Hospital
2017 - 2024
Intensive care unit nursing, patient care and triage.`;
const ENGINEER = `Lena Fischer
lena.fischer@example.de | Berlin, Germany
SUMMARY
Backend engineer: TypeScript and Node.js services with PostgreSQL on Kubernetes.
SKILLS
TypeScript, Node.js, PostgreSQL, Docker, Kubernetes`;
const ACCOUNTANT = `Tom Becker
tom.becker@example.de | Munich, Germany
SUMMARY
Staff accountant: general ledger, month-end close, accounts payable and reconciliations in SAP.`;

for (const backend of testBackends()) {
  describe(`more like this on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    const ids: Record<string, string> = {};

    before(async () => {
      app = await startTestApp(await backend.setup());
      http = apiClient(app);
      for (const [name, text] of Object.entries({ nurse: NURSE, otherNurse: OTHER_NURSE, engineer: ENGINEER, accountant: ACCOUNTANT })) {
        ids[name] = (await http.post('/api/v1/resumes').attach('file', Buffer.from(text), `${name}.txt`).expect(201)).body.id;
      }
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    for (const mode of ['keyword', 'vector', 'hybrid'] as const) {
      it(`finds the resume most like a stored one (${mode}), leaving the resume itself out`, async () => {
        const res = await http.post(`/api/v1/resumes/${ids.nurse}/similar`).send({ mode, limit: 5 }).expect(200);
        const found = res.body.results.map((r: { id: string }) => r.id);
        assert.ok(!found.includes(ids.nurse), 'the query resume is not its own neighbour');
        assert.equal(found[0], ids.otherNurse);
        assert.ok(found.length <= 3);
        if (mode !== 'vector') assert.ok(res.body.results[0].matchedTerms.length > 0, 'shared terms are shown');
      });
    }

    it('finds jobs like a stored job, and says 404 for an unknown id', async () => {
      const job = (title: string, requirements: string) =>
        http
          .post('/api/v1/jobs')
          .send({ title, description: `${title} wanted.`, requirements })
          .expect(201);
      const backend1 = (await job('Backend Engineer', 'Required: TypeScript, Node.js, PostgreSQL.')).body.id;
      const backend2 = (await job('Senior Backend Engineer', 'Required: Node.js, TypeScript, PostgreSQL, Kubernetes.')).body.id;
      await job('Staff Nurse', 'Required: patient care, triage, wound care.');
      const res = await http.get(`/api/v1/jobs/${backend1}/similar`).query({ limit: 2 }).expect(200);
      assert.equal(res.body.mode, 'hybrid', 'hybrid by default');
      assert.equal(res.body.results[0].id, backend2);
      await http.get('/api/v1/jobs/00000000-0000-4000-8000-000000000001/similar').expect(404);
      const missing = await http.post('/api/v1/resumes/00000000-0000-4000-8000-000000000001/similar').send({}).expect(404);
      assert.equal(missing.body.code, 'NOT_FOUND');
    });

    it('answers a record without a vector by its words, and refuses vector mode with EMBEDDING_NOT_READY', async () => {
      const prisma = app.get(PrismaClient);
      const [row] = await prisma.$queryRaw<Array<{ id: string }>>`
        INSERT INTO resumes (organization_id, content, content_sha256, parsed, skills, embedding_status)
        VALUES (${DEFAULT_ORGANIZATION_ID}::uuid, ${'Registered nurse: triage, wound care and patient care.'}, md5('pending nurse'),
          '{}'::jsonb, ARRAY[]::text[], 'pending')
        RETURNING id::text AS id`;
      const vector = await http.post(`/api/v1/resumes/${row.id}/similar`).send({ mode: 'vector' }).expect(409);
      assert.equal(vector.body.code, 'EMBEDDING_NOT_READY');
      const hybrid = await http.post(`/api/v1/resumes/${row.id}/similar`).send({}).expect(200);
      assert.ok(hybrid.body.warnings?.length, 'says it answered by words only');
      const found = hybrid.body.results.map((r: { id: string }) => r.id);
      assert.ok(found.includes(ids.nurse) && found.includes(ids.otherNurse));
      assert.ok(!found.includes(ids.engineer), 'no shared words, no keyword hit');
    });
  });
}
