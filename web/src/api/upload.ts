import { ApiError } from '../lib/api-error.js';
import { createSseParser } from '../lib/sse.js';
import {
  batchLimitsWithin,
  uploadInBatches,
  type BulkTransport,
  type IngestJob,
  type ServerBulkLimits,
  type UploadItem,
} from '../lib/uploads.js';

/** How often the job is read when its progress stream is not available. */
const POLL_MS = 500;
/** Failed reads of the job (server unreachable, 5xx) tolerated in a row before its files are given up. */
const POLL_RETRIES = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POST /api/v1/resumes/bulk with one batch (multipart field `files`). XMLHttpRequest rather than
 * fetch: only it reports upload progress in browsers. The multipart body is a little larger than the
 * files, so progress is scaled to their bytes.
 */
function sendBatch(apiKey: string, files: File[], onProgress: (sent: number) => void): Promise<IngestJob> {
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/v1/resumes/bulk');
    request.setRequestHeader('Authorization', `Bearer ${apiKey}`);
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.floor((event.loaded / event.total) * bytes));
    };
    request.upload.onload = () => onProgress(bytes);
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) resolve(request.response as IngestJob);
      else reject(ApiError.fromBody(request.status, request.response));
    };
    request.onerror = () => reject(new ApiError(0));
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    request.send(form);
  });
}

async function getJob(apiKey: string, id: string): Promise<IngestJob> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/ingest-jobs/${id}`, { headers: { Authorization: `Bearer ${apiKey}` } });
  } catch {
    throw new ApiError(0);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw ApiError.fromBody(response.status, body);
  return body as IngestJob;
}

/**
 * Reads the job's progress stream (GET .../events, Server-Sent Events) with fetch, since EventSource
 * cannot send the Authorization header. The events carry counts only: on each, the job is read again
 * for the state of every file. Resolves at the `completed` event; rejects if the stream fails or ends early.
 */
async function streamJob(apiKey: string, id: string, onChange: (job: IngestJob) => void): Promise<void> {
  const response = await fetch(`/api/v1/ingest-jobs/${id}/events`, {
    headers: { Authorization: `Bearer ${apiKey}`, Accept: 'text/event-stream' },
  });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw ApiError.fromBody(response.status, null);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parse = createSseParser();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('The progress stream ended before the job completed');
      for (const event of parse(value)) {
        if (event.event !== 'progress' && event.event !== 'completed') continue;
        const job = await getJob(apiKey, id);
        onChange(job);
        if (job.status === 'completed') return;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** Follows a job to its end: by its progress stream, else (a proxy that buffers it, a server restart) by polling. */
async function followJob(apiKey: string, job: IngestJob, onChange: (job: IngestJob) => void): Promise<void> {
  try {
    await streamJob(apiKey, job.id, onChange);
    return;
  } catch {
    // Polling below reads the same state.
  }
  let failures = 0;
  for (;;) {
    try {
      const current = await getJob(apiKey, job.id);
      failures = 0;
      onChange(current);
      if (current.status === 'completed') return;
    } catch (error) {
      // A refusal (401, 404) is final; an unreachable or failing server may come back.
      if (!(error instanceof ApiError) || (error.status !== 0 && error.status < 500) || ++failures > POLL_RETRIES) throw error;
    }
    await sleep(POLL_MS);
  }
}

/**
 * How the console sends resumes: POST /api/v1/resumes/bulk in batches (lib/uploads.ts cuts them and
 * keeps the per-file state), each followed through its ingest job. The views only see UploadItems.
 */
export async function uploadResumes(apiKey: string, files: File[], onChange: (items: UploadItem[]) => void): Promise<UploadItem[]> {
  const transport: BulkTransport<File> = {
    send: (batch, onProgress) => sendBatch(apiKey, batch, onProgress),
    follow: (job, onJobChange) => followJob(apiKey, job, onJobChange),
  };
  return uploadInBatches(files, transport, onChange, batchLimitsWithin(await serverLimits(apiKey)));
}

/** The server's bulk limits, read for each upload (an operator may have changed them); null when they cannot be read (the defaults then). */
async function serverLimits(apiKey: string): Promise<ServerBulkLimits | null> {
  try {
    const response = await fetch('/api/v1/resumes/bulk/limits', { headers: { Authorization: `Bearer ${apiKey}` } });
    return response.ok ? ((await response.json()) as ServerBulkLimits) : null;
  } catch {
    return null;
  }
}
