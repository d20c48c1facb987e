import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { PendingEmbeddingRow, SearchableRepository } from '../database/searchable-repository.js';
import { EmbeddingService, EmbeddingUnavailableError } from '../embeddings/embedding.service.js';
import { DomainEvents } from '../events/domain-events.js';
import { JobsRepository } from '../jobs/jobs.repository.js';
import { resumeMatchingText } from '../resumes/matching-text.js';
import type { ParsedResume } from '../resumes/parsing/parsed-resume.js';
import { ResumesRepository } from '../resumes/resumes.repository.js';

export interface BackfillCounts {
  embedded: number;
  /** Still pending after the run. */
  remaining: number;
  /** Given up on: their text failed MAX_EMBEDDING_ATTEMPTS times while the model worked. */
  failed: number;
}

export interface BackfillReport {
  resumes: BackfillCounts;
  jobs: BackfillCounts;
  /** Set when the run stopped early because the model became unavailable. */
  stoppedBecause?: string;
}

const BATCH = 32;

/** The text a stored row is embedded from: what upload embedded, so backfill and upload agree. */
type EmbeddingTextOf = (row: PendingEmbeddingRow) => string;
/** A resume: without its name and contact lines (resumes/matching-text.ts). */
const resumeText: EmbeddingTextOf = (row) => resumeMatchingText(row.content, row.parsed as ParsedResume);
/** A job: its stored content is already title, description and requirements (jobEmbeddingText). */
const jobText: EmbeddingTextOf = (row) => row.content;
/** Failures of one row's own text (the model otherwise working) before it is marked `failed`. */
export const MAX_EMBEDDING_ATTEMPTS = 3;

/**
 * Embeds rows stored as `pending` while the model was unavailable: on demand, when the breaker
 * closes again, and every BACKFILL_INTERVAL_MS. Safe to run on several instances at once (a row
 * is only updated while it is still pending).
 *
 * A text that makes the model throw must not stall the backfill nor open the breaker again and
 * again. So when a batch fails, its rows become suspects (one failed attempt); suspects are retried
 * one at a time outside the breaker, and only after a probe shows the model itself works (during an
 * outage nobody's attempts are counted). A row that fails MAX_EMBEDDING_ATTEMPTS times is `failed`.
 */
@Injectable()
export class EmbeddingBackfillService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EmbeddingBackfillService.name);
  private running: Promise<BackfillReport> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly embeddings: EmbeddingService,
    private readonly resumes: ResumesRepository,
    private readonly jobs: JobsRepository,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.invalidateOtherModels();
    if (this.config.backfillIntervalMs <= 0) return;
    this.embeddings.onRecovered(() => void this.runQuietly());
    this.timer = setInterval(() => void this.runQuietly(), this.config.backfillIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * After MODEL_ID changes, stored vectors come from the previous model and cosine against them
   * means nothing: they go back to pending and are re-embedded. Change MODEL_ID on every instance
   * together, or two instances will keep re-embedding each other's rows.
   */
  async invalidateOtherModels(): Promise<{ resumes: number; jobs: number }> {
    const model = this.embeddings.modelId;
    const counts = {
      resumes: await this.resumes.invalidateEmbeddingsNotFrom(model),
      jobs: await this.jobs.invalidateEmbeddingsNotFrom(model),
    };
    if (counts.resumes || counts.jobs) {
      this.logger.warn(`${counts.resumes} resumes and ${counts.jobs} jobs had vectors from another model than ${model}: re-embedding them`);
    }
    return counts;
  }

  /** One run at a time per instance; concurrent callers share it. `retryFailed` first resets `failed` rows. */
  async run(options: { retryFailed?: boolean } = {}): Promise<BackfillReport> {
    if (options.retryFailed) {
      // Reset after a run in progress, not under it; its outcome belongs to its own callers.
      await this.running?.catch(() => undefined);
      await this.resumes.retryFailedEmbeddings();
      await this.jobs.retryFailedEmbeddings();
    }
    this.running ??= this.backfill().finally(() => (this.running = null));
    return this.running;
  }

  private async runQuietly(): Promise<void> {
    if (!this.embeddings.available) return;
    try {
      const report = await this.run();
      if (report.resumes.embedded || report.jobs.embedded) {
        this.logger.log(`Backfilled ${report.resumes.embedded} resumes and ${report.jobs.embedded} jobs`);
      }
    } catch (error) {
      this.logger.warn(`Backfill failed: ${(error as Error).message}`);
    }
  }

  private async backfill(): Promise<BackfillReport> {
    const report: BackfillReport = { resumes: { embedded: 0, remaining: 0, failed: 0 }, jobs: { embedded: 0, remaining: 0, failed: 0 } };
    try {
      report.resumes.embedded = await this.retrySuspects(this.resumes, resumeText);
      report.jobs.embedded = await this.retrySuspects(this.jobs, jobText);
      report.resumes.embedded += await this.drain(this.resumes, resumeText);
      report.jobs.embedded += await this.drain(this.jobs, jobText);
    } catch (error) {
      if (!(error instanceof EmbeddingUnavailableError)) throw error;
      report.stoppedBecause = error.message;
    }
    for (const [counts, source] of [
      [report.resumes, this.resumes],
      [report.jobs, this.jobs],
    ] as const) {
      const backlog = await source.countEmbeddingBacklog();
      counts.remaining = backlog.pending;
      counts.failed = backlog.failed;
    }
    return report;
  }

  /** Never-failed rows in batches through the breaker; a failed batch makes its rows suspects and ends the run. */
  private async drain(source: SearchableRepository, textOf: EmbeddingTextOf): Promise<number> {
    let embedded = 0;
    for (;;) {
      const rows = await source.findPendingEmbeddings(BATCH);
      if (!rows.length) return embedded;
      let vectors: Float32Array[];
      try {
        vectors = await this.embedAcrossOrganizations(rows, textOf);
      } catch (error) {
        // The model threw (not "unavailable"): one of these texts may be the cause.
        if (error instanceof EmbeddingUnavailableError && error.reason === 'model_error') {
          for (const row of rows) await source.recordEmbeddingFailure(row.id, error.message, MAX_EMBEDDING_ATTEMPTS);
        }
        throw error;
      }
      let progressed = false;
      for (const [i, row] of rows.entries()) {
        if (await this.attach(source, row, vectors[i])) {
          embedded++;
          progressed = true;
        }
      }
      // Another instance took these rows: theirs to finish, stop rather than spin.
      if (!progressed) return embedded;
    }
  }

  /** Stores the vector if the row is still pending, and says the record is ready. */
  private async attach(source: SearchableRepository, row: PendingEmbeddingRow, vector: Float32Array): Promise<boolean> {
    if (!(await source.attachEmbedding(row.id, { vector, model: this.embeddings.modelId }))) return false;
    const { organizationId } = row;
    if (source === this.resumes) this.events.publish('resume.ready', { organizationId, resumeId: row.id });
    else this.events.publish('job.ready', { organizationId, jobId: row.id });
    return true;
  }

  /** Vectors for rows of several organisations, in row order: one batch per organisation (its own cache entries). */
  private async embedAcrossOrganizations(rows: PendingEmbeddingRow[], textOf: EmbeddingTextOf): Promise<Float32Array[]> {
    const vectors = new Array<Float32Array>(rows.length);
    const byOrganization = new Map<string, number[]>();
    rows.forEach((row, i) => byOrganization.set(row.organizationId, [...(byOrganization.get(row.organizationId) ?? []), i]));
    for (const [organizationId, indexes] of byOrganization) {
      const embedded = await this.embeddings.embedBatch(
        organizationId,
        indexes.map((i) => textOf(rows[i])),
        { background: true },
      );
      indexes.forEach((rowIndex, j) => (vectors[rowIndex] = embedded[j]));
    }
    return vectors;
  }

  /** Rows that failed before, one at a time outside the breaker, once a probe shows the model works. */
  private async retrySuspects(source: SearchableRepository, textOf: EmbeddingTextOf): Promise<number> {
    const suspects = await source.findPendingEmbeddings(BATCH, true);
    if (!suspects.length) return 0;
    if (!(await this.embeddings.probe())) {
      throw new EmbeddingUnavailableError('model_error', 'The embedding model fails on a known-good text: not retrying failed rows now');
    }
    let embedded = 0;
    for (const row of suspects) {
      try {
        const vector = await this.embeddings.embedOutsideBreaker(row.organizationId, textOf(row));
        if (await this.attach(source, row, vector)) embedded++;
      } catch (error) {
        if (!(error instanceof EmbeddingUnavailableError)) throw error;
        if ((await source.recordEmbeddingFailure(row.id, error.message, MAX_EMBEDDING_ATTEMPTS)) === 'failed') {
          this.logger.warn(`Gave up embedding row ${row.id} after ${MAX_EMBEDDING_ATTEMPTS} failures: ${error.message}`);
        }
      }
    }
    return embedded;
  }
}
