import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { SearchableRepository, searchSettings, StoredEmbedding } from '../database/searchable-repository.js';
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

/** Resume persistence; vector and full-text search come from SearchableRepository. */
@Injectable()
export class ResumesRepository extends SearchableRepository {
  constructor(prisma: PrismaClient, @Inject(APP_CONFIG) config: AppConfig) {
    super(prisma, 'resumes', 'total_years_experience', searchSettings(config));
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
      await this.writeEmbedding(tx, row.id, embedding.vector, embedding.model);
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
    return new Map(
      rows.map((row) => [row.id, { label: (row.parsed as { name?: string | null }).name ?? row.fileName, skills: row.skills }]),
    );
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
}
