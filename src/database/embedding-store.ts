import { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { parseVectorLiteral, toVectorLiteral } from './vector-sql.js';

export type EmbeddedTable = 'resumes' | 'jobs';

export interface VectorHit {
  id: string;
  similarity: number;
}

type Db = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

/**
 * The `embedding vector(384)` column that resumes and jobs share (Prisma cannot model it, so this is
 * raw SQL through tagged templates: values are always parameters; the table name is one of two
 * constants). Distance is cosine `<=>`, which the HNSW `vector_cosine_ops` indexes serve.
 */
export class EmbeddingStore {
  private readonly table: Prisma.Sql;

  constructor(table: EmbeddedTable) {
    this.table = Prisma.raw(`"${table}"`);
  }

  /** Marks a row ready with its vector; `onlyIfPending` makes backfill idempotent. */
  async attach(db: Db, id: string, vector: Float32Array, model: string, onlyIfPending = false): Promise<boolean> {
    const count = await db.$executeRaw`
      UPDATE ${this.table} SET embedding = ${toVectorLiteral(vector)}::vector, embedding_model = ${model},
        embedding_status = 'ready', updated_at = now()
      WHERE id = ${id}::uuid ${onlyIfPending ? Prisma.sql`AND embedding_status <> 'ready'` : Prisma.empty}`;
    return count > 0;
  }

  async read(db: Db, organizationId: string, id: string): Promise<number[] | null> {
    const [row] = await db.$queryRaw<Array<{ embedding: string | null }>>`
      SELECT embedding::text AS embedding FROM ${this.table}
      WHERE id = ${id}::uuid AND organization_id = ${organizationId}::uuid`;
    return row?.embedding ? parseVectorLiteral(row.embedding) : null;
  }

  /** Nearest rows by cosine distance, id as tiebreak; similarity = 1 - distance. */
  nearest(db: Db, organizationId: string, query: Float32Array, limit: number): Promise<VectorHit[]> {
    const vector = toVectorLiteral(query);
    return db.$queryRaw<VectorHit[]>`
      SELECT id::text AS id, 1 - (embedding <=> ${vector}::vector) AS similarity
      FROM ${this.table}
      WHERE organization_id = ${organizationId}::uuid AND embedding IS NOT NULL
      ORDER BY embedding <=> ${vector}::vector, id
      LIMIT ${limit}`;
  }
}
