import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_ORGANIZATION_ID } from '../../src/common/organization.js';
import { Prisma, PrismaClient } from '../../src/generated/prisma/client.js';
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
        const prisma = app.get(PrismaClient);
        const plan = await prisma.$transaction(async (tx) => {
          // Tiny test tables always favour a table scan; what matters is that the index can serve it.
          await tx.$queryRaw`SELECT set_config('enable_seqscan', 'off', true)`;
          return tx.$queryRaw<Array<{ 'QUERY PLAN': string }>>`
            EXPLAIN SELECT count(*) FROM ${Prisma.raw(table)}
            WHERE embedding IS NULL AND organization_id = ${DEFAULT_ORGANIZATION_ID}::uuid`;
        });
        assert.match(plan.map((row) => row['QUERY PLAN']).join('\n'), new RegExp(`${table}_without_vector_org_idx`));
      });
    }
  });
}
