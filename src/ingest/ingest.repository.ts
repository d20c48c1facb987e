import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '../database/tenant-database.js';
import { IngestFile, IngestJob, Prisma } from '../generated/prisma/client.js';
import type { BulkFile } from './bulk-upload.js';
import type { IngestFileStatus } from './ingest.dto.js';

export interface IngestCounts {
  queued: number;
  processing: number;
  done: number;
  duplicate: number;
  failed: number;
  /** Done files whose resume waits for the model. */
  pending: number;
}

/** A file a worker has taken: what processing it needs. */
export interface StartedFile {
  id: string;
  ingestJobId: string;
  fileName: string | null;
  externalId: string | null;
  source: string | null;
  tags: string[];
  attempts: number;
  startedAt: Date;
}

export interface FileOutcome {
  status: Extract<IngestFileStatus, 'done' | 'duplicate' | 'failed'>;
  resumeId?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
}

/** A file waiting for a worker (queued, or taken by a worker that may have died). */
export interface UnfinishedFile {
  id: string;
  organizationId: string;
  ingestJobId: string;
}

const EMPTY_COUNTS: IngestCounts = { queued: 0, processing: 0, done: 0, duplicate: 0, failed: 0, pending: 0 };

/** Ingest jobs, their files and the bytes waiting for workers; every write that must not be half-done is one transaction. */
@Injectable()
export class IngestRepository {
  constructor(private readonly db: TenantDatabase) {}

  /**
   * The job and its files in one transaction: a job is never stored without its files. Their bytes too
   * when `bytesInTransaction` (the database byte store); else they were written elsewhere before.
   */
  createJob(organizationId: string, files: (BulkFile & { id: string })[], bytesInTransaction: boolean): Promise<IngestJob> {
    return this.db.forOrganization(organizationId, async (tx) => {
      const job = await tx.ingestJob.create({ data: { organizationId, total: files.length } });
      await tx.ingestFile.createMany({
        data: files.map((file, index) => ({
          id: file.id,
          ingestJobId: job.id,
          organizationId,
          index,
          fileName: file.fileName,
          externalId: file.externalId ?? null,
          source: file.source ?? null,
          tags: file.tags ?? [],
        })),
      });
      if (!bytesInTransaction) return job;
      // In slices: one statement per ~8 MiB keeps a 500-file upload from becoming one huge message.
      let slice: Prisma.IngestFileBytesCreateManyInput[] = [];
      let sliceBytes = 0;
      for (const [index, file] of files.entries()) {
        slice.push({ ingestFileId: file.id, organizationId, bytes: new Uint8Array(file.bytes) });
        sliceBytes += file.bytes.length;
        if (sliceBytes > 8 * 1024 * 1024 || index === files.length - 1) {
          await tx.ingestFileBytes.createMany({ data: slice });
          slice = [];
          sliceBytes = 0;
        }
      }
      return job;
    });
  }

  findJob(organizationId: string, id: string): Promise<IngestJob | null> {
    return this.db.forOrganization(organizationId, (tx) => tx.ingestJob.findFirst({ where: { id, organizationId } }));
  }

  /** The job's files in upload order, each with its resume's embedding status. */
  async findFiles(organizationId: string, ingestJobId: string): Promise<(IngestFile & { embeddingStatus: string | null })[]> {
    return this.db.forOrganization(organizationId, async (tx) => {
      const files = await tx.ingestFile.findMany({ where: { ingestJobId, organizationId }, orderBy: { index: 'asc' } });
      const resumeIds = files.map((file) => file.resumeId).filter((id): id is string => id !== null);
      const resumes = resumeIds.length
        ? await tx.resume.findMany({ where: { organizationId, id: { in: resumeIds } }, select: { id: true, embeddingStatus: true } })
        : [];
      const status = new Map(resumes.map((resume) => [resume.id, resume.embeddingStatus as string]));
      return files.map((file) => ({ ...file, embeddingStatus: file.resumeId ? (status.get(file.resumeId) ?? null) : null }));
    });
  }

  async list(organizationId: string, limit: number, offset: number): Promise<{ items: IngestJob[]; total: number }> {
    const where = { organizationId };
    return this.db.forOrganization(organizationId, async (tx) => ({
      items: await tx.ingestJob.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: limit, skip: offset }),
      total: await tx.ingestJob.count({ where }),
    }));
  }

  /** Counts per job, `pending` from the resumes' embedding status (one query for a page of jobs). */
  async counts(organizationId: string, jobIds: string[]): Promise<Map<string, IngestCounts>> {
    if (!jobIds.length) return new Map();
    const rows = await this.db.forOrganization(
      organizationId,
      (tx) => tx.$queryRaw<({ ingest_job_id: string } & Record<keyof IngestCounts, bigint | number>)[]>`
        SELECT f.ingest_job_id::text AS ingest_job_id,
               count(*) FILTER (WHERE f.status = 'queued') AS queued,
               count(*) FILTER (WHERE f.status = 'processing') AS processing,
               count(*) FILTER (WHERE f.status = 'done') AS done,
               count(*) FILTER (WHERE f.status = 'duplicate') AS duplicate,
               count(*) FILTER (WHERE f.status = 'failed') AS failed,
               count(*) FILTER (WHERE f.status = 'done' AND r.embedding_status = 'pending') AS pending
        FROM ingest_files f LEFT JOIN resumes r ON r.id = f.resume_id
        WHERE f.organization_id = ${organizationId}::uuid
          AND f.ingest_job_id IN (${Prisma.join(jobIds.map((id) => Prisma.sql`${id}::uuid`))})
        GROUP BY f.ingest_job_id`,
    );
    const result = new Map<string, IngestCounts>(jobIds.map((id) => [id, { ...EMPTY_COUNTS }]));
    for (const row of rows) {
      result.set(row.ingest_job_id, {
        queued: Number(row.queued),
        processing: Number(row.processing),
        done: Number(row.done),
        duplicate: Number(row.duplicate),
        failed: Number(row.failed),
        pending: Number(row.pending),
      });
    }
    return result;
  }

  /**
   * A worker takes the file: `processing`, one more attempt, the first start kept. Null when the file
   * has ended already (a job run twice) or is gone (its organisation erased).
   */
  async startFile(organizationId: string, fileId: string): Promise<StartedFile | null> {
    return this.db.forOrganization(organizationId, async (tx) => {
      const rows = await tx.$queryRaw<
        {
          id: string;
          ingest_job_id: string;
          file_name: string | null;
          external_id: string | null;
          source: string | null;
          tags: string[];
          attempts: number;
          started_at: Date;
        }[]
      >`
        UPDATE ingest_files SET status = 'processing', attempts = attempts + 1, started_at = COALESCE(started_at, now())
        WHERE id = ${fileId}::uuid AND status IN ('queued', 'processing')
        RETURNING id::text, ingest_job_id::text, file_name, external_id, source, tags, attempts, started_at`;
      const row = rows[0];
      if (!row) return null;
      await tx.$executeRaw`UPDATE ingest_jobs SET updated_at = now() WHERE id = ${row.ingest_job_id}::uuid`;
      return {
        id: row.id,
        ingestJobId: row.ingest_job_id,
        fileName: row.file_name,
        externalId: row.external_id,
        source: row.source,
        tags: row.tags,
        attempts: row.attempts,
        startedAt: row.started_at,
      };
    });
  }

  /** The bytes kept by the database byte store (ingest-byte-store.ts). */
  async fileBytes(organizationId: string, fileId: string): Promise<Buffer | null> {
    const row = await this.db.forOrganization(organizationId, (tx) =>
      tx.ingestFileBytes.findFirst({ where: { ingestFileId: fileId, organizationId } }),
    );
    return row ? Buffer.from(row.bytes) : null;
  }

  /**
   * A resume an earlier attempt of this file stored before its worker died (after the file was first
   * taken, with its name, and claimed by no file): a retry claims it instead of storing a second one.
   */
  async findOrphanResume(organizationId: string, file: StartedFile): Promise<string | null> {
    const rows = await this.db.forOrganization(
      organizationId,
      (tx) => tx.$queryRaw<{ id: string }[]>`
        SELECT r.id::text AS id FROM resumes r
        WHERE r.organization_id = ${organizationId}::uuid
          AND r.file_name IS NOT DISTINCT FROM ${file.fileName}
          AND r.created_at >= ${file.startedAt}
          AND NOT EXISTS (SELECT 1 FROM ingest_files f WHERE f.resume_id = r.id)
        ORDER BY r.created_at, r.id
        LIMIT 1`,
    );
    return rows[0]?.id ?? null;
  }

  /** The file's outcome and the deletion of its bytes row (if any), in one transaction; false when it had ended already. */
  finishFile(organizationId: string, file: { id: string; ingestJobId: string }, outcome: FileOutcome): Promise<boolean> {
    return this.db.forOrganization(organizationId, async (tx) => {
      const changed = await tx.ingestFile.updateMany({
        where: { id: file.id, organizationId, status: { in: ['queued', 'processing'] } },
        data: {
          status: outcome.status,
          resumeId: outcome.resumeId ?? null,
          errorCode: outcome.errorCode ?? null,
          errorMessage: outcome.errorMessage ?? null,
        },
      });
      if (!changed.count) return false;
      await tx.ingestFileBytes.deleteMany({ where: { ingestFileId: file.id } });
      await tx.$executeRaw`UPDATE ingest_jobs SET updated_at = now() WHERE id = ${file.ingestJobId}::uuid`;
      return true;
    });
  }

  /**
   * Marks the job completed when no file is left, in ONE conditional UPDATE: of several workers
   * ending the last files at once, exactly one sees a row come back (and publishes ingest.completed).
   * Run after the file's own transaction has committed, so each worker sees the others' ends.
   */
  async completeIfFinished(organizationId: string, ingestJobId: string): Promise<boolean> {
    const rows = await this.db.forOrganization(
      organizationId,
      (tx) => tx.$queryRaw<{ id: string }[]>`
        UPDATE ingest_jobs SET completed_at = now()
        WHERE id = ${ingestJobId}::uuid AND completed_at IS NULL
          AND NOT EXISTS (
            SELECT 1 FROM ingest_files f WHERE f.ingest_job_id = ${ingestJobId}::uuid AND f.status IN ('queued', 'processing'))
        RETURNING id::text`,
    );
    return rows.length > 0;
  }

  /** Files not yet ended, across organisations (start-up recovery: enqueued again, job ids keep them single). */
  unfinishedFiles(limit: number): Promise<UnfinishedFile[]> {
    return this.db.asSystem(
      (tx) => tx.$queryRaw<UnfinishedFile[]>`
        SELECT id::text AS id, organization_id::text AS "organizationId", ingest_job_id::text AS "ingestJobId"
        FROM ingest_files WHERE status IN ('queued', 'processing')
        ORDER BY created_at, index LIMIT ${limit}`,
    );
  }
}
