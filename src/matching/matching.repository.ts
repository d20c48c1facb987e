import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '../database/tenant-database.js';

/** Vector SQL that spans both aggregates. */
@Injectable()
export class MatchingRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** Cosine similarity of the STORED job and resume vectors; null when either has none. */
  async storedSimilarity(organizationId: string, jobId: string, resumeId: string): Promise<number | null> {
    const [row] = await this.db.forOrganization(
      organizationId,
      (tx) => tx.$queryRaw<Array<{ similarity: number | null }>>`
        SELECT 1 - (j.embedding <=> r.embedding) AS similarity
        FROM jobs j, resumes r
        WHERE j.id = ${jobId}::uuid AND r.id = ${resumeId}::uuid
          AND j.organization_id = ${organizationId}::uuid AND r.organization_id = ${organizationId}::uuid`,
    );
    return row?.similarity ?? null;
  }
}
