import { ModelNotReadyError } from './embedding-model.js';

/** A text (or request) needs more model work than the configured budget allows: refused before inference. */
export class WorkBudgetExceededError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkBudgetExceededError';
  }
}

/** Every caller of an inference job gave up (aborted or timed out), so the job stopped between ONNX runs. */
export class InferenceAbortedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InferenceAbortedError';
  }
}

/** The inference worker thread died (crash, out of memory, terminated) with jobs in flight. */
export class InferenceWorkerExitedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InferenceWorkerExitedError';
  }
}

/**
 * An error as plain data: structured clone keeps neither a class, nor `cause`, nor extra fields such
 * as `code` (ECONNREFUSED, ENOTFOUND), `status` or `url`, and the model-load diagnosis reads all of them.
 */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  /** HTTP status and URL, which fetch and transformers.js errors may carry (the load-failure classifier reads them). */
  status?: number;
  url?: string;
  cause?: SerializedError;
}

const MAX_CAUSE_DEPTH = 8;

export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const serialized: SerializedError = { name: error.name, message: error.message, stack: error.stack };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') serialized.code = code;
  const { status, url } = error as { status?: unknown; url?: unknown };
  if (typeof status === 'number') serialized.status = status;
  if (typeof url === 'string') serialized.url = url;
  if (error.cause !== undefined && depth < MAX_CAUSE_DEPTH) serialized.cause = serializeError(error.cause, depth + 1);
  return serialized;
}

/** The classes callers test with instanceof get their class back on this side of the thread. */
const KNOWN: Record<string, new (message: string) => Error> = {
  ModelNotReadyError,
  WorkBudgetExceededError,
  InferenceAbortedError,
  TypeError,
  RangeError,
};

export function deserializeError(serialized: SerializedError): Error {
  const Known = Object.hasOwn(KNOWN, serialized.name) ? KNOWN[serialized.name] : Error;
  const error = new Known(serialized.message);
  error.name = serialized.name;
  if (serialized.stack) error.stack = serialized.stack;
  const extra = error as Error & { code?: string; status?: number; url?: string };
  if (serialized.code !== undefined) extra.code = serialized.code;
  if (serialized.status !== undefined) extra.status = serialized.status;
  if (serialized.url !== undefined) extra.url = serialized.url;
  if (serialized.cause) error.cause = deserializeError(serialized.cause);
  return error;
}
