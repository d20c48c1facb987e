import { Injectable } from '@nestjs/common';
import { KeywordHit, SearchableTable, VectorHit } from '../database/searchable-table.js';
import { escapeLike, SearchFilters } from '../common/search-filters.js';
import { Prisma, PrismaClient, Resume } from '../generated/prisma/client.js';
import { ParsedResume } from './parsing/parsed-resume.js';

export interface NewResume {
  organizationId: string;
  fileName: string | null;
  mimeType: string;
  content: string;
  contentSha256: string;
  parsed: ParsedResume;
}

export interface StoredEmbedding {
  vector: Float32Array;
  model: string;
}

/** All resume persistence; vector SQL goes through the shared EmbeddingStore. */
@Injectable()
export class ResumesRepository {
  private readonly search: SearchableTable;

  constructor(private readonly prisma: PrismaClient) {
    this.search = new SearchableTable(prisma, 'resumes');
  }

  /** Row and vector are written in one transaction: a resume is never half-stored. */
  create(resume: NewResume, embedding: StoredEmbedding | null): Promise<Resume> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.resume.create({
        data: {
          organizationId: resume.organizationId,
          fileName: resume.fileName,
          mimeType: resume.mimeType,
          content: resume.content,
          contentSha256: resume.contentSha256,
          parsed: resume.parsed as unknown as Prisma.InputJsonValue,
          skills: resume.parsed.skills.map((skill) => skill.name),
          totalYearsExperience: resume.parsed.totalYearsExperience,
          location: resume.parsed.location,
        },
      });
      if (!embedding) return row;
      await this.search.attachEmbedding(tx, row.id, embedding.vector, embedding.model);
      return { ...row, embeddingStatus: 'ready', embeddingModel: embedding.model };
    });
  }

  findById(organizationId: string, id: string): Promise<Resume | null> {
    return this.prisma.resume.findFirst({ where: { id, organizationId } });
  }

  findByIds(organizationId: string, ids: string[]): Promise<Resume[]> {
    return this.prisma.resume.findMany({ where: { organizationId, id: { in: ids } } });
  }

  /** Display fields for search results: candidate name (or file name) and skills. */
  async describe(organizationId: string, ids: string[]): Promise<Map<string, { label: string | null; skills: string[] }>> {
    const rows = await this.prisma.resume.findMany({
      where: { organizationId, id: { in: ids } },
      select: { id: true, fileName: true, parsed: true, skills: true },
    });
    return new Map(rows.map((row) => [row.id, { label: (row.parsed as { name?: string | null }).name ?? row.fileName, skills: row.skills }]));
  }

  findEmbedding(organizationId: string, id: string): Promise<number[] | null> {
    return this.search.readEmbedding(organizationId, id);
  }

  async list(organizationId: string, limit: number, offset: number): Promise<{ items: Resume[]; total: number }> {
    const where = { organizationId };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.resume.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: limit, skip: offset }),
      this.prisma.resume.count({ where }),
    ]);
    return { items, total };
  }

  async delete(organizationId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.resume.deleteMany({ where: { id, organizationId } });
    return count > 0;
  }

  /** Rows without a vector yet, in one organisation or (backfill) in all. */
  countPending(organizationId?: string): Promise<number> {
    return this.prisma.resume.count({ where: { ...(organizationId ? { organizationId } : {}), embeddingStatus: { not: 'ready' } } });
  }

  findPendingEmbeddings(limit: number): Promise<Array<{ id: string; content: string }>> {
    return this.prisma.resume.findMany({
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
    if (filters.minYears !== undefined) conditions.push(Prisma.sql`AND total_years_experience >= ${filters.minYears}`);
    if (filters.createdAfter) conditions.push(Prisma.sql`AND created_at > ${filters.createdAfter}`);
    return conditions.length ? Prisma.join(conditions, ' ') : Prisma.empty;
  }
}
