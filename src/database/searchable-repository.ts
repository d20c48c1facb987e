import { escapeLike, SearchFilters } from '../common/search-filters.js';
import { Prisma } from '../generated/prisma/client.js';
import { TenantDatabase, TenantTx } from './tenant-database.js';
import { parseVectorLiteral, toVectorLiteral } from './vector-sql.js';

export type SearchableTableName = 'resumes' | 'jobs';

export interface VectorHit {
  id: string;
  /** 1 - cosine distance. */
  similarity: number;
}

export interface KeywordHit {
  id: string;
  /** ts_rank_cd normalised to 0..1 (rank / (rank + 1)). */
  rank: number;
  /** Query words found in the row. */
  matchedTerms: string[];
}

export interface StoredEmbedding {
  vector: Float32Array;
  model: string;
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
  private readonly yearsColumn: Prisma.Sql;
  private iterativeScans: Promise<boolean> | null = null;

  protected constructor(
    protected readonly db: TenantDatabase,
    table: SearchableTableName,
    /** The years column the `minYears` filter applies to. */
    yearsColumn: 'total_years_experience' | 'min_years_experience',
    private readonly vectorSearch: { efSearch: number; exactScanMaxRows: number },
  ) {
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
  async searchByVector(
    organizationId: string,
    query: Float32Array,
    limit: number,
    searchFilters: SearchFilters = {},
  ): Promise<VectorHit[]> {
    const vector = toVectorLiteral(query);
    const filters = this.filterSql(searchFilters);
    const filtered = filters !== Prisma.empty;
    return this.db.forOrganization(organizationId, async (tx) => {
      const exact =
        filtered &&
        (!(await this.supportsIterativeScans(tx)) ||
          (await this.countUpTo(tx, organizationId, filters, this.vectorSearch.exactScanMaxRows + 1)) <=
            this.vectorSearch.exactScanMaxRows);
      if (exact) {
        await tx.$queryRaw`SELECT set_config('enable_indexscan', 'off', true)`;
      } else {
        await tx.$queryRaw`SELECT set_config('hnsw.ef_search', ${String(Math.min(1000, Math.max(this.vectorSearch.efSearch, limit * 2)))}, true)`;
        if (filtered) await tx.$queryRaw`SELECT set_config('hnsw.iterative_scan', 'strict_order', true)`;
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
    });
  }

  /** Full-text hits for any of the query's words (OR), best rank first, id as tiebreak. */
  searchByKeywords(organizationId: string, text: string, limit: number, searchFilters: SearchFilters = {}): Promise<KeywordHit[]> {
    const filters = this.filterSql(searchFilters);
    // Matched terms are worked out for the returned rows only, not for every row that matches.
    return this.db.forOrganization(
      organizationId,
      (tx) => tx.$queryRaw<KeywordHit[]>`
      WITH q AS (SELECT NULLIF(replace(plainto_tsquery('english', ${text})::text, '&', '|'), '')::tsquery AS query),
      top AS (
        SELECT t.id, t.search_vector, ts_rank_cd(t.search_vector, q.query, 32)::float8 AS rank
        FROM ${this.table} t, q
        WHERE t.organization_id = ${organizationId}::uuid AND q.query IS NOT NULL AND t.search_vector @@ q.query ${filters}
        ORDER BY rank DESC, t.id
        LIMIT ${limit}
      )
      SELECT top.id::text AS id, top.rank,
        ARRAY(
          SELECT DISTINCT btrim(word, ${'.,;:()[]"\''})
          FROM regexp_split_to_table(${text}, ${'\\s+'}) AS word
          WHERE tsvector_to_array(to_tsvector('english', word)) && tsvector_to_array(top.search_vector)
        ) AS "matchedTerms"
      FROM top
      ORDER BY top.rank DESC, top.id`,
    );
  }

  /** Cosine similarity of one stored vector to the stored vectors of `ids` (null when either is missing). */
  similarities(organizationId: string, vector: number[], ids: string[]): Promise<Array<{ id: string; similarity: number | null }>> {
    return this.db.forOrganization(
      organizationId,
      (tx) => tx.$queryRaw`
      SELECT id::text AS id, 1 - (embedding <=> ${toVectorLiteral(vector)}::vector) AS similarity
      FROM ${this.table}
      WHERE organization_id = ${organizationId}::uuid AND id = ANY(${ids}::uuid[])`,
    );
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

  /** Rows of one organisation without a vector yet. */
  async countPending(organizationId: string): Promise<number> {
    const [row] = await this.db.forOrganization(
      organizationId,
      (tx) => tx.$queryRaw<Array<{ count: number }>>`
        SELECT count(*)::int AS count FROM ${this.table}
        WHERE embedding_status <> 'ready' AND organization_id = ${organizationId}::uuid`,
    );
    return row.count;
  }

  /**
   * Oldest pending rows across organisations (backfill), with the text to embed: `suspects` are the
   * rows whose embedding already failed at least once, the others have never failed.
   */
  async findPendingEmbeddings(limit: number, suspects = false): Promise<Array<{ id: string; organizationId: string; text: string }>> {
    const rows = await this.db.asSystem(
      (tx) => tx.$queryRaw<Array<{ id: string; organizationId: string; content: string; parsed: unknown }>>`
      SELECT id::text AS id, organization_id::text AS "organizationId", content, parsed FROM ${this.table}
      WHERE embedding_status = 'pending' AND (embedding_attempts > 0) = ${suspects}
      ORDER BY created_at, id
      LIMIT ${limit}`,
    );
    return rows.map((row) => ({ id: row.id, organizationId: row.organizationId, text: this.embeddingTextOf(row) }));
  }

  /** The text a stored row is embedded from (the same at upload and at backfill). */
  protected abstract embeddingTextOf(row: { content: string; parsed: unknown }): string;

  private filterSql(filters: SearchFilters): Prisma.Sql {
    const conditions: Prisma.Sql[] = [];
    if (filters.skills?.length) conditions.push(Prisma.sql`AND skills @> ${filters.skills}::text[]`);
    if (filters.location) conditions.push(Prisma.sql`AND location ILIKE ${`%${escapeLike(filters.location)}%`}`);
    if (filters.minYears !== undefined) conditions.push(Prisma.sql`AND ${this.yearsColumn} >= ${filters.minYears}`);
    if (filters.createdAfter) conditions.push(Prisma.sql`AND created_at > ${filters.createdAfter}`);
    return conditions.length ? Prisma.join(conditions, ' ') : Prisma.empty;
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
