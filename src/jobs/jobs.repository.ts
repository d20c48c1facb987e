import { Injectable } from '@nestjs/common';
import { KeywordHit, SearchableTable, VectorHit } from '../database/searchable-table.js';
import { escapeLike, SearchFilters } from '../common/search-filters.js';
import { Job, Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { StoredEmbedding } from '../resumes/resumes.repository.js';
import { ParsedJob } from './jobs.dto.js';

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
}

/** All job persistence; vector SQL goes through the shared EmbeddingStore. */
@Injectable()
export class JobsRepository {
  private readonly search: SearchableTable;

  constructor(private readonly prisma: PrismaClient) {
    this.search = new SearchableTable(prisma, 'jobs');
  }

  create(job: NewJob, embedding: StoredEmbedding | null): Promise<Job> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.job.create({
        data: {
          ...job,
          parsed: job.parsed as unknown as Prisma.InputJsonValue,
          skills: [...new Set([...job.parsed.requiredSkills, ...job.parsed.preferredSkills])],
        },
      });
      if (!embedding) return row;
      await this.search.attachEmbedding(tx, row.id, embedding.vector, embedding.model);
      return { ...row, embeddingStatus: 'ready', embeddingModel: embedding.model };
    });
  }

  findById(organizationId: string, id: string): Promise<Job | null> {
    return this.prisma.job.findFirst({ where: { id, organizationId } });
  }

  findByIds(organizationId: string, ids: string[]): Promise<Job[]> {
    return this.prisma.job.findMany({ where: { organizationId, id: { in: ids } } });
  }

  /** Display fields for search results: title and skills. */
  async describe(organizationId: string, ids: string[]): Promise<Map<string, { label: string | null; skills: string[] }>> {
    const rows = await this.prisma.job.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, title: true, skills: true } });
    return new Map(rows.map((row) => [row.id, { label: row.title, skills: row.skills }]));
  }

  findEmbedding(organizationId: string, id: string): Promise<number[] | null> {
    return this.search.readEmbedding(organizationId, id);
  }

  async list(organizationId: string, limit: number, offset: number): Promise<{ items: Job[]; total: number }> {
    const where = { organizationId };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.job.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: limit, skip: offset }),
      this.prisma.job.count({ where }),
    ]);
    return { items, total };
  }

  async delete(organizationId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.job.deleteMany({ where: { id, organizationId } });
    return count > 0;
  }

  /** Rows without a vector yet, in one organisation or (backfill) in all. */
  countPending(organizationId?: string): Promise<number> {
    return this.prisma.job.count({ where: { ...(organizationId ? { organizationId } : {}), embeddingStatus: { not: 'ready' } } });
  }

  findPendingEmbeddings(limit: number): Promise<Array<{ id: string; content: string }>> {
    return this.prisma.job.findMany({
      where: { embeddingStatus: { not: 'ready' } },
      select: { id: true, content: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
  }

  attachEmbedding(id: string, embedding: StoredEmbedding): Promise<boolean> {
    return this.search.attachEmbedding(this.prisma, id, embedding.vector, embedding.model, true);
  }

  searchByVector(organizationId: string, query: Float32Array, limit: number, filters: SearchFilters = {}): Promise<VectorHit[]> {
    return this.search.nearest(organizationId, query, limit, this.filterSql(filters));
  }

  searchByKeywords(organizationId: string, text: string, limit: number, filters: SearchFilters = {}): Promise<KeywordHit[]> {
    return this.search.keyword(organizationId, text, limit, this.filterSql(filters));
  }

  /** Cosine similarity of `vector` to the stored vectors of `ids`. */
  similarities(organizationId: string, vector: number[], ids: string[]): Promise<Array<{ id: string; similarity: number | null }>> {
    return this.search.similarities(organizationId, vector, ids);
  }

  private filterSql(filters: SearchFilters): Prisma.Sql {
    const conditions: Prisma.Sql[] = [];
    if (filters.skills?.length) conditions.push(Prisma.sql`AND skills @> ${filters.skills}::text[]`);
    if (filters.location) conditions.push(Prisma.sql`AND location ILIKE ${`%${escapeLike(filters.location)}%`}`);
    if (filters.minYears !== undefined) conditions.push(Prisma.sql`AND min_years_experience >= ${filters.minYears}`);
    if (filters.createdAfter) conditions.push(Prisma.sql`AND created_at > ${filters.createdAfter}`);
    return conditions.length ? Prisma.join(conditions, ' ') : Prisma.empty;
  }
}
