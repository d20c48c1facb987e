import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OrganizationsService } from '../../src/auth/organizations.service.js';
import { DEFAULT_ORGANIZATION_ID } from '../../src/common/organization.js';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';
import { migrate } from '../../src/database/migrator.js';
import { openSqlConnection } from '../../src/database/sql-connection.js';
import { TenantDatabase, TenantTx } from '../../src/database/tenant-database.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { ResumesRepository } from '../../src/resumes/resumes.repository.js';
import { testBackends } from '../helpers/backends.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

// Words that PostgreSQL's english configuration keeps as they are (no stemming, no stop words), so
// the test can count terms and lengths itself.
const DOCUMENTS = [
  'zebra mango mango kiwi',
  'zebra kiwi kiwi kiwi lemon lemon',
  'mango lemon',
  'kiwi lemon lemon lemon lemon lemon lemon lemon',
  'papaya guava',
];

/** Okapi BM25 with IDF = ln(1 + (N - df + 0.5) / (df + 0.5)), written out independently of the SQL. */
function bm25(documents: string[], query: string[], k1 = 1.2, b = 0.75): Map<number, number> {
  const tokens = documents.map((doc) => doc.split(' '));
  const avgdl = tokens.reduce((sum, doc) => sum + doc.length, 0) / tokens.length;
  const scores = new Map<number, number>();
  tokens.forEach((doc, index) => {
    let score = 0;
    for (const term of new Set(query)) {
      const tf = doc.filter((token) => token === term).length;
      if (!tf) continue;
      const df = tokens.filter((other) => other.includes(term)).length;
      const idf = Math.log(1 + (tokens.length - df + 0.5) / (df + 0.5));
      score += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * doc.length) / avgdl));
    }
    if (score > 0) scores.set(index, score);
  });
  return scores;
}

async function insertResume(prisma: Pick<TenantTx, '$queryRaw'>, organizationId: string, content: string): Promise<string> {
  const [row] = await prisma.$queryRaw<Array<{ id: string }>>`
    INSERT INTO resumes (organization_id, content, content_sha256, parsed, skills, embedding_status)
    VALUES (${organizationId}::uuid, ${content}, md5(${content}), '{}'::jsonb, ARRAY[]::text[], 'pending')
    RETURNING id::text AS id`;
  return row.id;
}

/** The statistics the triggers keep, against a recount from the rows themselves. */
async function statisticsMatchTheRows(prisma: PrismaClient): Promise<void> {
  const kept = await prisma.$queryRaw<Array<{ organization_id: string; term: string; documents: number }>>`
    SELECT organization_id::text, term, documents FROM search_term_stats WHERE target = 'resumes' ORDER BY 1, 2`;
  const recount = await prisma.$queryRaw<Array<{ organization_id: string; term: string; documents: number }>>`
    SELECT organization_id::text, t.term, count(*)::int AS documents
    FROM resumes, jsonb_object_keys(search_terms) AS t(term) GROUP BY 1, 2 ORDER BY 1, 2`;
  assert.deepEqual(kept, recount);
  const corpus = await prisma.$queryRaw<Array<{ organization_id: string; documents: number; total_length: number }>>`
    SELECT organization_id::text, documents, total_length::int FROM search_corpus_stats
    WHERE target = 'resumes' AND documents > 0 ORDER BY 1`;
  const corpusRecount = await prisma.$queryRaw<Array<{ organization_id: string; documents: number; total_length: number }>>`
    SELECT organization_id::text, count(*)::int AS documents, sum(search_length)::int AS total_length FROM resumes GROUP BY 1 ORDER BY 1`;
  assert.deepEqual(corpus, corpusRecount);
  // The inverted index holds one posting per row and term, with the row's frequency and length.
  const postings = await prisma.$queryRaw<Array<{ row_id: string; term: string; frequency: number; length: number }>>`
    SELECT row_id::text, term, frequency, length FROM search_postings WHERE target = 'resumes' ORDER BY 1, 2`;
  const postingsRecount = await prisma.$queryRaw<Array<{ row_id: string; term: string; frequency: number; length: number }>>`
    SELECT id::text AS row_id, tf.key AS term, tf.value::int AS frequency, search_length AS length
    FROM resumes, jsonb_each_text(search_terms) AS tf ORDER BY 1, 2`;
  assert.deepEqual(postings, postingsRecount);
}

for (const backend of testBackends()) {
  describe(`BM25 keyword search on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    let prisma: PrismaClient;
    let otherOrganizationId: string;
    const ids: string[] = [];

    before(async () => {
      app = await startTestApp(await backend.setup());
      http = apiClient(app);
      prisma = app.get(PrismaClient);
      for (const doc of DOCUMENTS) ids.push(await insertResume(prisma, DEFAULT_ORGANIZATION_ID, doc));
      // Another organisation's rows must not move this one's document frequencies or lengths. They are
      // written as the application role under row-level security, so the statistics triggers run as it.
      otherOrganizationId = (await app.get(OrganizationsService).create({ name: 'Other BM25 tenant' })).id;
      for (let i = 0; i < 4; i++) {
        await app
          .get(TenantDatabase)
          .forOrganization(otherOrganizationId, (tx) => insertResume(tx, otherOrganizationId, 'kiwi kiwi kiwi kiwi zebra'));
      }
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    const search = async (query: string) =>
      (await http.post('/api/v1/matching/similarity-search').send({ query, target: 'resumes', mode: 'keyword', limit: 10 }).expect(200))
        .body.results as Array<{ id: string; similarity: number; matchedTerms: string[] }>;

    it('ranks by Okapi BM25 with the organisation’s own document frequencies', async () => {
      for (const query of ['kiwi lemon', 'zebra mango', 'lemon', 'guava kiwi zebra']) {
        const expected = [...bm25(DOCUMENTS, query.split(' ')).entries()].sort((a, b) => b[1] - a[1]);
        const results = await search(query);
        assert.deepEqual(
          results.map((r) => r.id),
          expected.map(([index]) => ids[index]),
          `order for "${query}"`,
        );
        results.forEach((result, i) => {
          const score = expected[i][1];
          assert.ok(Math.abs(result.similarity - score / (score + 1)) < 1e-3, `score of "${query}" #${i + 1}`);
        });
      }
    });

    it('keeps the statistics exact through inserts, updates and deletes, in the writing transaction', async () => {
      await statisticsMatchTheRows(prisma);
      await prisma.$executeRaw`UPDATE resumes SET content = 'papaya papaya kiwi' WHERE id = ${ids[4]}::uuid`;
      await prisma.$executeRaw`UPDATE resumes SET embedding_status = 'failed' WHERE id = ${ids[0]}::uuid`;
      await statisticsMatchTheRows(prisma);
      // A rolled-back write leaves the statistics as they were.
      await assert.rejects(
        prisma.$transaction(async (tx) => {
          await tx.$executeRaw`DELETE FROM resumes WHERE id = ${ids[1]}::uuid`;
          throw new Error('roll back');
        }),
      );
      await statisticsMatchTheRows(prisma);
      const extra = await insertResume(prisma, DEFAULT_ORGANIZATION_ID, 'durian durian kiwi');
      await prisma.$executeRaw`DELETE FROM resumes WHERE id = ${extra}::uuid`;
      await statisticsMatchTheRows(prisma);
      const [gone] = await prisma.$queryRaw<Array<{ count: number }>>`
        SELECT count(*)::int AS count FROM search_term_stats WHERE term = 'durian'`;
      assert.equal(gone.count, 0, 'a word no row holds any more leaves the statistics');
      const updated = [...DOCUMENTS];
      updated[4] = 'papaya papaya kiwi';
      const expected = [...bm25(updated, ['papaya', 'kiwi']).entries()].sort((a, b) => b[1] - a[1]);
      assert.deepEqual(
        (await search('papaya kiwi')).map((r) => r.id),
        expected.map(([index]) => ids[index]),
      );
    });

    it('scores a hyphenated word as its parts: "month-end" as "month end", in the query and in the row', async () => {
      // The english configuration also indexed the compound whole (a term of its own and a position more),
      // so "month-end" met "month-end" better than "month end" (issue 14).
      const organizationId = (await app.get(OrganizationsService).create({ name: 'Hyphenated BM25 tenant' })).id;
      const write = (content: string) =>
        app.get(TenantDatabase).forOrganization(organizationId, (tx) => insertResume(tx, organizationId, content));
      const hyphenated = await write('month-end close ledger');
      const spaced = await write('month end close ledger');
      const other = await write('payroll ledger T-SQL reports');
      const repository = app.get(ResumesRepository);
      assert.deepEqual(await repository.storedTerms(organizationId, hyphenated), await repository.storedTerms(organizationId, spaced));
      const keywordSearch = (text: string) => repository.searchByKeywords(organizationId, { text }, 10);
      const asCompound = await keywordSearch('month-end close');
      const asWords = await keywordSearch('month end close');
      for (const hits of [asCompound, asWords]) {
        assert.deepEqual(hits.map((hit) => hit.id).sort(), [hyphenated, spaced].sort());
        assert.ok(Math.abs(hits[0].bm25 - hits[1].bm25) < 1e-9, 'either way of writing it scores the same');
      }
      assert.ok(Math.abs(asCompound[0].bm25 - asWords[0].bm25) < 1e-9, 'either way of asking scores the same');
      assert.deepEqual(asCompound[0].matchedTerms.sort(), ['close', 'month-end']);
      // Still found by their parts.
      assert.deepEqual((await keywordSearch('end')).map((hit) => hit.id).sort(), [hyphenated, spaced].sort());
      assert.deepEqual(
        (await keywordSearch('SQL')).map((hit) => hit.id),
        [other],
      );
      await statisticsMatchTheRows(prisma);
    });
  });
}

// 20261129230004_hyphenated_compounds re-creates the generated columns; a table rewrite fires no
// trigger, so the migration itself must leave the statistics and postings of the rows already stored exact.
for (const backend of testBackends()) {
  describe(`an existing database migrating to hirematch_english on ${backend.name}`, () => {
    const migrations = resolve(import.meta.dirname, '..', '..', '..', 'prisma', 'migrations');
    const earlier = mkdtempSync(join(tmpdir(), 'hirematch-migrations-'));
    let pgliteDir: string | null = null;
    let app: INestApplication | undefined;

    after(async () => {
      await app?.close();
      await backend.teardown();
      rmSync(earlier, { recursive: true, force: true });
      if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
    });

    it('rebuilds the statistics and postings of the stored rows from their new terms', async () => {
      for (const name of readdirSync(migrations).filter((entry) => entry < '20261129230004')) {
        cpSync(join(migrations, name), join(earlier, name), { recursive: true });
      }
      const overrides = await backend.setup();
      // PGlite in memory would not outlive the connection: the app must open the same database.
      if (!overrides.databaseUrl) overrides.pgliteDataDir = pgliteDir = mkdtempSync(join(tmpdir(), 'hirematch-pglite-'));
      const connection = await openSqlConnection({ ...loadConfig({}), ...overrides });
      try {
        await migrate(connection, earlier);
        for (const content of DOCUMENTS.concat('month-end close ledger', 'month end close', 'T-SQL month-end')) {
          await connection.query(
            `INSERT INTO resumes (organization_id, content, content_sha256, parsed, skills, embedding_status)
             VALUES ($1::uuid, $2, md5($2), '{}'::jsonb, ARRAY[]::text[], 'pending')`,
            [DEFAULT_ORGANIZATION_ID, content],
          );
        }
        const [before] = await connection.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM search_postings WHERE term = 'month-end'`,
        );
        assert.equal(before.count, 2, 'the earlier configuration stored the compound whole');
      } finally {
        await connection.close();
      }
      app = await startTestApp(overrides);
      const prisma = app.get(PrismaClient);
      await statisticsMatchTheRows(prisma);
      const [compounds] = await prisma.$queryRaw<Array<{ count: number }>>`
        SELECT (SELECT count(*) FROM search_postings WHERE term LIKE '%-%') + (SELECT count(*) FROM search_term_stats WHERE term LIKE '%-%')
          + (SELECT count(*) FROM resumes WHERE search_terms ? 'month-end') AS count`;
      assert.equal(Number(compounds.count), 0, 'no compound left in the rows, the statistics or the postings');
      const hits = await app.get(ResumesRepository).searchByKeywords(DEFAULT_ORGANIZATION_ID, { text: 'month-end close' }, 10);
      assert.equal(hits.length, 3);
    });
  });
}

describe('BM25 with a capped query', () => {
  let app: INestApplication;

  before(async () => {
    app = await startTestApp({ databaseUrl: null, pgliteDataDir: 'memory://', redisUrl: null, keywordQueryMaxTerms: 1 });
  });

  after(() => app?.close());

  const ids: string[] = [];
  const keywordSearch = async (query: string) =>
    (
      await apiClient(app)
        .post('/api/v1/matching/similarity-search')
        .send({ query, target: 'resumes', mode: 'keyword', limit: 10 })
        .expect(200)
    ).body.results.map((r: { id: string }) => r.id) as string[];

  it('keeps the rarest terms of a long query', async () => {
    const prisma = app.get(PrismaClient);
    for (const doc of DOCUMENTS) ids.push(await insertResume(prisma, DEFAULT_ORGANIZATION_ID, doc));
    // 'kiwi' is in 3 of 5 documents, 'guava' in 1: with one term kept, only guava's document matches.
    assert.deepEqual(await keywordSearch('kiwi guava'), [ids[4]]);
  });

  it('keeps the terms with the highest frequency in the query x IDF, not the rarest alone', async () => {
    // kiwi: 3 x ln(1 + 2.5 / 3.5) = 1.62 beats guava: 1 x ln(1 + 4.5 / 1.5) = 1.39, so kiwi is the term
    // kept, and the documents holding kiwi come back in BM25 order of kiwi alone.
    const expected = [...bm25(DOCUMENTS, ['kiwi']).entries()].sort((a, b) => b[1] - a[1]).map(([index]) => ids[index]);
    assert.equal(expected.length, 3);
    assert.deepEqual(await keywordSearch('kiwi kiwi kiwi guava'), expected);
  });

  it('"more like this" skips the terms only the record itself holds', async () => {
    // quince is only in this record: kept (it is the rarest) it would find nothing but the record.
    const own = await insertResume(app.get(PrismaClient), DEFAULT_ORGANIZATION_ID, 'quince lemon');
    const res = await apiClient(app).post(`/api/v1/resumes/${own}/similar`).send({ mode: 'keyword', limit: 10 }).expect(200);
    const found = res.body.results.map((r: { id: string }) => r.id) as string[];
    const withLemon = [1, 2, 3].map((index) => ids[index]);
    assert.deepEqual([...found].sort(), [...withLemon].sort());
  });
});

/** An app on in-memory PGlite with `settings`, holding DOCUMENTS as resumes of the default organisation (`ids` in their order). */
async function appWithDocuments(settings: Partial<AppConfig>): Promise<{ app: INestApplication; ids: string[] }> {
  const app = await startTestApp({ databaseUrl: null, pgliteDataDir: 'memory://', redisUrl: null, ...settings });
  const ids: string[] = [];
  for (const doc of DOCUMENTS) ids.push(await insertResume(app.get(PrismaClient), DEFAULT_ORGANIZATION_ID, doc));
  return { app, ids };
}

describe('BM25 when even the rarest query term is over the postings budget', () => {
  let app: INestApplication;
  let ids: string[] = [];

  before(async () => {
    // A budget of 1 posting: a term found in 2 or more rows is over it on its own.
    ({ app, ids } = await appWithDocuments({
      bm25PostingsPerTerm: 1,
      bm25PostingsPerQuery: 1,
    }));
  });

  after(() => app?.close());

  /** Results of `query`, against exact BM25 over every query term for `readRows` only. */
  const assertReads = (query: string, readRows: number[]) => assertKeywordResults(app, ids, query, readRows);

  it("reads each term's best postings, and scores the rows they find exactly", async () => {
    // kiwi and lemon are in 3 rows each: each reads its 1 best posting (highest frequency, then the
    // shorter row): kiwi -> #1 (3 of 6 words), lemon -> #3 (7 of 8). #0 and #2 hold them once: not read.
    await assertReads('kiwi lemon', [1, 3]);
  });

  it('reads a term that fits the budget whole, and the others only for the rows it finds', async () => {
    // guava (1 row) fits: read whole; kiwi and zebra then read nothing, and #4 gets their share (none).
    await assertReads('guava kiwi zebra', [4]);
  });
});

describe('BM25 with a postings budget per query', () => {
  let app: INestApplication;
  let ids: string[] = [];

  before(async () => {
    // 3 postings per query in all, read rarest term first.
    ({ app, ids } = await appWithDocuments({
      bm25PostingsPerQuery: 3,
      bm25RescoredCandidates: 1,
    }));
  });

  after(() => app?.close());

  const assertReads = (query: string, readRows: number[]) => assertKeywordResults(app, ids, query, readRows);

  it('reads every posting of a query within the budget: exact BM25', async () => {
    // kiwi holds 3 postings: all read.
    await assertReads('kiwi', [0, 1, 3]);
  });

  it('reads the rarest terms whole within the budget; the rows they find get the other terms from their stored terms', async () => {
    // kiwi (3 rows, then lemon by name) fills the budget; lemon is read for kiwi's rows only. #2 (mango lemon) is not found.
    await assertReads('kiwi lemon', [0, 1, 3]);
    // guava (1) and zebra (2) fill it; kiwi is added to their rows (#0 and #1 hold it). #3 (kiwi, lemon) is not found.
    await assertReads('guava kiwi zebra', [0, 1, 4]);
  });
});

/** `query`'s keyword results are exactly the rows `readRows`, in exact BM25 order (every query term), with exact scores. */
async function assertKeywordResults(app: INestApplication, ids: string[], query: string, readRows: number[]): Promise<void> {
  const res = await apiClient(app)
    .post('/api/v1/matching/similarity-search')
    .send({ query, target: 'resumes', mode: 'keyword', limit: 10 })
    .expect(200);
  const expected = [...bm25(DOCUMENTS, query.split(' ')).entries()]
    .filter(([index]) => readRows.includes(index))
    .sort((a, b) => b[1] - a[1]);
  const results = res.body.results as Array<{ id: string; similarity: number }>;
  assert.deepEqual(
    results.map((r) => r.id),
    expected.map(([index]) => ids[index]),
    `rows found for "${query}"`,
  );
  results.forEach((result, i) => {
    const score = expected[i][1];
    assert.ok(
      Math.abs(result.similarity - score / (score + 1)) < 1e-3,
      `score of "${query}" #${i + 1} is exact BM25 over every query term`,
    );
  });
}
