import { escapeLike, SearchFilters } from '../common/search-filters.js';
import type { AppConfig } from '../config/app-config.js';
import { Prisma } from '../generated/prisma/client.js';
import { TenantDatabase, TenantTx, TransactionSettings } from './tenant-database.js';
import { parseVectorLiteral, toVectorLiteral } from './vector-sql.js';

export type SearchableTableName = 'resumes' | 'jobs';

/**
 * The text search configuration of the stored columns (migration 20261129230004_hyphenated_compounds:
 * english without whole hyphenated compounds, so "month-end" is month, end as "month end" is). A query
 * must go through the same one to meet the stored terms.
 */
export const TEXT_SEARCH_CONFIGURATION = 'hirematch_english';
const textSearchConfiguration = Prisma.raw(`'${TEXT_SEARCH_CONFIGURATION}'`);

export interface VectorHit {
  id: string;
  /** 1 - cosine distance. */
  similarity: number;
}

export interface KeywordHit {
  id: string;
  /** Okapi BM25 score (unbounded, comparable within one query and organisation). */
  bm25: number;
  /** BM25 mapped to 0..1 (bm25 / (bm25 + 1)): same order, a bounded number for responses. */
  rank: number;
  /** Query words found in the row. */
  matchedTerms: string[];
}

/** What a search response shows of a row besides its score. */
export interface RowDescription {
  label: string | null;
  skills: string[];
}

/** The rows' descriptions by id, and how many rows the search skipped for want of a vector. */
export interface DescribedResults {
  details: Map<string, RowDescription>;
  skippedPending: number;
  /** Cosine of the query vector to the rows it was asked for (describeResults' `similarTo`), null where a row has no vector. */
  similarities?: Map<string, number | null>;
}

export interface StoredEmbedding {
  vector: Float32Array;
  model: string;
}

/** How vector and keyword search run (from the app config). */
export interface SearchSettings {
  efSearch: number;
  exactScanMaxRows: number;
  bm25: { k1: number; b: number; maxQueryTerms: number; postingsPerTerm: number; postingsPerQuery: number; rescoredCandidates: number };
}

export function searchSettings(config: AppConfig): SearchSettings {
  return {
    efSearch: config.hnswEfSearch,
    exactScanMaxRows: config.vectorExactScanMaxRows,
    bm25: {
      k1: config.bm25K1,
      b: config.bm25B,
      maxQueryTerms: config.keywordQueryMaxTerms,
      postingsPerTerm: config.bm25PostingsPerTerm,
      postingsPerQuery: config.bm25PostingsPerQuery,
      rescoredCandidates: config.bm25RescoredCandidates,
    },
  };
}

/**
 * Terms of a keyword query: its words (run through TEXT_SEARCH_CONFIGURATION), or given
 * lexemes with how often the query holds each (a stored row's `search_terms`).
 */
export type KeywordQuery =
  | { text: string }
  | {
      terms: Record<string, number>;
      /** The query is this stored row of the same table ("more like this"): a term only it holds can find nothing else. */
      exceptRow?: string;
    };

/** A stored row waiting for its vector: the service turns content and parsed fields into the text to embed. */
export interface PendingEmbeddingRow {
  id: string;
  organizationId: string;
  content: string;
  parsed: unknown;
}

/**
 * What resumes and jobs share: the `embedding vector(384)` and generated `search_vector tsvector`
 * columns, the embedding status, and the search filters. Prisma cannot model those columns, so
 * this is raw SQL through tagged templates: values are always parameters; table and column names
 * are constants of the subclass. Distance is cosine `<=>`, which the HNSW `vector_cosine_ops`
 * indexes serve (`<->` would be L2).
 */
export abstract class SearchableRepository {
  private readonly table: Prisma.Sql;
  private readonly tableName: SearchableTableName;
  private readonly yearsColumn: Prisma.Sql;
  private iterativeScans: Promise<boolean> | null = null;

  protected constructor(
    protected readonly db: TenantDatabase,
    table: SearchableTableName,
    /** The years column the `minYears` filter applies to. */
    yearsColumn: 'total_years_experience' | 'min_years_experience',
    private readonly settings: SearchSettings,
  ) {
    this.tableName = table;
    this.table = Prisma.raw(`"${table}"`);
    this.yearsColumn = Prisma.raw(`"${yearsColumn}"`);
  }

  /** Stores the vector of a row that is still pending (backfill); false if gone or already ready. */
  attachEmbedding(id: string, embedding: StoredEmbedding): Promise<boolean> {
    return this.db.asSystem((tx) => this.writeEmbedding(tx, id, embedding.vector, embedding.model, true));
  }

  /** Marks a row ready with its vector, inside the caller's transaction. */
  protected async writeEmbedding(db: TenantTx, id: string, vector: Float32Array, model: string, onlyIfPending = false): Promise<boolean> {
    const count = await db.$executeRaw`
      UPDATE ${this.table} SET embedding = ${toVectorLiteral(vector)}::vector, embedding_model = ${model},
        embedding_status = 'ready', embedding_attempts = 0, embedding_error = NULL, updated_at = now()
      WHERE id = ${id}::uuid ${onlyIfPending ? Prisma.sql`AND embedding_status = 'pending'` : Prisma.empty}`;
    return count > 0;
  }

  /** Drops a row's vector inside the caller's transaction: pending, for the backfill to embed its new text. */
  protected async clearEmbedding(db: TenantTx, id: string): Promise<void> {
    await db.$executeRaw`
      UPDATE ${this.table} SET embedding = NULL, embedding_model = NULL, embedding_status = 'pending',
        embedding_attempts = 0, embedding_error = NULL, updated_at = now()
      WHERE id = ${id}::uuid`;
  }

  async findEmbedding(organizationId: string, id: string): Promise<number[] | null> {
    const [row] = await this.db.forOrganization(
      organizationId,
      (tx) => tx.$queryRaw<Array<{ embedding: string | null }>>`
        SELECT embedding::text AS embedding FROM ${this.table}
        WHERE id = ${id}::uuid AND organization_id = ${organizationId}::uuid`,
    );
    return row?.embedding ? parseVectorLiteral(row.embedding) : null;
  }

  /**
   * Nearest rows by cosine distance (id breaks ties), with optional filter conditions (`AND ...`).
   * A filter applied AFTER an approximate index scan can starve or skew the result (HNSW hands over
   * its best candidates, the filter drops most of them). So a filtered search picks its strategy:
   * - selective filter (<= VECTOR_EXACT_SCAN_MAX_ROWS rows match): EXACT scan of the matching rows (index
   *   scans off; the GIN/btree filter indexes still narrow them). At 100k rows a 5% filter measured
   *   recall 0.41 through the HNSW iterative scan and is exact this way (BENCHMARKS.md);
   * - broad filter: HNSW with pgvector >= 0.8 iterative scans (strict order) until `limit` rows
   *   pass; on older pgvector, exact as well.
   */
  searchByVector(organizationId: string, query: Float32Array, limit: number, searchFilters: SearchFilters = {}): Promise<VectorHit[]> {
    return this.db.forOrganization(
      organizationId,
      (tx) => this.nearest(tx, organizationId, query, limit, searchFilters),
      this.vectorSettings(limit),
    );
  }

  /**
   * A vector search with what its response shows, in ONE tenant transaction (a transaction costs
   * several round trips; this used to be three): the nearest rows, their labels and skills, and how
   * many rows matching the filters it skipped for want of a vector (leaving out `notSkipped`).
   */
  searchByVectorDescribed(
    organizationId: string,
    query: Float32Array,
    limit: number,
    searchFilters: SearchFilters = {},
    notSkipped: string[] = [],
  ): Promise<DescribedResults & { hits: VectorHit[] }> {
    const filters = this.filterSql(searchFilters);
    return this.db.forOrganization(
      organizationId,
      async (tx) => {
        const hits = await this.nearest(tx, organizationId, query, limit, searchFilters);
        return {
          hits,
          details: await this.describeIn(
            tx,
            organizationId,
            hits.map((hit) => hit.id),
          ),
          skippedPending: await this.countSkippedIn(tx, organizationId, filters, notSkipped),
        };
      },
      this.vectorSettings(limit),
    );
  }

  /**
   * Labels and skills of the rows a search found; unless `skipped` is null (keyword search skips
   * nothing), how many rows matching its filters have no vector, leaving out `skipped.rankedIds`
   * (rows the words found); and, given `similarTo`, the cosine of its vector to the rows of its ids
   * (hybrid search: the hits only the words found). One tenant transaction for all of them.
   */
  describeResults(
    organizationId: string,
    ids: string[],
    skipped: { filters: SearchFilters; rankedIds: string[] } | null,
    similarTo: { vector: ArrayLike<number>; ids: string[] } | null = null,
  ): Promise<DescribedResults> {
    return this.db.forOrganization(organizationId, async (tx) => ({
      details: await this.describeIn(tx, organizationId, ids),
      skippedPending: skipped ? await this.countSkippedIn(tx, organizationId, this.filterSql(skipped.filters), skipped.rankedIds) : 0,
      ...(similarTo?.ids.length ? { similarities: await this.similaritiesIn(tx, organizationId, similarTo.vector, similarTo.ids) } : {}),
    }));
  }

  /** Label and skills of each of `ids` that exists, inside the caller's tenant transaction. */
  protected abstract describeIn(tx: TenantTx, organizationId: string, ids: string[]): Promise<Map<string, RowDescription>>;

  /** `hnsw.ef_search` for a search of `limit` rows: set with the tenant settings, no statement of its own. */
  private vectorSettings(limit: number): TransactionSettings {
    return { 'hnsw.ef_search': String(Math.min(1000, Math.max(this.settings.efSearch, limit * 2))) };
  }

  /** The nearest-rows statement (see searchByVector), inside a tenant transaction that set `vectorSettings`. */
  private async nearest(
    tx: TenantTx,
    organizationId: string,
    query: Float32Array,
    limit: number,
    searchFilters: SearchFilters,
  ): Promise<VectorHit[]> {
    const vector = toVectorLiteral(query);
    let filters = this.filterSql(searchFilters);
    if (filters !== Prisma.empty) {
      // Few enough rows with the skills: an exact scan of those rows (the other filters only narrow
      // them further), read by id. More, and skills are the only filter: the HNSW scan. Else count
      // what passes every filter, a row at a time up to the bound.
      const max = this.settings.exactScanMaxRows;
      const bySkills = !!searchFilters.skills?.length;
      const skilled = await this.rowsWithSkills(tx, searchFilters);
      const onlySkills = !searchFilters.location && searchFilters.minYears === undefined && !searchFilters.createdAfter;
      const exact =
        !(await this.supportsIterativeScans(tx)) ||
        skilled !== null ||
        (!(bySkills && onlySkills) && (await this.countUpTo(tx, organizationId, filters, max + 1)) <= max);
      if (skilled) filters = this.filterSql(searchFilters, skilled);
      // Index scans stay off for the rest of the transaction: the statements after it (labels of the
      // hits, the skipped count) are served by bitmap scans of the same indexes.
      if (exact) await tx.$queryRaw`SELECT set_config('enable_indexscan', 'off', true)`;
      else await tx.$queryRaw`SELECT set_config('hnsw.iterative_scan', 'strict_order', true)`;
    }
    // The inner ORDER BY is the bare distance so the HNSW index can serve it (a second sort key
    // would turn it into a full scan + sort); ties are broken by id on the few rows it returns.
    return tx.$queryRaw<VectorHit[]>`
      SELECT id::text AS id, 1 - distance AS similarity FROM (
        SELECT id, embedding <=> ${vector}::vector AS distance
        FROM ${this.table}
        WHERE organization_id = ${organizationId}::uuid AND embedding IS NOT NULL ${filters}
        ORDER BY embedding <=> ${vector}::vector
        LIMIT ${limit}
      ) nearest
      ORDER BY distance, id`;
  }

  /**
   * Okapi BM25 over the organisation's rows, best first, id as tiebreak. Document frequencies, the
   * document count and the average length are the organisation's own (search_term_stats and
   * search_corpus_stats, kept by triggers in the writing transaction). A long query (a whole resume)
   * keeps its `maxQueryTerms` terms with the highest frequency in the query x IDF, as "more like this"
   * chooses them: the common ones barely move BM25 and would make every row a candidate, and the
   * rarest alone are mostly names, places and typos that the query mentions once (keeping terms by IDF
   * only ranked a resume's colleagues 4-5x worse than plain BM25 on public resumes, issue 14). Every
   * kept term scores as in plain BM25 (the query frequency only chooses). Scores come from the inverted
   * index `search_postings` (one row per row and term).
   *
   * Candidates: without filters, the kept terms are read whole, rarest first, while their postings
   * total at most `postingsPerQuery` (a query within it is exact BM25); the best `rescoredCandidates`
   * rows by those terms then get the other terms' share from their stored terms, so every returned
   * score is exact BM25 over every kept term. When even the rarest term is over the budget, each term
   * contributes its best postings (highest frequency, then shortest rows), its share of the budget, at
   * most `postingsPerTerm`, and the best rows by that are scored the same way. With filters, the
   * candidates are the rows that pass them and hold a kept term, scored exactly. `postingsPerTerm` 0
   * reads every posting (exact BM25 everywhere); `bench:search` measures the agreement.
   */
  searchByKeywords(organizationId: string, query: KeywordQuery, limit: number, searchFilters: SearchFilters = {}): Promise<KeywordHit[]> {
    return this.db.forOrganization(organizationId, (tx) => this.bestByKeywords(tx, organizationId, query, limit, searchFilters));
  }

  /**
   * A keyword search with the labels and skills of what it found, in ONE tenant transaction (keyword
   * search skips no row, so there is no skipped count): a second transaction cost ~3-7 ms at 100k rows.
   */
  searchByKeywordsDescribed(
    organizationId: string,
    query: KeywordQuery,
    limit: number,
    searchFilters: SearchFilters = {},
  ): Promise<DescribedResults & { hits: KeywordHit[] }> {
    return this.db.forOrganization(organizationId, async (tx) => {
      const hits = await this.bestByKeywords(tx, organizationId, query, limit, searchFilters);
      const details = await this.describeIn(
        tx,
        organizationId,
        hits.map((hit) => hit.id),
      );
      return { hits, details, skippedPending: 0 };
    });
  }

  /** The BM25 statement (see searchByKeywords), inside the caller's tenant transaction. */
  private async bestByKeywords(
    tx: TenantTx,
    organizationId: string,
    query: KeywordQuery,
    limit: number,
    searchFilters: SearchFilters,
  ): Promise<KeywordHit[]> {
    const filters = this.filterSql(searchFilters);
    const { k1, b, maxQueryTerms, postingsPerTerm, postingsPerQuery, rescoredCandidates } = this.settings.bm25;
    // (term, frequency in the query): a word repeated in the query weighs more when terms are chosen.
    const queryTerms =
      'text' in query
        ? Prisma.sql`SELECT lexeme AS term, coalesce(array_length(positions, 1), 1) AS qtf FROM unnest(to_tsvector(${textSearchConfiguration}, ${query.text}))`
        : Prisma.sql`SELECT term, qtf FROM unnest(${Object.keys(query.terms)}::text[], ${Object.values(query.terms)}::int[]) AS given(term, qtf)`;
    // Matched terms are worked out for the returned rows only, not for every row that matches: the
    // query's own words for a text (`query_words`: each word with each of its lexemes, computed once),
    // the shared terms for a document used as the query. One join of the returned rows' lexemes
    // that the query holds with them: a per-row, per-word test costs ~1 ms per row.
    const queryWords =
      'text' in query
        ? Prisma.sql`, query_words AS MATERIALIZED (
            SELECT btrim(word, ${'.,;:()[]"\''}) AS word, lexeme
            FROM regexp_split_to_table(${query.text}, ${'\\s+'}) AS word
            CROSS JOIN LATERAL unnest(tsvector_to_array(to_tsvector(${textSearchConfiguration}, word))) AS lexeme
          )`
        : Prisma.empty;
    // Each returned row's lexemes that the query holds: its tsvector with every query lexeme marked
    // (weight A, the rest reset to D) and filtered on the mark, a binary search per query lexeme
    // rather than unpacking every lexeme of the row for the join (~2 ms less for a whole resume).
    const queryLexemes =
      'text' in query
        ? Prisma.sql`(SELECT array_agg(DISTINCT lexeme) FROM query_words)`
        : Prisma.sql`(SELECT array_agg(term) FROM query_terms)`;
    const matched =
      'text' in query
        ? Prisma.sql`SELECT returned.id, array_agg(DISTINCT qw.word) AS terms
          FROM returned CROSS JOIN LATERAL unnest(returned.lexemes) AS held(lexeme)
          JOIN query_words qw ON qw.lexeme = held.lexeme GROUP BY returned.id`
        : Prisma.sql`SELECT returned.id, array_agg(qt.term ORDER BY qt.idf DESC, qt.term) AS terms
          FROM returned CROSS JOIN LATERAL unnest(returned.lexemes) AS held(lexeme)
          JOIN query_terms qt ON qt.term = held.lexeme GROUP BY returned.id`;
    // Okapi BM25 of one term in one row, its constants folded per term (weight = IDF x (k1 + 1)) and
    // per corpus (k1 (1 - b) + k1 b length / avgdl): a long query scores tens of thousands of postings.
    const bm25 = (frequency: Prisma.Sql, length: Prisma.Sql) =>
      Prisma.sql`qt.weight * ${frequency} / (${frequency} + corpus.norm_base + corpus.norm_per_length * ${length})`;
    const exact = postingsPerTerm === 0;
    // Rescoring is exact, so more candidates only buy agreement: with a 20,000-postings budget, 300
    // gave overlap@20 0.995 with exact BM25 and 200 gave 0.980 (100k rows); a long page gets twice its size.
    const candidates = Math.max(limit * 2, rescoredCandidates);
    // Postings read per kept term: NULL all of them, 0 none. Every posting costs about the same
    // (~1 us to read and add to its row's sum, 100k rows), and the rare terms' postings are worth
    // the most (IDF), so the kept terms are read whole rarest first while their postings total at
    // most `postingsPerQuery`: a query within it is exact BM25. The commoner terms past it read
    // nothing; the best candidates by the rare terms get their share from the rows' stored terms.
    // (Reading each term's best postings instead, by frequency then length, found 13 of the 20
    // best rows at 16,000 postings, where rarest first found 18.5: most postings have frequency 1,
    // and then it picks the shortest rows.) When even the rarest term is over the budget (a few common words), each
    // term reads its best postings, its share of the budget, at least `rescoredCandidates` and at
    // most `postingsPerTerm`.
    const cap = exact
      ? Prisma.sql`NULL::int`
      : Prisma.sql`CASE WHEN sum(documents) OVER (ORDER BY documents, term) <= ${postingsPerQuery}::int THEN NULL
          WHEN min(documents) OVER () <= ${postingsPerQuery}::int THEN 0
          ELSE least(${postingsPerTerm}::int, greatest(${rescoredCandidates}::int, ${postingsPerQuery}::int / count(*) OVER ()))::int END`;
    // Unfiltered: the postings read give every row read its score; `whole` is the part from terms
    // read whole, exact. When a term was not read whole, the best `candidates` rows by the partial
    // score get the other terms' share from their `search_terms`, each row's jsonb decompressed once
    // (`|| '{}'` makes an in-memory copy: a lookup straight on the stored value decompressed it
    // again for every term, 3x slower) and looked up by key per term (unpacking every key of
    // every candidate cost ~30 ms for a 4-word query).
    const partial = Prisma.sql`EXISTS (SELECT 1 FROM query_terms WHERE cap < documents)`;
    // Filtered: when at most exactScanMaxRows rows have the filter's skills, the rows to score are
    // those (rowsWithSkills), and the postings join keeps the ones that hold a kept term (100k rows, a
    // 5% skill: p50 54 -> 37 ms). Otherwise every row that passes the filters and holds a query word
    // (`@@`; row-level security keeps it off the full-text index too, so the planner starts from the
    // rare words' postings or tests the rows one by one; reading the words' rows by a lookup like
    // rowsWithSkills was slower for common words, 94 -> 124 ms with half the rows passing).
    const skilled = await this.rowsWithSkills(tx, searchFilters);
    const candidateFilters = skilled ? this.filterSql(searchFilters, skilled) : Prisma.sql`AND t.search_vector @@ q.query ${filters}`;
    const scored =
      filters === Prisma.empty
        ? Prisma.sql`
      candidates AS MATERIALIZED (
        SELECT c.row_id AS id, sum(c.score) AS score, coalesce(sum(c.score) FILTER (WHERE qt.cap IS NULL), 0) AS whole
        FROM query_terms qt CROSS JOIN corpus
        CROSS JOIN LATERAL (
          -- Each posting's BM25 once: both sums read it.
          SELECT p.row_id, ${bm25(Prisma.sql`p.frequency`, Prisma.sql`p.length`)} AS score FROM search_postings p
          WHERE p.organization_id = ${organizationId}::uuid AND p.target = ${this.tableName} AND p.term = qt.term
          ORDER BY p.frequency DESC, p.length
          LIMIT qt.cap
        ) c
        WHERE qt.cap IS DISTINCT FROM 0
        GROUP BY c.row_id
        ORDER BY score DESC, c.row_id
        LIMIT ${candidates}
      ), candidate_terms AS MATERIALIZED (
        SELECT c.id, c.whole, r.search_length AS length, r.search_terms || '{}'::jsonb AS terms
        FROM candidates c JOIN ${this.table} r ON r.id = c.id
        WHERE ${partial}
      ), top AS (
        SELECT id, score FROM (
          SELECT id, score FROM candidates WHERE NOT ${partial}
          UNION ALL
          SELECT ct.id, ct.whole + coalesce((
            SELECT sum(${bm25(Prisma.sql`f.frequency`, Prisma.sql`ct.length`)})
            FROM query_terms qt CROSS JOIN corpus
            CROSS JOIN LATERAL (SELECT (ct.terms ->> qt.term)::float8 AS frequency) f
            WHERE qt.cap IS NOT NULL AND f.frequency IS NOT NULL
          ), 0)
          FROM candidate_terms ct
        ) scored
        ORDER BY score DESC, id
        LIMIT ${limit}
      )`
        : Prisma.sql`
      q AS (
        SELECT string_agg(quote_literal(term), ' | ')::tsquery AS query FROM query_terms
      ), top AS (
        SELECT p.row_id AS id, sum(${bm25(Prisma.sql`p.frequency`, Prisma.sql`p.length`)}) AS score
        FROM ${this.table} t CROSS JOIN q CROSS JOIN corpus
        JOIN search_postings p ON p.target = ${this.tableName} AND p.row_id = t.id
        JOIN query_terms qt ON qt.term = p.term
        WHERE t.organization_id = ${organizationId}::uuid AND q.query IS NOT NULL ${candidateFilters}
        GROUP BY p.row_id
        ORDER BY score DESC, p.row_id
        LIMIT ${limit}
      )`;
    return tx.$queryRaw<KeywordHit[]>`
      WITH corpus AS (
        SELECT n, ${k1}::float8 * (1 - ${b}::float8) AS norm_base, ${k1}::float8 * ${b}::float8 / avgdl AS norm_per_length
        FROM (
          SELECT documents::float8 AS n, GREATEST(total_length::float8 / GREATEST(documents, 1), 1) AS avgdl
          FROM search_corpus_stats WHERE organization_id = ${organizationId}::uuid AND target = ${this.tableName}
        ) stats
      ), query_terms AS MATERIALIZED (
        SELECT term, documents, idf, idf * (${k1}::float8 + 1) AS weight, ${cap} AS cap FROM (
          SELECT s.term, s.documents, ln(1 + (corpus.n - s.documents + 0.5) / (s.documents + 0.5)) AS idf
          FROM (${queryTerms}) q
          -- One index lookup per query term (LIMIT keeps the planner from hashing the organisation's
          -- whole vocabulary instead: 30k rows at 100k resumes).
          CROSS JOIN LATERAL (
            SELECT st.term, st.documents FROM search_term_stats st
            WHERE st.organization_id = ${organizationId}::uuid AND st.target = ${this.tableName} AND st.term = q.term
            LIMIT 1
          ) s
          CROSS JOIN corpus
          ${'exceptRow' in query && query.exceptRow ? Prisma.sql`WHERE s.documents > 1` : Prisma.empty}
          ORDER BY q.qtf * ln(1 + (corpus.n - s.documents + 0.5) / (s.documents + 0.5)) DESC, s.term
          LIMIT ${maxQueryTerms}
        ) kept
      )${queryWords}, ${scored}, returned AS MATERIALIZED (
        SELECT top.id, top.score,
          tsvector_to_array(ts_filter(setweight(setweight(t.search_vector, 'D'), 'A', ${queryLexemes}), '{a}')) AS lexemes
        FROM top JOIN ${this.table} t ON t.id = top.id
      ), matched AS MATERIALIZED (
        ${matched}
      )
      SELECT returned.id::text AS id, returned.score AS bm25, returned.score / (returned.score + 1) AS rank,
        coalesce(matched.terms, '{}') AS "matchedTerms"
      FROM returned LEFT JOIN matched ON matched.id = returned.id
      ORDER BY returned.score DESC, returned.id`;
  }

  /** The terms (lexeme -> frequency) of a stored row, to use it as a keyword query; null when it does not exist. */
  async storedTerms(organizationId: string, id: string): Promise<Record<string, number> | null> {
    const [row] = await this.db.forOrganization(
      organizationId,
      (tx) => tx.$queryRaw<Array<{ terms: Record<string, number> | null }>>`
        SELECT search_terms AS terms FROM ${this.table}
        WHERE id = ${id}::uuid AND organization_id = ${organizationId}::uuid`,
    );
    return row ? (row.terms ?? {}) : null;
  }

  /** The row's terms by weight in BM25 (tf-idf within the organisation), for "more like this". */
  async characteristicTerms(organizationId: string, id: string, count: number): Promise<string[]> {
    const rows = await this.db.forOrganization(
      organizationId,
      (tx) => tx.$queryRaw<Array<{ term: string | null }>>`
      WITH corpus AS (
        SELECT documents::float8 AS n FROM search_corpus_stats WHERE organization_id = ${organizationId}::uuid AND target = ${this.tableName}
      )
      SELECT s.term FROM ${this.table} t
      CROSS JOIN LATERAL jsonb_each_text(t.search_terms) AS tf(term, frequency)
      JOIN search_term_stats s ON s.organization_id = t.organization_id AND s.target = ${this.tableName} AND s.term = tf.term
      CROSS JOIN corpus
      WHERE t.id = ${id}::uuid AND t.organization_id = ${organizationId}::uuid
      ORDER BY tf.frequency::float8 * ln(1 + (corpus.n - s.documents + 0.5) / (s.documents + 0.5)) DESC, s.term
      LIMIT ${count}`,
    );
    return rows.map((row) => row.term!).filter(Boolean);
  }

  /** Cosine similarity of a vector to the stored vectors of `ids` (null where a row has none). */
  similarities(organizationId: string, vector: ArrayLike<number>, ids: string[]): Promise<Map<string, number | null>> {
    return this.db.forOrganization(organizationId, (tx) => this.similaritiesIn(tx, organizationId, vector, ids));
  }

  /** similarities, inside the caller's tenant transaction. */
  private async similaritiesIn(
    tx: TenantTx,
    organizationId: string,
    vector: ArrayLike<number>,
    ids: string[],
  ): Promise<Map<string, number | null>> {
    const rows = await tx.$queryRaw<Array<{ id: string; similarity: number | null }>>`
      SELECT id::text AS id, 1 - (embedding <=> ${toVectorLiteral(vector)}::vector) AS similarity
      FROM ${this.table}
      WHERE organization_id = ${organizationId}::uuid AND id = ANY(${ids}::uuid[])`;
    return new Map(rows.map((row) => [row.id, row.similarity]));
  }

  /** How many rows with a vector pass `filters`, counting no further than `cap`. */
  private async countUpTo(tx: TenantTx, organizationId: string, filters: Prisma.Sql, cap: number): Promise<number> {
    const [row] = await tx.$queryRaw<Array<{ count: number }>>`
      SELECT count(*)::int AS count FROM (
        SELECT 1 FROM ${this.table}
        WHERE organization_id = ${organizationId}::uuid AND embedding IS NOT NULL ${filters}
        LIMIT ${cap}
      ) matching`;
    return row.count;
  }

  /**
   * Turns vectors made by another model back into pending rows (vector dropped), so that no search
   * compares vectors of two models; the backfill then embeds them with `model`. Returns how many.
   */
  invalidateEmbeddingsNotFrom(model: string): Promise<number> {
    return this.db.asSystem(
      (tx) => tx.$executeRaw`
      UPDATE ${this.table} SET embedding = NULL, embedding_model = NULL, embedding_status = 'pending',
        embedding_attempts = 0, embedding_error = NULL, updated_at = now()
      WHERE embedding_status = 'ready' AND embedding_model IS DISTINCT FROM ${model}`,
    );
  }

  /**
   * Counts a failed embedding of a pending row; at `maxAttempts` the row becomes `failed` and the
   * backfill leaves it alone. Returns the row's status afterwards (null when it was not pending).
   */
  async recordEmbeddingFailure(id: string, error: string, maxAttempts: number): Promise<'pending' | 'failed' | null> {
    const [row] = await this.db.asSystem(
      (tx) => tx.$queryRaw<Array<{ status: 'pending' | 'failed' }>>`
      UPDATE ${this.table} SET embedding_attempts = embedding_attempts + 1, embedding_error = ${error.slice(0, 500)},
        embedding_status = CASE WHEN embedding_attempts + 1 >= ${maxAttempts} THEN 'failed' ELSE 'pending' END::"EmbeddingStatus",
        updated_at = now()
      WHERE id = ${id}::uuid AND embedding_status = 'pending'
      RETURNING embedding_status::text AS status`,
    );
    return row?.status ?? null;
  }

  /** Gives every `failed` row a fresh start as `pending` (after a model upgrade, say). Returns how many. */
  retryFailedEmbeddings(): Promise<number> {
    return this.db.asSystem(
      (tx) => tx.$executeRaw`
      UPDATE ${this.table} SET embedding_status = 'pending', embedding_attempts = 0, updated_at = now()
      WHERE embedding_status = 'failed'`,
    );
  }

  /** Rows waiting for the backfill and rows it gave up on, across organisations. */
  async countEmbeddingBacklog(): Promise<{ pending: number; failed: number }> {
    const [row] = await this.db.asSystem(
      (tx) => tx.$queryRaw<Array<{ pending: number; failed: number }>>`
      SELECT count(*) FILTER (WHERE embedding_status = 'pending')::int AS pending,
             count(*) FILTER (WHERE embedding_status = 'failed')::int AS failed
      FROM ${this.table}`,
    );
    return row;
  }

  /**
   * Rows of one organisation that match the filters but have no vector (pending or failed), leaving
   * out `rankedIds` (rows the search found by their words): what a vector search had to skip.
   */
  countSkippedWithoutVector(organizationId: string, searchFilters: SearchFilters = {}, rankedIds: string[] = []): Promise<number> {
    return this.db.forOrganization(organizationId, (tx) =>
      this.countSkippedIn(tx, organizationId, this.filterSql(searchFilters), rankedIds),
    );
  }

  /** countSkippedWithoutVector inside the caller's tenant transaction (the partial `*_without_vector_org_idx` serves it). */
  private async countSkippedIn(tx: TenantTx, organizationId: string, filters: Prisma.Sql, rankedIds: string[]): Promise<number> {
    const [row] = await tx.$queryRaw<Array<{ count: number }>>`
      SELECT count(*)::int AS count FROM ${this.table}
      WHERE organization_id = ${organizationId}::uuid AND embedding IS NULL ${filters}
        AND NOT (id = ANY(${rankedIds}::uuid[]))`;
    return row.count;
  }

  /**
   * Oldest pending rows across organisations (backfill), with what their text to embed is made from:
   * `suspects` are the rows whose embedding already failed at least once, the others have never failed.
   */
  findPendingEmbeddings(limit: number, suspects = false): Promise<PendingEmbeddingRow[]> {
    return this.db.asSystem(
      (tx) => tx.$queryRaw<PendingEmbeddingRow[]>`
      SELECT id::text AS id, organization_id::text AS "organizationId", content, parsed FROM ${this.table}
      WHERE embedding_status = 'pending' AND (embedding_attempts > 0) = ${suspects}
      ORDER BY created_at, id
      LIMIT ${limit}`,
    );
  }

  /**
   * The filters as conditions (`AND ...`). Skills: each row's array is tested, or, given the ids of
   * the rows with them (rowsWithSkills), those rows are read by primary key.
   */
  private filterSql(filters: SearchFilters, withSkills: string[] | null = null): Prisma.Sql {
    const conditions: Prisma.Sql[] = [];
    if (withSkills) conditions.push(Prisma.sql`AND id = ANY(${withSkills}::uuid[])`);
    else if (filters.skills?.length) conditions.push(Prisma.sql`AND skills @> ${filters.skills}::text[]`);
    if (filters.location) conditions.push(Prisma.sql`AND location ILIKE ${`%${escapeLike(filters.location)}%`}`);
    if (filters.minYears !== undefined) conditions.push(Prisma.sql`AND ${this.yearsColumn} >= ${filters.minYears}`);
    if (filters.createdAfter) conditions.push(Prisma.sql`AND created_at > ${filters.createdAfter}`);
    return conditions.length ? Prisma.join(conditions, ' ') : Prisma.empty;
  }

  /**
   * Ids of the organisation's rows with every skill of the filters, when there are at most
   * `exactScanMaxRows` (null when more, or when the filters name no skills). Through the skills
   * index, which row-level security keeps a query's own `@>` off (the operator is not LEAKPROOF):
   * hirematch_<table>_with_skills (migration 20261130050000_skills_lookups) reads it as the table
   * owner, bound to the same tenant setting, and stops at one row over the bound.
   */
  private async rowsWithSkills(tx: TenantTx, filters: SearchFilters): Promise<string[] | null> {
    const { skills } = filters;
    if (!skills?.length) return null;
    const upTo = this.settings.exactScanMaxRows;
    // Over the bound, no ids cross the wire.
    const [{ ids }] = await tx.$queryRaw<Array<{ ids: string[] | null }>>`
      SELECT CASE WHEN count(*) <= ${upTo}::int THEN coalesce(array_agg(id::text), '{}') END AS ids
      FROM ${Prisma.raw(`hirematch_${this.tableName}_with_skills`)}(${skills}::text[], ${upTo + 1}::int) AS found(id)`;
    return ids;
  }

  private supportsIterativeScans(tx: TenantTx): Promise<boolean> {
    this.iterativeScans ??= tx.$queryRaw<Array<{ version: string }>>`
      SELECT extversion AS version FROM pg_extension WHERE extname = 'vector'`.then(([row]) => {
      const [major, minor] = (row?.version ?? '0.0').split('.').map(Number);
      return major > 0 || minor >= 8;
    });
    return this.iterativeScans;
  }
}
