import pLimit from 'p-limit';
import type { components } from '../api/schema.js';
import { ApiError } from './api-error.js';
import { describeError, type DescribedError } from './error-messages.js';

/**
 * `queued`: waiting to be sent, or sent and waiting for a worker; `uploading`: its bytes are being
 * sent; `processing`: the server is reading, parsing and embedding it; then `done` (stored),
 * `duplicate` (the same bytes already are a resume: nothing new stored) or `failed`.
 */
export type UploadStatus = 'queued' | 'uploading' | 'processing' | 'done' | 'duplicate' | 'failed';

/** One file's progress, as the uploader shows it. */
export interface UploadItem {
  /** Position in the selection (stable key). */
  index: number;
  name: string;
  size: number;
  /** Bytes sent so far. */
  loaded: number;
  status: UploadStatus;
  error?: DescribedError;
  /** The stored resume (`done`), or the one already holding these bytes (`duplicate`). */
  resumeId?: string;
  /** A zip the server opened into many resumes: what became of them ("12 files inside: 11 stored, 1 refused"). */
  note?: string;
}

const ENDED: ReadonlySet<UploadStatus> = new Set(['done', 'duplicate', 'failed']);
export const hasEnded = (item: UploadItem): boolean => ENDED.has(item.status);

type IngestJobView = components['schemas']['IngestJobView'];
type IngestFileView = components['schemas']['IngestFileView'];
/** What the console reads of an ingest job (GET /api/v1/ingest-jobs/{id}, and the 202 of the bulk upload). */
export type IngestJob = Pick<IngestJobView, 'id' | 'status'> & {
  files: Array<Pick<IngestFileView, 'index' | 'status' | 'resumeId' | 'error'>>;
};

/** How a selection is cut into bulk requests. */
export interface BatchLimits {
  /** Files per request (the server's INGEST_MAX_FILES is 500 by default). */
  maxFiles: number;
  /** Bytes of files per request (the server's INGEST_MAX_TOTAL_BYTES is 100 MB by default). */
  maxBytes: number;
  /** A file above this (the server's MAX_UPLOAD_BYTES, 10 MB by default) goes alone: the server refuses the whole request. */
  maxFileBytes: number;
}

const MB = 1024 * 1024;
/**
 * Well under the server's default limits: a refused or broken request then costs few files, and
 * the first files are processed while the next batch is still being sent. Lower server limits win
 * (batchLimitsWithin).
 */
export const BATCH_LIMITS: BatchLimits = { maxFiles: 50, maxBytes: 20 * MB, maxFileBytes: 10 * MB };
/** The server's limits of one bulk upload (GET /api/v1/resumes/bulk/limits): an operator may set them lower than the defaults. */
export type ServerBulkLimits = Pick<components['schemas']['BulkUploadLimitsView'], 'maxFiles' | 'maxRequestBytes' | 'maxFileBytes'>;

/** The console's batches within the server's limits: its own (smaller) batch sizes, or the server's where they are lower. */
export function batchLimitsWithin(server: ServerBulkLimits | null): BatchLimits {
  if (!server) return BATCH_LIMITS;
  return {
    maxFiles: Math.max(1, Math.min(BATCH_LIMITS.maxFiles, server.maxFiles)),
    maxBytes: Math.max(1, Math.min(BATCH_LIMITS.maxBytes, server.maxRequestBytes)),
    maxFileBytes: server.maxFileBytes,
  };
}

/** Requests under way at once: the next batch is sent while the server reads the last one. */
export const BATCH_CONCURRENCY = 2;

const isZip = (file: { name?: string }) => /\.zip$/i.test(file.name ?? '');

/**
 * Cuts files into batches (positions, in order) of at most `maxFiles` files and `maxBytes` bytes.
 * A file the server would refuse for its size goes alone, so that its refusal fails only it; so
 * does a zip, which the server opens into many files (its job's files are then its entries).
 */
export function splitBatches(files: ReadonlyArray<{ name?: string; size: number }>, limits: BatchLimits = BATCH_LIMITS): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  const close = () => {
    if (current.length) batches.push(current);
    current = [];
    bytes = 0;
  };
  files.forEach((file, index) => {
    if (file.size > limits.maxFileBytes || file.size > limits.maxBytes || isZip(file)) {
      close();
      batches.push([index]);
      return;
    }
    if (current.length >= limits.maxFiles || bytes + file.size > limits.maxBytes) close();
    current.push(index);
    bytes += file.size;
  });
  close();
  return batches;
}

/** Bytes sent of a request's files, spread over the files in the order they are sent: how far each one is. */
export function spreadProgress(sizes: readonly number[], sent: number): number[] {
  let left = Math.max(0, sent);
  return sizes.map((size) => {
    const loaded = Math.min(size, left);
    left -= loaded;
    return loaded;
  });
}

/** A file's failure in an ingest job, in the console's words (the code is the one a single upload answers with). */
export function describeFileError(error: { code: string; message: string }): DescribedError {
  return describeError(ApiError.fromBody(422, error));
}

/**
 * The state of a batch whose job has other files than were sent (a zip opened into its entries):
 * one state for the whole, stored when any entry was, with the entries' tally as a note.
 */
function summarizeJob(job: IngestJob): Partial<UploadItem> {
  const count = (status: UploadStatus) => job.files.filter((file) => file.status === status).length;
  const [done, duplicate, failed] = [count('done'), count('duplicate'), count('failed')];
  const tally = [`${done} stored`, duplicate && `${duplicate} already stored`, failed && `${failed} refused`].filter(Boolean).join(', ');
  const note = `${job.files.length} files inside: ${tally}`;
  if (job.status !== 'completed') return { status: count('processing') || done + duplicate + failed ? 'processing' : 'queued', note };
  if (done || duplicate) return { status: done ? 'done' : 'duplicate', note, error: undefined };
  const error = job.files.find((file) => file.error)?.error;
  return { status: 'failed', note, error: error ? describeFileError(error) : undefined };
}

/** Sends the batches of a selection and follows what the server does with them (api/upload.ts: XHR, SSE, polling). */
export interface BulkTransport<F> {
  /** POSTs one batch, reporting bytes of its files sent; resolves with the ingest job (202), rejects with an ApiError. */
  send(files: F[], onProgress: (sent: number) => void): Promise<IngestJob>;
  /** Reports the job on every change until it has completed; rejects (with an ApiError) when it cannot follow it. */
  follow(job: IngestJob, onChange: (job: IngestJob) => void): Promise<void>;
}

/**
 * Uploads files through the bulk endpoint, in batches (splitBatches), `concurrency` requests at once,
 * reporting every change of any file as a fresh array (for a view to render): bytes sent, then the
 * ingest job's state of each file. A refused request fails its files with the reason in words; the
 * other batches go on. Resolves when every file has ended.
 */
export async function uploadInBatches<F extends { name: string; size: number }>(
  files: readonly F[],
  transport: BulkTransport<F>,
  onChange: (items: UploadItem[]) => void,
  limits: BatchLimits = BATCH_LIMITS,
  concurrency = BATCH_CONCURRENCY,
): Promise<UploadItem[]> {
  let items: UploadItem[] = files.map((file, index) => ({ index, name: file.name, size: file.size, loaded: 0, status: 'queued' }));
  const update = (changes: Map<number, Partial<UploadItem>>): void => {
    items = items.map((item) => (changes.has(item.index) ? { ...item, ...changes.get(item.index) } : item));
    onChange(items);
  };
  const applyJob = (batch: number[], job: IngestJob): void => {
    const changes = new Map<number, Partial<UploadItem>>();
    if (job.files.length !== batch.length) {
      const summary = summarizeJob(job);
      for (const index of batch) changes.set(index, { loaded: items[index].size, ...summary });
      update(changes);
      return;
    }
    for (const file of job.files) {
      const index = batch[file.index];
      if (index === undefined) continue;
      changes.set(index, {
        loaded: items[index].size,
        status: file.status,
        resumeId: file.resumeId ?? undefined,
        error: file.error ? describeFileError(file.error) : undefined,
      });
    }
    update(changes);
  };
  /** Files of a batch that have not ended get the error (a refused request: all of them). */
  const failUnfinished = (batch: number[], failure: unknown): void => {
    const error = describeError(failure);
    update(new Map(batch.filter((index) => !hasEnded(items[index])).map((index) => [index, { status: 'failed', error }])));
  };

  onChange(items);
  const limit = pLimit(concurrency);
  const following: Promise<void>[] = [];
  await Promise.all(
    splitBatches(files, limits).map((batch) =>
      limit(async () => {
        const sizes = batch.map((index) => files[index].size);
        update(new Map(batch.map((index) => [index, { status: 'uploading' }])));
        let job: IngestJob;
        try {
          job = await transport.send(
            batch.map((index) => files[index]),
            (sent) => {
              const loaded = spreadProgress(sizes, sent);
              update(new Map(batch.map((index, i) => [index, { loaded: loaded[i] }])));
            },
          );
        } catch (failure) {
          failUnfinished(batch, failure);
          return;
        }
        applyJob(batch, job);
        // Followed outside the limit: the next batch is sent while this one is processed.
        following.push(
          job.status === 'completed'
            ? Promise.resolve()
            : transport.follow(job, (next) => applyJob(batch, next)).catch((failure: unknown) => failUnfinished(batch, failure)),
        );
      }),
    ),
  );
  await Promise.all(following);
  return items;
}

export interface OverallProgress {
  /** Bytes sent of all files (a refused file counts as sent: nothing more will be). */
  loaded: number;
  total: number;
  /** Stored as new resumes. */
  done: number;
  /** Already stored (same bytes): nothing new. */
  duplicate: number;
  failed: number;
  /** Every file ended (done, duplicate or failed). */
  finished: boolean;
  /** 0..1 for the overall bar: half for the bytes sent, half for the files the server has ended. */
  fraction: number;
}

export function overallProgress(items: readonly UploadItem[]): OverallProgress {
  const total = items.reduce((sum, item) => sum + item.size, 0);
  const loaded = items.reduce((sum, item) => sum + (item.status === 'failed' ? item.size : item.loaded), 0);
  const count = (status: UploadStatus) => items.filter((item) => item.status === status).length;
  const ended = items.filter(hasEnded).length;
  const fraction = items.length ? (total ? loaded / total : ended / items.length) / 2 + ended / items.length / 2 : 0;
  return {
    loaded,
    total,
    done: count('done'),
    duplicate: count('duplicate'),
    failed: count('failed'),
    finished: ended === items.length,
    fraction,
  };
}
