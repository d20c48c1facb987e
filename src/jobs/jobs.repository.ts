import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { RowDescription, SearchableRepository, searchSettings, StoredEmbedding } from '../database/searchable-repository.js';
import { TenantDatabase, TenantTx } from '../database/tenant-database.js';
import { Job, Prisma } from '../generated/prisma/client.js';
import type { ParsedJob } from './parsed-job.js';

export interface NewJob {
  organizationId: string;
  title: string;
  description: string;
  requirements: string;
  location: string | null;
  minYearsExperience: number | null;
  parsed: ParsedJob;
  content: string;
  contentSha256: string;
  externalId: string | null;
}

/** What an update does to the vector: keep it (the embedded text is unchanged), or the new one (null: pending). */
export type EmbeddingChange = 'keep' | StoredEmbedding | null;

/** Job persistence; vector and full-text search come from SearchableRepository. */
@Injectable()
export class JobsRepository extends SearchableRepository {
  constructor(db: TenantDatabase, @Inject(APP_CONFIG) config: AppConfig) {
    super(db, 'jobs', 'min_years_experience', searchSettings(config));
  }

  /** Row and vector are written in one transaction: a job is never half-stored. */
  create(job: NewJob, embedding: StoredEmbedding | null): Promise<Job> {
    return this.db.forOrganization(job.organizationId, async (tx) => {
      const row = await tx.job.create({
        data: {
          ...job,
          parsed: job.parsed as unknown as Prisma.InputJsonValue,
          skills: [...new Set([...job.parsed.requiredSkills, ...job.parsed.preferredSkills])],
        },
      });
      if (!embedding) return row;
      await this.writeEmbedding(tx, row.id, embedding.vector, embedding.model);
      return { ...row, embeddingStatus: 'ready', embeddingModel: embedding.model };
    });
  }

  /**
   * Replaces a job's fields in place, in one transaction with its vector (kept, replaced, or dropped
   * to pending) and, through the triggers, its search postings. Null when the job is gone.
   */
  update(id: string, job: NewJob, embedding: EmbeddingChange): Promise<Job | null> {
    return this.db.forOrganization(job.organizationId, async (tx) => {
      const { count } = await tx.job.updateMany({
        where: { id, organizationId: job.organizationId },
        data: {
          ...job,
          parsed: job.parsed as unknown as Prisma.InputJsonValue,
          skills: [...new Set([...job.parsed.requiredSkills, ...job.parsed.preferredSkills])],
        },
      });
      if (!count) return null;
      if (embedding === null) await this.clearEmbedding(tx, id);
      else if (embedding !== 'keep') await this.writeEmbedding(tx, id, embedding.vector, embedding.model);
      return tx.job.findFirst({ where: { id, organizationId: job.organizationId } });
    });
  }

  findByExternalId(organizationId: string, externalId: string): Promise<Job | null> {
    return this.db.forOrganization(organizationId, (tx) => tx.job.findFirst({ where: { organizationId, externalId } }));
  }

  findById(organizationId: string, id: string): Promise<Job | null> {
    return this.db.forOrganization(organizationId, (tx) => tx.job.findFirst({ where: { id, organizationId } }));
  }

  findByIds(organizationId: string, ids: string[]): Promise<Job[]> {
    return this.db.forOrganization(organizationId, (tx) => tx.job.findMany({ where: { organizationId, id: { in: ids } } }));
  }

  /** Display fields for search results: title and skills. */
  protected async describeIn(tx: TenantTx, organizationId: string, ids: string[]): Promise<Map<string, RowDescription>> {
    const rows = await tx.job.findMany({
      where: { organizationId, id: { in: ids } },
      select: { id: true, title: true, skills: true },
    });
    return new Map(rows.map((row) => [row.id, { label: row.title, skills: row.skills }]));
  }

  async list(organizationId: string, limit: number, offset: number): Promise<{ items: Job[]; total: number }> {
    const where = { organizationId };
    return this.db.forOrganization(organizationId, async (tx) => ({
      items: await tx.job.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: limit, skip: offset }),
      total: await tx.job.count({ where }),
    }));
  }

  async delete(organizationId: string, id: string): Promise<boolean> {
    const { count } = await this.db.forOrganization(organizationId, (tx) => tx.job.deleteMany({ where: { id, organizationId } }));
    return count > 0;
  }
}
