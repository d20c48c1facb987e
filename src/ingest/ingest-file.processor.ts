import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { DEFAULT_STATUS, ErrorCode } from '../common/error-codes.js';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { DomainEvents } from '../events/domain-events.js';
import { JobQueue } from '../queue/job-queue.js';
import { ResumesService } from '../resumes/resumes.service.js';
import { IngestByteStore } from './ingest-byte-store.js';
import { FileOutcome, IngestRepository, StartedFile } from './ingest.repository.js';
import { INGEST_FILE_JOB, IngestFileJob, IngestService } from './ingest.service.js';

/** How many unfinished files one start-up enqueues again. */
const RECOVERY_BATCH = 10_000;

/**
 * Turns one stored file into a resume, in whichever process takes the job. A typed document error
 * (the codes a single upload answers with) ends the file `failed` at once; anything unexpected is
 * thrown for the queue to retry with backoff, and ends `failed` with INGEST_FAILED on the last attempt.
 * Idempotent: an ended file is left alone, and a retry whose earlier attempt stored the resume but
 * died before marking the file claims that resume instead of storing another.
 */
@Injectable()
export class IngestFileProcessor implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Ingest');

  constructor(
    private readonly repository: IngestRepository,
    private readonly bytes: IngestByteStore,
    private readonly resumes: ResumesService,
    private readonly ingest: IngestService,
    private readonly queue: JobQueue,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queue.process<IngestFileJob>(INGEST_FILE_JOB, (job, context) => this.process(job, context.attempt));
  }

  /**
   * Files left unfinished by a stopped process: the in-process queue lost its jobs with it, and a
   * BullMQ job may have been lost between storing and enqueueing. Job ids keep each file single.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.workerConcurrency === 0) return;
    try {
      const files = await this.repository.unfinishedFiles(RECOVERY_BATCH);
      for (const file of files)
        await this.ingest.enqueue({ organizationId: file.organizationId, ingestJobId: file.ingestJobId, fileId: file.id });
      if (files.length) this.logger.log(`Enqueued ${files.length} unfinished ingest file(s) again`);
    } catch (error) {
      this.logger.warn(`Ingest recovery skipped: ${error instanceof Error ? error.name : 'error'}`);
    }
  }

  async process(job: IngestFileJob, attempt: number): Promise<void> {
    const { organizationId, ingestJobId } = job;
    const file = await this.repository.startFile(organizationId, job.fileId);
    if (!file) {
      // Ended already, or erased with its organisation: bytes a crash left behind go too.
      await this.bytes.remove(organizationId, [job.fileId]);
      return;
    }
    try {
      const bytes = await this.bytes.read(organizationId, file.id);
      if (!bytes) throw new DomainError(ErrorCode.INGEST_FAILED, 'The uploaded bytes of this file are gone');
      const orphan = file.attempts > 1 ? await this.repository.findOrphanResume(organizationId, file) : null;
      if (orphan) {
        await this.finish(organizationId, file, { status: 'done', resumeId: orphan });
      } else {
        const resume = await this.resumes.upload(
          organizationId,
          { buffer: bytes, originalname: file.fileName ?? undefined },
          { externalId: file.externalId ?? undefined, source: file.source ?? undefined, tags: file.tags.length ? file.tags : undefined },
        );
        const status = resume.outcome === 'duplicate' ? 'duplicate' : 'done';
        await this.finish(organizationId, file, { status, resumeId: resume.id });
      }
    } catch (error) {
      const permanent = isPermanent(error);
      if (!permanent && attempt < this.config.ingestAttempts) {
        this.logger.warn(`Ingest file ${file.id} attempt ${attempt} failed (${describe(error)}); retrying`);
        throw error;
      }
      const failure =
        error instanceof DomainError && permanent
          ? { code: error.code, message: error.message }
          : { code: ErrorCode.INGEST_FAILED, message: `The file could not be processed after ${attempt} attempt(s)` };
      if (!permanent) this.logger.error(`Ingest file ${file.id} failed for good (${describe(error)})`);
      await this.fail(organizationId, file, failure);
    }
    await this.completeIfFinished(organizationId, ingestJobId);
  }

  private async fail(organizationId: string, file: StartedFile, failure: { code: string; message: string }): Promise<void> {
    const ended = await this.finish(organizationId, file, {
      status: 'failed',
      errorCode: failure.code,
      errorMessage: failure.message,
    });
    // The file name may carry a person's name: it goes in the event only, never in a log line.
    if (ended) this.events.publish('resume.failed', { organizationId, ingestJobId: file.ingestJobId, fileName: file.fileName, ...failure });
  }

  /** The outcome committed, the bytes go (after the commit: a failed transaction leaves them for the retry). */
  private async finish(organizationId: string, file: StartedFile, outcome: FileOutcome): Promise<boolean> {
    const ended = await this.repository.finishFile(organizationId, file, outcome);
    await this.bytes.remove(organizationId, [file.id]);
    return ended;
  }

  private async completeIfFinished(organizationId: string, ingestJobId: string): Promise<void> {
    if (!(await this.repository.completeIfFinished(organizationId, ingestJobId))) return;
    const view = await this.ingest.progress(organizationId, ingestJobId);
    this.events.publish('ingest.completed', {
      organizationId,
      ingestJobId,
      total: view.total,
      done: view.done,
      duplicate: view.duplicate,
      failed: view.failed,
    });
  }
}

/** A document the pipeline refuses stays refused: only 5xx/429 codes (dependencies, overload) and unexpected errors are retried. */
function isPermanent(error: unknown): error is DomainError {
  if (!(error instanceof DomainError)) return false;
  const status = DEFAULT_STATUS[error.code];
  return status < 500 && status !== 429 && error.code !== ErrorCode.REQUEST_ABORTED;
}

/** The error's type and code, never its message (which may quote the document). */
function describe(error: unknown): string {
  if (error instanceof DomainError) return error.code;
  return error instanceof Error ? error.name : typeof error;
}
