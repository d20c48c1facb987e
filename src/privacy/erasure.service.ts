import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context.js';
import { OrganizationsService } from '../auth/organizations.service.js';
import { EmbeddingService } from '../embeddings/embedding.service.js';
import { IngestByteStore } from '../ingest/ingest-byte-store.js';
import { ErasedResume, ResumesRepository } from '../resumes/resumes.repository.js';
import { CandidateIdentity } from './candidate-match.js';

export interface OrganizationErasureReceipt {
  organizationId: string;
  resumes: number;
  jobs: number;
  apiKeys: number;
  /** Cached embeddings deleted. */
  cacheEntries: number;
  deletedAt: Date;
}

export interface ErasureReceipt {
  /** Resumes deleted (row, vector and parsed fields together). */
  resumesErased: number;
  /** Whether the cached vectors of those resumes were deleted too (false: the cache did not answer; they expire with its TTL). */
  cacheCleared: boolean;
  erasedAt: Date;
}

/**
 * The right to erasure: every resume of a person in one organisation goes, with what was derived
 * from it (its vector is on the row; its cached embedding is deleted by key).
 */
@Injectable()
export class ErasureService {
  constructor(
    private readonly resumes: ResumesRepository,
    private readonly embeddings: EmbeddingService,
    private readonly organizations: OrganizationsService,
    private readonly ingestBytes: IngestByteStore,
  ) {}

  /** Deleting an organisation erases all its data: rows (cascade), uploaded files waiting outside the database, and every cached embedding of it. */
  async eraseOrganization(auth: AuthContext, id: string): Promise<OrganizationErasureReceipt> {
    const deleted = await this.organizations.delete(auth, id);
    await this.ingestBytes.removeOrganization(id);
    const cacheEntries = await this.embeddings.forgetOrganization(id);
    return { ...deleted, cacheEntries, deletedAt: new Date() };
  }

  async eraseCandidate(organizationId: string, identity: CandidateIdentity): Promise<ErasureReceipt> {
    const erased = await this.resumes.eraseCandidate(organizationId, identity);
    const cacheCleared = await this.forgetDerived(erased);
    return { resumesErased: erased.length, cacheCleared, erasedAt: new Date() };
  }

  /** Deletes the cached vectors of erased resumes, per organisation. */
  async forgetDerived(erased: ErasedResume[]): Promise<boolean> {
    const byOrganization = new Map<string, string[]>();
    for (const row of erased)
      byOrganization.set(row.organizationId, [...(byOrganization.get(row.organizationId) ?? []), row.embeddingText]);
    let cleared = true;
    for (const [organizationId, texts] of byOrganization) cleared = (await this.embeddings.forget(organizationId, texts)) && cleared;
    return cleared;
  }
}
