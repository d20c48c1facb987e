import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from './api-error.js';
import { overallProgress, uploadFiles, type UploadItem } from './uploads.js';

/** A send() whose calls the test finishes by hand, so it can look at what runs at once. */
function manualSender() {
  const running = new Map<string, { progress: (loaded: number) => void; resolve: () => void; reject: (error: Error) => void }>();
  let maxRunning = 0;
  const send = (file: { name: string }, onProgress: (loaded: number) => void) =>
    new Promise<{ id: string }>((resolve, reject) => {
      running.set(file.name, {
        progress: onProgress,
        resolve: () => {
          running.delete(file.name);
          resolve({ id: `id-${file.name}` });
        },
        reject: (error: Error) => {
          running.delete(file.name);
          reject(error);
        },
      });
      maxRunning = Math.max(maxRunning, running.size);
    });
  return { send, running, maxRunning: () => maxRunning };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('uploadFiles', () => {
  it('sends at most `concurrency` files at once, and reports progress, processing and the result per file', async () => {
    const files = Array.from({ length: 7 }, (_, i) => ({ name: `f${i}.pdf`, size: 100 }));
    const sender = manualSender();
    let latest: UploadItem[] = [];
    const done = uploadFiles(files, sender.send, (items) => (latest = items), 3);
    await tick();
    assert.deepEqual([...sender.running.keys()], ['f0.pdf', 'f1.pdf', 'f2.pdf']);
    assert.deepEqual(
      latest.map((item) => item.status),
      ['uploading', 'uploading', 'uploading', 'queued', 'queued', 'queued', 'queued'],
    );
    sender.running.get('f0.pdf')!.progress(40);
    assert.deepEqual({ loaded: latest[0].loaded, status: latest[0].status }, { loaded: 40, status: 'uploading' });
    sender.running.get('f0.pdf')!.progress(100);
    assert.equal(latest[0].status, 'processing', 'every byte sent: the server is reading it');
    while (sender.running.size) {
      for (const call of [...sender.running.values()]) call.resolve();
      await tick();
    }
    const items = await done;
    assert.equal(sender.maxRunning(), 3);
    assert.ok(items.every((item) => item.status === 'done' && item.loaded === 100));
    assert.deepEqual(
      items.map((item) => item.resumeId),
      files.map((file) => `id-${file.name}`),
    );
  });

  it('keeps going when a file is refused, with the reason in words', async () => {
    const files = [
      { name: 'ok.pdf', size: 10 },
      { name: 'scan.pdf', size: 20 },
      { name: 'also-ok.txt', size: 30 },
    ];
    const items = await uploadFiles(
      files,
      async (file) => {
        if (file.name === 'scan.pdf') throw ApiError.fromBody(422, { code: 'NO_TEXT_LAYER', message: 'no text layer' });
        return { id: file.name };
      },
      () => undefined,
    );
    assert.deepEqual(
      items.map((item) => item.status),
      ['done', 'failed', 'done'],
    );
    assert.match(items[1].error?.message ?? '', /scanned image/);
    assert.deepEqual(overallProgress(items), { loaded: 60, total: 60, done: 2, failed: 1, finished: true });
  });

  it('adds up the overall progress while files are under way', () => {
    const progress = overallProgress([
      { index: 0, name: 'a', size: 100, loaded: 50, status: 'uploading' },
      { index: 1, name: 'b', size: 300, loaded: 0, status: 'queued' },
    ]);
    assert.deepEqual(progress, { loaded: 50, total: 400, done: 0, failed: 0, finished: false });
  });
});
