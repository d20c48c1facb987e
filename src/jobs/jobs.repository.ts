import { Injectable } from '@nestjs/common';
import { EmbeddingStore, VectorHit } from '../database/embedding-store.js';
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
  private readonly embeddings = new EmbeddingStore('jobs');

  constructor(private readonly prisma: PrismaClient) {}

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
      await this.embeddings.attach(tx, row.id, embedding.vector, embedding.model);
      return { ...row, embeddingStatus: 'ready', embeddingModel: embedding.model };
    });
  }

  findById(organizationId: string, id: string): Promise<Job | null> {
    return this.prisma.job.findFirst({ where: { id, organizationId } });
  }

  findByIds(organizationId: string, ids: string[]): Promise<Job[]> {
    return this.prisma.job.findMany({ where: { organizationId, id: { in: ids } } });
  }

  findEmbedding(organizationId: string, id: string): Promise<number[] | null> {
    return this.embeddings.read(this.prisma, organizationId, id);
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
    return this.embeddings.attach(this.prisma, id, embedding.vector, embedding.model, true);
  }

  searchByVector(organizationId: string, query: Float32Array, limit: number): Promise<VectorHit[]> {
    return this.embeddings.nearest(this.prisma, organizationId, query, limit);
  }
}
