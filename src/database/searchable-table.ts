import { Prisma, PrismaClient } from '../generated/prisma/client.js';
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

type Db = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

/**
 * The search columns that resumes and jobs share: `embedding vector(384)` and the generated
 * `search_vector tsvector`. Prisma cannot model them, so this is raw SQL through tagged templates:
 * values are always parameters; the table name is one of two constants. Distance is cosine `<=>`,
 * which the HNSW `vector_cosine_ops` indexes serve (`<->` would be L2).
 */
export class SearchableTable {
  private readonly table: Prisma.Sql;
  private iterativeScans: Promise<boolean> | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    table: SearchableTableName,
  ) {
    this.table = Prisma.raw(`"${table}"`);
  }

  /** Marks a row ready with its vector; `onlyIfPending` makes backfill idempotent. */
  async attachEmbedding(db: Db, id: string, vector: Float32Array, model: string, onlyIfPending = false): Promise<boolean> {
    const count = await db.$executeRaw`
      UPDATE ${this.table} SET embedding = ${toVectorLiteral(vector)}::vector, embedding_model = ${model},
        embedding_status = 'ready', updated_at = now()
      WHERE id = ${id}::uuid ${onlyIfPending ? Prisma.sql`AND embedding_status <> 'ready'` : Prisma.empty}`;
    return count > 0;
  }

  async readEmbedding(organizationId: string, id: string): Promise<number[] | null> {
    const [row] = await this.prisma.$queryRaw<Array<{ embedding: string | null }>>`
      SELECT embedding::text AS embedding FROM ${this.table}
      WHERE id = ${id}::uuid AND organization_id = ${organizationId}::uuid`;
    return row?.embedding ? parseVectorLiteral(row.embedding) : null;
  }

  /**
   * Nearest rows by cosine distance (id breaks ties), with optional filter conditions (`AND ...`).
   * A filter applied AFTER an approximate index scan can starve the result (HNSW hands over its
   * ef_search best candidates, the filter drops most of them). pgvector >= 0.8 keeps scanning
   * until `limit` rows pass (iterative scan, strict order); on older pgvector a filtered search
   * falls back to an exact scan (index scans off) instead of returning too few rows.
   */
  async nearest(organizationId: string, query: Float32Array, limit: number, filters: Prisma.Sql = Prisma.empty): Promise<VectorHit[]> {
    const vector = toVectorLiteral(query);
    const filtered = filters !== Prisma.empty;
    const iterative = await this.supportsIterativeScans();
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('hnsw.ef_search', ${String(Math.min(1000, Math.max(40, limit * 2)))}, true)`;
      if (filtered && iterative) await tx.$queryRaw`SELECT set_config('hnsw.iterative_scan', 'strict_order', true)`;
      if (filtered && !iterative) await tx.$queryRaw`SELECT set_config('enable_indexscan', 'off', true)`;
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
  keyword(organizationId: string, text: string, limit: number, filters: Prisma.Sql = Prisma.empty): Promise<KeywordHit[]> {
    return this.prisma.$queryRaw<KeywordHit[]>`
      WITH q AS (SELECT NULLIF(replace(plainto_tsquery('english', ${text})::text, '&', '|'), '')::tsquery AS query)
      SELECT t.id::text AS id,
        ts_rank_cd(t.search_vector, q.query, 32)::float8 AS rank,
        ARRAY(
          SELECT DISTINCT btrim(word, ${'.,;:()[]"\''})
          FROM regexp_split_to_table(${text}, ${'\\s+'}) AS word
          WHERE tsvector_to_array(to_tsvector('english', word)) && tsvector_to_array(t.search_vector)
        ) AS "matchedTerms"
      FROM ${this.table} t, q
      WHERE t.organization_id = ${organizationId}::uuid AND q.query IS NOT NULL AND t.search_vector @@ q.query ${filters}
      ORDER BY rank DESC, t.id
      LIMIT ${limit}`;
  }

  /** Cosine similarity of one stored vector to the stored vectors of `ids` (null when either is missing). */
  similarities(organizationId: string, vector: number[], ids: string[]): Promise<Array<{ id: string; similarity: number | null }>> {
    return this.prisma.$queryRaw`
      SELECT id::text AS id, 1 - (embedding <=> ${toVectorLiteral(vector)}::vector) AS similarity
      FROM ${this.table}
      WHERE organization_id = ${organizationId}::uuid AND id = ANY(${ids}::uuid[])`;
  }

  private supportsIterativeScans(): Promise<boolean> {
    this.iterativeScans ??= this.prisma.$queryRaw<Array<{ version: string }>>`
      SELECT extversion AS version FROM pg_extension WHERE extname = 'vector'`.then(([row]) => {
      const [major, minor] = (row?.version ?? '0.0').split('.').map(Number);
      return major > 0 || minor >= 8;
    });
    return this.iterativeScans;
  }
}
