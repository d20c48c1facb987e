import type { FailedDownload } from './model-load-error.js';

/** A download that made no progress for the allowed time: a black-holed network shows up as "timeout". */
export class ModelDownloadTimeoutError extends Error {
  constructor(
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(`no answer from ${url} within ${timeoutMs} ms`);
    this.name = 'ModelDownloadTimeoutError';
  }
}

export interface ModelFetchOptions {
  /** How long a request may wait for its response headers, and then for each next chunk of the body. */
  timeoutMs: number;
  /** Called for each request that throws or answers >= 400, so the loader can say which URL failed and why. */
  onFailure: (download: FailedDownload) => void;
  fetchImpl?: typeof fetch;
}

/**
 * The fetch that transformers.js uses for the model files (`env.fetch`). Node's fetch waits for a
 * silently dropping network for minutes; this one aborts a request that makes no progress for
 * `timeoutMs` (headers, then each chunk: a slow but moving 90 MB download is fine), and reports
 * failures with their URL, which transformers.js does not always keep in what it throws.
 */
export function createModelFetch({ timeoutMs, onFailure, fetchImpl = globalThis.fetch }: ModelFetchOptions): typeof fetch {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const timeout = new ModelDownloadTimeoutError(url, timeoutMs);
        onFailure({ url, error: timeout });
        controller.abort(timeout);
      }, timeoutMs);
      timer.unref();
    };
    init?.signal?.addEventListener('abort', () => controller.abort(init.signal?.reason), { once: true });
    arm();
    let response: Response;
    try {
      response = await fetchImpl(input, { ...init, signal: controller.signal });
    } catch (error) {
      clearTimeout(timer);
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
      onFailure({ url, error: reason });
      throw reason;
    }
    if (response.status >= 400) {
      clearTimeout(timer);
      onFailure({ url, status: response.status });
      return response;
    }
    if (!response.body) {
      clearTimeout(timer);
      return response;
    }
    // Re-arm the timer on every chunk; a stalled body errors the stream with the timeout.
    arm();
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, stream) {
          arm();
          stream.enqueue(chunk);
        },
        flush() {
          clearTimeout(timer);
        },
      }),
    );
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
