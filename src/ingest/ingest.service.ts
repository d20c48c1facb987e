import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { Page } from '../common/pagination.dto.js';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { IngestJob } from '../generated/prisma/client.js';
import { JobQueue } from '../queue/job-queue.js';
import { assembleBulkFiles, BulkLimits, parseFileMetadata } from './bulk-upload.js';
import { IngestByteStore } from './ingest-byte-store.js';
import { BulkUploadLimitsView, IngestFileStatus, IngestJobView, IngestProgressView } from './ingest.dto.js';
import { IngestCounts, IngestRepository } from './ingest.repository.js';

/** The queue job that turns one stored file into a resume (ingest-file.processor.ts). */
export const INGEST_FILE_JOB = 'ingest.file';

export interface IngestFileJob {
  organizationId: string;
  ingestJobId: string;
  fileId: string;
}

/** Bulk upload: store every file and its bytes (IngestByteStore), answer at once, and let the queue's workers do the rest. */
@Injectable()
export class IngestService {
  constructor(
    private readonly repository: IngestRepository,
    private readonly bytes: IngestByteStore,
    private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get limits(): BulkLimits {
    return {
      maxEntries: this.config.ingestMaxFiles,
      maxEntryBytes: this.config.maxUploadBytes,
      maxTotalBytes: this.config.maxArchiveUncompressedBytes,
      maxRequestBytes: this.config.ingestMaxTotalBytes,
    };
  }

  /** The limits as the API shows them (GET /api/v1/resumes/bulk/limits). */
  limitsView(): BulkUploadLimitsView {
    const { maxEntries, maxEntryBytes, maxTotalBytes, maxRequestBytes } = this.limits;
    return { maxFiles: maxEntries, maxFileBytes: maxEntryBytes, maxRequestBytes, maxInflatedBytes: maxTotalBytes };
  }

  async create(organizationId: string, parts: { buffer: Buffer; originalname?: string }[], metadata?: string): Promise<IngestJobView> {
    const files = assembleBulkFiles(parts, parseFileMetadata(metadata, this.config.ingestMaxFiles), this.limits);
    const stored = files.map((file) => ({ ...file, id: randomUUID() }));
    const fileIds = stored.map((file) => file.id);
    // A directory store writes first: the transaction commits files whose bytes are already there, or nothing.
    await this.bytes.save(organizationId, stored);
    let job: IngestJob;
    try {
      job = await this.repository.createJob(organizationId, stored, this.bytes.inTransaction);
    } catch (error) {
      await this.bytes.remove(organizationId, fileIds);
      throw error;
    }
    // Stored first, enqueued second: a file whose enqueue is lost is found again by the start-up recovery.
    await Promise.all(fileIds.map((fileId) => this.enqueue({ organizationId, ingestJobId: job.id, fileId })));
    return this.get(organizationId, job.id);
  }

  enqueue(job: IngestFileJob): Promise<void> {
    // The file's id as the job id: enqueued twice (recovery), it still runs once at a time.
    return this.queue.add(INGEST_FILE_JOB, job, { jobId: `ingest-${job.fileId}`, attempts: this.config.ingestAttempts, backoffMs: 1_000 });
  }

  async get(organizationId: string, id: string): Promise<IngestJobView> {
    const job = await this.repository.findJob(organizationId, id);
    if (!job) throw DomainError.notFound('Ingest job', id);
    const [counts, files] = await Promise.all([
      this.repository.counts(organizationId, [id]),
      this.repository.findFiles(organizationId, id),
    ]);
    return {
      ...progressView(job, counts.get(id)),
      files: files.map((file) => ({
        index: file.index,
        fileName: file.fileName,
        externalId: file.externalId,
        status: file.status as IngestFileStatus,
        resumeId: file.resumeId,
        embeddingStatus: file.embeddingStatus as 'ready' | 'pending' | 'failed' | null,
        error: file.errorCode ? { code: file.errorCode as ErrorCode, message: file.errorMessage ?? '' } : null,
      })),
    };
  }

  /** Counts only (the progress stream polls this). */
  async progress(organizationId: string, id: string): Promise<IngestProgressView> {
    const job = await this.repository.findJob(organizationId, id);
    if (!job) throw DomainError.notFound('Ingest job', id);
    return progressView(job, (await this.repository.counts(organizationId, [id])).get(id));
  }

  async list(organizationId: string, query: { limit: number; offset: number }): Promise<Page<IngestProgressView>> {
    const { items, total } = await this.repository.list(organizationId, query.limit, query.offset);
    const counts = await this.repository.counts(
      organizationId,
      items.map((job) => job.id),
    );
    return { items: items.map((job) => progressView(job, counts.get(job.id))), total, limit: query.limit, offset: query.offset };
  }
}

function progressView(job: IngestJob, counts: IngestCounts | undefined): IngestProgressView {
  const c = counts ?? { queued: job.total, processing: 0, done: 0, duplicate: 0, failed: 0, pending: 0 };
  const status = job.completedAt ? 'completed' : c.queued === job.total ? 'queued' : 'processing';
  return {
    id: job.id,
    status,
    total: job.total,
    ...c,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    completedAt: job.completedAt,
  };
}
