import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from './api-error.js';
import {
  BATCH_LIMITS,
  batchLimitsWithin,
  overallProgress,
  splitBatches,
  spreadProgress,
  uploadInBatches,
  type BulkTransport,
  type IngestJob,
  type UploadItem,
} from './uploads.js';

type TestFile = { name: string; size: number };
const LIMITS = { maxFiles: 3, maxBytes: 1000, maxFileBytes: 500 };
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('splitBatches', () => {
  it('cuts a selection into batches of at most maxFiles files and maxBytes bytes, in order', () => {
    const sizes = [100, 100, 100, 100, 400, 400, 300, 10];
    assert.deepEqual(
      splitBatches(
        sizes.map((size) => ({ size })),
        LIMITS,
      ),
      [
        [0, 1, 2],
        [3, 4, 5],
        [6, 7],
      ],
    );
  });

  it('sends a file the server would refuse for its size alone, so that only it fails', () => {
    const sizes = [10, 600, 10, 5000, 10];
    assert.deepEqual(
      splitBatches(
        sizes.map((size) => ({ size })),
        LIMITS,
      ),
      [[0], [1], [2], [3], [4]],
    );
    assert.deepEqual(splitBatches([]), []);
    assert.deepEqual(
      splitBatches(
        [
          { name: 'a.pdf', size: 1 },
          { name: 'many.ZIP', size: 1 },
          { name: 'b.txt', size: 1 },
        ],
        LIMITS,
      ),
      [[0], [1], [2]],
      'a zip goes alone: the server opens it into many files',
    );
  });
});

describe('batchLimitsWithin', () => {
  const MB = 1024 * 1024;

  it("keeps the console's batch sizes under the server's defaults, and takes the server's per-file limit", () => {
    assert.deepEqual(batchLimitsWithin({ maxFiles: 500, maxRequestBytes: 100 * MB, maxFileBytes: 10 * MB }), BATCH_LIMITS);
    assert.deepEqual(batchLimitsWithin({ maxFiles: 500, maxRequestBytes: 100 * MB, maxFileBytes: 25 * MB }), {
      ...BATCH_LIMITS,
      maxFileBytes: 25 * MB,
    });
  });

  it("cuts batches to a server's lower limits, so that none is refused for its size", () => {
    const limits = batchLimitsWithin({ maxFiles: 2, maxRequestBytes: 3 * MB, maxFileBytes: 2 * MB });
    assert.deepEqual(limits, { maxFiles: 2, maxBytes: 3 * MB, maxFileBytes: 2 * MB });
    const sizes = [1, 1, 1, 2 * MB, 2 * MB, 3 * MB, 1].map((size) => ({ size }));
    assert.deepEqual(splitBatches(sizes, limits), [[0, 1], [2, 3], [4], [5], [6]]);
  });

  it('falls back to its own limits when the server did not say', () => {
    assert.deepEqual(batchLimitsWithin(null), BATCH_LIMITS);
  });
});

describe('spreadProgress', () => {
  it('maps bytes sent onto the files in the order they are sent', () => {
    assert.deepEqual(spreadProgress([100, 50, 200], 0), [0, 0, 0]);
    assert.deepEqual(spreadProgress([100, 50, 200], 120), [100, 20, 0]);
    assert.deepEqual(spreadProgress([100, 50, 200], 10_000), [100, 50, 200]);
  });
});

/** A transport whose requests and jobs the test drives by hand. */
function manualTransport() {
  const sent: Array<{ names: string[]; progress: (sent: number) => void; resolve: (job: IngestJob) => void; reject: (e: Error) => void }> =
    [];
  const followed = new Map<string, { change: (job: IngestJob) => void; resolve: () => void; reject: (e: Error) => void }>();
  const transport: BulkTransport<TestFile> = {
    send: (files, onProgress) =>
      new Promise((resolve, reject) => sent.push({ names: files.map((file) => file.name), progress: onProgress, resolve, reject })),
    follow: (job, onChange) => new Promise((resolve, reject) => followed.set(job.id, { change: onChange, resolve, reject })),
  };
  return { transport, sent, followed };
}

const job = (id: string, status: IngestJob['status'], files: Array<Partial<IngestJob['files'][number]>>): IngestJob => ({
  id,
  status,
  files: files.map((file, index) => ({ index, status: 'queued', resumeId: null, error: null, ...file })),
});

describe('uploadInBatches', () => {
  it('sends batches two at a time, moves each file’s bar with the bytes sent, then follows the ingest job file by file', async () => {
    const files: TestFile[] = [100, 100, 100, 100, 100].map((size, i) => ({ name: `f${i}.pdf`, size }));
    const { transport, sent, followed } = manualTransport();
    let latest: UploadItem[] = [];
    const finished = uploadInBatches(files, transport, (items) => (latest = items), { ...LIMITS, maxFiles: 2 }, 2);
    await tick();
    assert.deepEqual(
      sent.map((request) => request.names),
      [
        ['f0.pdf', 'f1.pdf'],
        ['f2.pdf', 'f3.pdf'],
      ],
      'two requests at once',
    );
    assert.deepEqual(
      latest.map((item) => item.status),
      ['uploading', 'uploading', 'uploading', 'uploading', 'queued'],
    );
    sent[0].progress(150);
    assert.deepEqual(
      latest.slice(0, 2).map((item) => item.loaded),
      [100, 50],
    );

    sent[0].resolve(job('job-a', 'queued', [{}, {}]));
    await tick();
    assert.deepEqual(
      latest.slice(0, 2).map((item) => [item.status, item.loaded]),
      [
        ['queued', 100],
        ['queued', 100],
      ],
      'sent, waiting for a worker',
    );
    assert.deepEqual(sent[2].names, ['f4.pdf'], 'the next batch goes while the first is processed');
    followed.get('job-a')!.change(job('job-a', 'processing', [{ status: 'processing' }, { status: 'duplicate', resumeId: 'r-old' }]));
    assert.deepEqual(
      latest.slice(0, 2).map((item) => [item.status, item.resumeId]),
      [
        ['processing', undefined],
        ['duplicate', 'r-old'],
      ],
    );
    followed.get('job-a')!.change(
      job('job-a', 'completed', [
        { status: 'failed', error: { code: 'NO_TEXT_LAYER', message: 'no text layer' } },
        { status: 'duplicate', resumeId: 'r-old' },
      ]),
    );
    followed.get('job-a')!.resolve();
    assert.match(latest[0].error?.message ?? '', /scanned image/);
    assert.equal(latest[0].error?.code, 'NO_TEXT_LAYER');

    // A job that has completed by the time the 202 arrives is not followed.
    sent[1].resolve(
      job('job-b', 'completed', [
        { status: 'done', resumeId: 'r2' },
        { status: 'done', resumeId: 'r3' },
      ]),
    );
    sent[2].resolve(job('job-c', 'queued', [{}]));
    await tick();
    assert.equal(followed.has('job-b'), false);
    followed.get('job-c')!.change(job('job-c', 'completed', [{ status: 'done', resumeId: 'r4' }]));
    followed.get('job-c')!.resolve();

    const items = await finished;
    assert.deepEqual(
      items.map((item) => item.status),
      ['failed', 'duplicate', 'done', 'done', 'done'],
    );
    assert.deepEqual(overallProgress(items), { loaded: 500, total: 500, done: 3, duplicate: 1, failed: 1, finished: true, fraction: 1 });
  });

  it('fails every file of a refused request with the reason in words, and the files of a job it cannot follow; the rest go on', async () => {
    const files: TestFile[] = [10, 20, 30, 40].map((size, i) => ({ name: `f${i}.txt`, size }));
    const { transport, sent, followed } = manualTransport();
    const finished = uploadInBatches(files, transport, () => undefined, { ...LIMITS, maxFiles: 2 }, 1);
    await tick();
    sent[0].reject(ApiError.fromBody(413, { code: 'BATCH_TOO_LARGE', message: 'The files add up to more than 100 bytes' }));
    await tick();
    sent[1].resolve(job('job-b', 'processing', [{ status: 'done', resumeId: 'r2' }, { status: 'processing' }]));
    await tick();
    followed.get('job-b')!.reject(ApiError.fromBody(401, { code: 'UNAUTHENTICATED', message: 'revoked' }));
    const items = await finished;
    assert.deepEqual(
      items.map((item) => item.status),
      ['failed', 'failed', 'done', 'failed'],
    );
    assert.match(items[0].error?.message ?? '', /too large together/);
    assert.equal(items[1].error?.code, 'BATCH_TOO_LARGE');
    assert.match(items[3].error?.message ?? '', /API key is not valid/);
    assert.equal(items[2].error, undefined, 'a file that had ended keeps its result');
    assert.deepEqual(overallProgress(items), { loaded: 100, total: 100, done: 1, duplicate: 0, failed: 3, finished: true, fraction: 1 });
  });
});

describe('uploadInBatches with a zip', () => {
  it('shows a zip as one file whose state sums up its entries', async () => {
    const { transport, sent, followed } = manualTransport();
    let latest: UploadItem[] = [];
    const finished = uploadInBatches([{ name: 'batch.zip', size: 10 }], transport, (items) => (latest = items), LIMITS);
    await tick();
    sent[0].resolve(job('job-z', 'processing', [{ status: 'done', resumeId: 'r1' }, { status: 'queued' }, {}]));
    await tick();
    assert.deepEqual([latest[0].status, latest[0].note], ['processing', '3 files inside: 1 stored']);
    followed.get('job-z')!.change(
      job('job-z', 'completed', [
        { status: 'done', resumeId: 'r1' },
        { status: 'duplicate', resumeId: 'r0' },
        { status: 'failed', error: { code: 'EMPTY_FILE', message: 'empty' } },
      ]),
    );
    followed.get('job-z')!.resolve();
    const [zip] = await finished;
    assert.deepEqual([zip.status, zip.note, zip.error], ['done', '3 files inside: 1 stored, 1 already stored, 1 refused', undefined]);
  });
});

describe('overallProgress', () => {
  it('adds up the bytes sent and the files ended while files are under way', () => {
    const progress = overallProgress([
      { index: 0, name: 'a', size: 100, loaded: 100, status: 'duplicate' },
      { index: 1, name: 'b', size: 300, loaded: 100, status: 'uploading' },
    ]);
    assert.deepEqual(progress, { loaded: 200, total: 400, done: 0, duplicate: 1, failed: 0, finished: false, fraction: 0.5 });
    assert.equal(overallProgress([]).finished, true);
  });
});
