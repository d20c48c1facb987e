import { Worker } from 'node:worker_threads';
import { deserializeError, InferenceAbortedError, InferenceWorkerExitedError } from './inference-errors.js';
import type { InferenceRequest, InferenceResponse, LoadEvent } from './inference.worker.js';
import type { EncoderOptions } from './minilm-encoder.js';
import type { FailedDownload } from './model-load-error.js';

type Job = Exclude<InferenceRequest, { type: 'cancel' }>;
type JobBody = Job extends infer J ? (J extends Job ? Omit<J, 'id'> : never) : never;

interface Pending {
  resolve: (response: Extract<InferenceResponse, { ok: true }>) => void;
  reject: (error: Error) => void;
  onEvent?: (event: LoadEvent) => void;
}

export interface LoadProgress {
  file?: string;
  loaded?: number;
  total?: number;
}

/** What the caller of a load hears while it runs in the worker. */
export interface LoadHooks {
  /** Each model file request that threw or answered >= 400, its error rebuilt on this side (see model-download.ts). */
  onDownloadFailure?: (download: FailedDownload) => void;
  onProgress?: (progress: LoadProgress) => void;
}

/**
 * The main thread's handle on the inference worker: requests by id, answers and errors back.
 *
 * ONE dedicated worker rather than a pool (piscina): ONNX Runtime already spreads one run over every
 * core (intra-op threads), so a second session would only compete for the same cores while
 * costing another ~180 MB (model + arena); the micro-batcher sends one batch at a time anyway; and
 * the session must be loaded (and reloaded after a crash) under our control, which a pool's
 * per-thread start-up hides. The worker survives crashes: a new one is started and the model
 * loaded again on the next call.
 */
export class InferenceThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private loadOptions: EncoderOptions | null = null;
  /** Set while a (re)load runs: embed calls wait for it. */
  private loading: Promise<void> | null = null;
  private closed = false;

  /**
   * Starts the worker and loads the model in it (downloading it when it comes from a hub); rejects
   * with the loader's error (cause chain intact). `hooks` hear of failed downloads and progress as they happen.
   */
  async load(options: EncoderOptions, hooks: LoadHooks = {}): Promise<void> {
    const onEvent = (event: LoadEvent) => {
      if (event.type === 'progress') {
        const { file, loaded, total } = event;
        hooks.onProgress?.({ file, loaded, total });
        return;
      }
      const { url, status, error } = event;
      hooks.onDownloadFailure?.({ url, status, error: error && deserializeError(error) });
    };
    const loading = this.request({ type: 'load', options }, undefined, onEvent).then(() => undefined);
    this.loading = loading;
    try {
      await loading;
      // Only a model that loaded is loaded again after a worker crash.
      this.loadOptions = options;
    } finally {
      if (this.loading === loading) this.loading = null;
    }
  }

  /** Frees the model in the worker (e.g. after a failed load attempt); embed calls fail until the next load. */
  async unload(): Promise<void> {
    this.loadOptions = null;
    if (!this.worker) return;
    await this.request({ type: 'unload' });
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    signal?.throwIfAborted();
    if (!this.worker && this.loadOptions && !this.loading) void this.load(this.loadOptions).catch(() => undefined);
    await this.loading;
    const response = await this.request({ type: 'embed', texts }, signal);
    return response.vectors!;
  }

  /** The worker's thread id (the main thread is 0), or null before it starts. */
  get threadId(): number | null {
    return this.worker?.threadId ?? null;
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private request(
    body: JobBody,
    signal?: AbortSignal,
    onEvent?: (event: LoadEvent) => void,
  ): Promise<Extract<InferenceResponse, { ok: true }>> {
    if (this.closed) return Promise.reject(new InferenceWorkerExitedError('The inference worker is shut down'));
    const worker = (this.worker ??= this.spawn());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        // The worker stops between ONNX runs; this caller is answered at once.
        worker.postMessage({ type: 'cancel', id } satisfies InferenceRequest);
        this.pending.delete(id);
        reject(new InferenceAbortedError('Embedding cancelled by its caller', { cause: signal?.reason }));
      };
      const settle =
        <T>(fn: (value: T) => void) =>
        (value: T) => {
          signal?.removeEventListener('abort', onAbort);
          fn(value);
        };
      this.pending.set(id, { resolve: settle(resolve), reject: settle(reject), onEvent });
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage({ ...body, id });
    });
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./inference.worker.js', import.meta.url));
    // An idle worker must not keep the process alive (shutdown still terminates it).
    worker.unref();
    worker.on('message', (response: InferenceResponse) => {
      const pending = this.pending.get(response.id);
      if (!pending) return; // cancelled meanwhile
      if ('event' in response) {
        pending.onEvent?.(response.event);
        return;
      }
      this.pending.delete(response.id);
      if (response.ok) pending.resolve(response);
      else pending.reject(deserializeError(response.error));
    });
    let crash: Error | undefined;
    worker.on('error', (error) => (crash = error));
    worker.on('exit', (exitCode) => {
      if (this.worker === worker) this.worker = null;
      const why = crash ? `: ${crash.name}: ${crash.message}` : '';
      const error = new InferenceWorkerExitedError(`The inference worker exited (code ${exitCode})${why}`, { cause: crash });
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    });
    return worker;
  }
}
