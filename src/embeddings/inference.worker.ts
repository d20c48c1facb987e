import { parentPort } from 'node:worker_threads';
import { ModelNotReadyError } from './embedding-model.js';
import { SerializedError, serializeError } from './inference-errors.js';
import { EncoderOptions, MiniLmEncoder } from './minilm-encoder.js';

/** Messages to and from the inference worker (see inference-thread.ts for the other side). */
export type InferenceRequest =
  | { type: 'load'; id: number; options: EncoderOptions }
  | { type: 'unload'; id: number }
  | { type: 'embed'; id: number; texts: string[] }
  | { type: 'cancel'; id: number };

/** What a load reports while it runs, before its answer (messages keep their order on the port). */
export type LoadEvent =
  | { type: 'download-failed'; url: string; status?: number; error?: SerializedError }
  | { type: 'progress'; file?: string; loaded?: number; total?: number };

export type InferenceResponse =
  { id: number; ok: true; vectors?: Float32Array[] } | { id: number; ok: false; error: SerializedError } | { id: number; event: LoadEvent };

/** Download progress is forwarded at most this often (transformers.js reports every chunk). */
const PROGRESS_EVERY_MS = 1_000;

/**
 * Worker thread entry: owns the ONE model instance (tokenizer + ONNX session) of the process, and
 * downloads it (transformers.js's `env.fetch` is set here, where the download happens).
 * Jobs run one at a time in arrival order (the main thread's micro-batcher already sends one batch at a time).
 */
let encoder: MiniLmEncoder | null = null;
const cancelled = new Set<number>();
let queue: Promise<void> = Promise.resolve();

async function handle(request: Exclude<InferenceRequest, { type: 'cancel' }>): Promise<void> {
  try {
    if (request.type === 'load' || request.type === 'unload') {
      await encoder?.dispose();
      encoder = null;
      if (request.type === 'load') encoder = await load(request.id, request.options);
      reply({ id: request.id, ok: true });
      return;
    }
    if (!encoder) throw new ModelNotReadyError('The inference worker has no model loaded');
    const vectors = await encoder.embed(request.texts, () => cancelled.has(request.id));
    parentPort!.postMessage(
      { id: request.id, ok: true, vectors } satisfies InferenceResponse,
      vectors.map((v) => v.buffer as ArrayBuffer),
    );
  } catch (error) {
    reply({ id: request.id, ok: false, error: serializeError(error) });
  } finally {
    cancelled.delete(request.id);
  }
}

/** Loads the model, sending each failed download (for the cause's classification) and some progress back as it happens. */
function load(id: number, options: EncoderOptions): Promise<MiniLmEncoder> {
  let lastProgress = 0;
  return MiniLmEncoder.load(options, {
    onDownloadFailure: ({ url, status, error }) =>
      reply({
        id,
        event: {
          type: 'download-failed',
          url,
          ...(status === undefined ? {} : { status }),
          ...(error === undefined ? {} : { error: serializeError(error) }),
        },
      }),
    onProgress: (progress) => {
      if (Date.now() - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = Date.now();
      reply({ id, event: { type: 'progress', ...progress } });
    },
  });
}

function reply(response: InferenceResponse): void {
  parentPort!.postMessage(response);
}

parentPort?.on('message', (request: InferenceRequest) => {
  if (request.type === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  queue = queue.then(() => handle(request));
});
