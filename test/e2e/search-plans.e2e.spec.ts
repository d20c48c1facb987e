import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_ORGANIZATION_ID } from '../../src/common/organization.js';
import { TenantDatabase, type TenantTx } from '../../src/database/tenant-database.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import { testBackends } from '../helpers/backends.js';
import { startTestApp } from '../helpers/test-app.js';

// Every vector search and ranking response counts the organisation's rows without a vector
// (`skippedPending`); at 100k rows a table scan for that count was most of a search's time.
for (const backend of testBackends()) {
  describe(`query plans on the search hot path on ${backend.name}`, () => {
    let app: INestApplication;

    before(async () => {
      app = await startTestApp(await backend.setup());
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    for (const table of ['resumes', 'jobs'] as const) {
      it(`counts ${table} waiting for a vector through a partial index`, async () => {
        // As the app's requests run: the tenant role, under row-level security (which keeps indexes off
        // conditions whose operators are not LEAKPROOF).
        const plan = await app.get(TenantDatabase).forOrganization(DEFAULT_ORGANIZATION_ID, async (tx) => {
          // Tiny test tables always favour a table scan; what matters is that the index can serve it.
          await tx.$queryRaw`SELECT set_config('enable_seqscan', 'off', true)`;
          return tx.$queryRaw<Array<{ 'QUERY PLAN': string }>>`
            EXPLAIN SELECT count(*) FROM ${Prisma.raw(table)}
            WHERE embedding IS NULL AND organization_id = ${DEFAULT_ORGANIZATION_ID}::uuid`;
        });
        assert.match(plan.map((row) => row['QUERY PLAN']).join('\n'), new RegExp(`${table}_without_vector_org_idx`));
      });

      it(`reads the ${table} with a skill through the skills index, which a tenant's own query cannot use`, async () => {
        const explain = async (tx: TenantTx, statement: Prisma.Sql) => {
          await tx.$queryRaw`SELECT set_config('enable_seqscan', 'off', true)`;
          const rows = await tx.$queryRaw<Array<{ 'QUERY PLAN': string }>>`EXPLAIN ${statement}`;
          return rows.map((row) => row['QUERY PLAN']).join('\n');
        };
        const withSkill = Prisma.sql`SELECT id FROM ${Prisma.raw(table)} WHERE skills @> ARRAY['Fortran']`;
        const index = new RegExp(`${table}_skills_idx`);
        // The premise of hirematch_${table}_with_skills: under the policy, `@>` (not LEAKPROOF) is no index condition...
        assert.doesNotMatch(await app.get(TenantDatabase).forOrganization(DEFAULT_ORGANIZATION_ID, (tx) => explain(tx, withSkill)), index);
        // ...where the table's owner, whom the policy does not bind (the function runs as it), uses the index.
        assert.match(await app.get(TenantDatabase).asSystem((tx) => explain(tx, withSkill)), index);
      });
    }
  });
}
