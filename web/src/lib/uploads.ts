import pLimit from 'p-limit';
import { describeError, type DescribedError } from './error-messages.js';

export type UploadStatus = 'queued' | 'uploading' | 'processing' | 'done' | 'failed';

/** One file's progress, as the uploader shows it. */
export interface UploadItem {
  /** Position in the batch (stable key). */
  index: number;
  name: string;
  size: number;
  /** Bytes sent so far. */
  loaded: number;
  /** `processing`: every byte is sent and the server is reading, parsing and embedding it. */
  status: UploadStatus;
  error?: DescribedError;
  resumeId?: string;
}

/** Sends one file, reporting bytes sent; resolves with the stored resume's id, rejects with an ApiError. */
export type SendFile<F> = (file: F, onProgress: (loaded: number) => void) => Promise<{ id: string }>;

/** How many files are sent at once: enough to overlap upload and server work, few enough to leave room for others. */
export const UPLOAD_CONCURRENCY = 3;

/**
 * Uploads files, at most `concurrency` at a time, reporting every change of any file as a fresh
 * array (for a view to render). One file failing never stops the others. Resolves when all are done.
 */
export async function uploadFiles<F extends { name: string; size: number }>(
  files: readonly F[],
  send: SendFile<F>,
  onChange: (items: UploadItem[]) => void,
  concurrency = UPLOAD_CONCURRENCY,
): Promise<UploadItem[]> {
  let items: UploadItem[] = files.map((file, index) => ({ index, name: file.name, size: file.size, loaded: 0, status: 'queued' }));
  const update = (index: number, change: Partial<UploadItem>): void => {
    items = items.map((item) => (item.index === index ? { ...item, ...change } : item));
    onChange(items);
  };
  onChange(items);
  const limit = pLimit(concurrency);
  await Promise.all(
    files.map((file, index) =>
      limit(async () => {
        update(index, { status: 'uploading' });
        try {
          const stored = await send(file, (loaded) =>
            update(index, { loaded: Math.min(loaded, file.size), status: loaded >= file.size ? 'processing' : 'uploading' }),
          );
          update(index, { loaded: file.size, status: 'done', resumeId: stored.id });
        } catch (error) {
          update(index, { status: 'failed', error: describeError(error) });
        }
      }),
    ),
  );
  return items;
}

export interface OverallProgress {
  /** Bytes sent of all files (a failed file counts as finished: nothing more will be sent). */
  loaded: number;
  total: number;
  done: number;
  failed: number;
  /** Every file done or failed. */
  finished: boolean;
}

export function overallProgress(items: readonly UploadItem[]): OverallProgress {
  const total = items.reduce((sum, item) => sum + item.size, 0);
  const loaded = items.reduce((sum, item) => sum + (item.status === 'failed' ? item.size : item.loaded), 0);
  const done = items.filter((item) => item.status === 'done').length;
  const failed = items.filter((item) => item.status === 'failed').length;
  return { loaded, total, done, failed, finished: done + failed === items.length };
}
