/**
 * Why the embedding model could not be loaded, classified from whatever the loader threw, so that the
 * log can say what to do and health bodies can say what is wrong without raw errors or file paths.
 * Pure functions: no I/O, no Nest, usable from a worker thread.
 */
export type ModelLoadCause =
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'unreachable'
  | 'http-401'
  | 'http-403'
  | 'http-404'
  | 'http-other'
  | 'files-missing'
  | 'incompatible'
  | 'other';

export interface ModelLoadFailure {
  cause: ModelLoadCause;
  /** Short and safe to show anyone (readiness body): no path, no URL, no raw error text. */
  reason: string;
  /** The download URL that failed, when known (credentials removed). For the log only. */
  url: string | null;
  /** HTTP status of the failed download, when there was one. */
  status: number | null;
  /** Whether trying again later can help (a network or hub problem, or files that may yet appear). */
  retryable: boolean;
}

/** A download that answered with an HTTP error, as seen by the fetch the loader installs (see model-download.ts). */
export interface FailedDownload {
  url: string;
  status?: number;
  error?: unknown;
}

/** Thrown when MODEL_PATH is set but files the model needs are not there (names relative to the model folder). */
export class ModelFilesMissingError extends Error {
  constructor(readonly missing: string[]) {
    super(`model files missing: ${missing.join(', ')}`);
    this.name = 'ModelFilesMissingError';
  }
}

/** Thrown when the model loads but cannot serve HireMatch (e.g. another vector size): retrying cannot help. */
export class IncompatibleModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IncompatibleModelError';
  }
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ESOCKETTIMEDOUT',
]);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ENETDOWN', 'EHOSTDOWN']);
const TIMEOUT_NAMES = new Set(['TimeoutError', 'ModelDownloadTimeoutError']);
/** transformers.js words its HTTP failures this way (utils/hub/constants.js) without always keeping the status. */
const STATUS_WORDING: Array<[RegExp, number]> = [
  [/Unauthorized access to file/i, 401],
  [/Forbidden access to file/i, 403],
  [/Could not locate file/i, 404],
];

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  status?: unknown;
  message?: unknown;
  cause?: unknown;
  url?: unknown;
}

/** The error and its causes, outermost first (fetch wraps the socket error in `cause`). */
function causeChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 8 && !chain.includes(current)) {
    chain.push(current);
    current = (current as ErrorLike).cause;
  }
  return chain;
}

function networkCause(chain: ErrorLike[]): ModelLoadCause | null {
  for (const link of chain) {
    const code = typeof link.code === 'string' ? link.code : '';
    const name = typeof link.name === 'string' ? link.name : '';
    if (DNS_CODES.has(code)) return 'dns';
    if (code === 'ECONNREFUSED') return 'refused';
    if (TIMEOUT_CODES.has(code) || TIMEOUT_NAMES.has(name)) return 'timeout';
    if (UNREACHABLE_CODES.has(code)) return 'unreachable';
  }
  return null;
}

function httpStatus(chain: ErrorLike[]): number | null {
  for (const link of chain) {
    if (typeof link.status === 'number' && link.status >= 400) return link.status;
    const message = typeof link.message === 'string' ? link.message : '';
    for (const [pattern, status] of STATUS_WORDING) if (pattern.test(message)) return status;
    const coded = /Error \((\d{3})\) occurred while trying to load file/.exec(message);
    if (coded) return Number(coded[1]);
  }
  return null;
}

/** Removes user and password from a URL (a mirror URL may carry them); leaves anything else as it is. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

function failure(cause: ModelLoadCause, url: string | null, status: number | null): ModelLoadFailure {
  const reasons: Record<ModelLoadCause, string> = {
    dns: 'hub unreachable (DNS)',
    refused: 'hub unreachable (connection refused)',
    timeout: 'hub unreachable (timeout)',
    unreachable: 'hub unreachable (network)',
    'http-401': 'hub refused access (HTTP 401)',
    'http-403': 'hub refused access (HTTP 403)',
    'http-404': 'model not found on the hub (HTTP 404)',
    'http-other': `hub error (HTTP ${status ?? '?'})`,
    'files-missing': 'model files missing under MODEL_PATH',
    incompatible: 'model incompatible with HireMatch',
    other: 'model could not be loaded (see the service log)',
  };
  return { cause, reason: reasons[cause], url: url === null ? null : redactUrl(url), status, retryable: cause !== 'incompatible' };
}

/**
 * Classifies a load failure. `download` is the failed request the loader's fetch saw during the
 * attempt, if any: transformers.js does not always keep the URL or the status in what it throws
 * (a 404 on the tokenizer surfaces as a TypeError about `tokenizer_class`).
 */
export function classifyModelLoadError(error: unknown, download: FailedDownload | null = null): ModelLoadFailure {
  if (error instanceof IncompatibleModelError || (error as ErrorLike)?.name === 'IncompatibleModelError') {
    return failure('incompatible', null, null);
  }
  if (error instanceof ModelFilesMissingError || (error as ErrorLike)?.name === 'ModelFilesMissingError') {
    return failure('files-missing', null, null);
  }
  const message = (error as ErrorLike)?.message;
  if (typeof message === 'string' && /was not found locally|Local file missing/i.test(message)) {
    return failure('files-missing', null, null);
  }
  const chain = [...causeChain(error), ...(download?.error ? causeChain(download.error) : [])];
  const url = download?.url ?? chain.map((link) => link.url).find((u): u is string => typeof u === 'string') ?? null;
  const network = networkCause(chain);
  if (network) return failure(network, url, null);
  const status = httpStatus(chain) ?? download?.status ?? null;
  if (status !== null) {
    const cause: ModelLoadCause = status === 401 ? 'http-401' : status === 403 ? 'http-403' : status === 404 ? 'http-404' : 'http-other';
    return failure(cause, url, status);
  }
  return failure('other', url, null);
}

/** The messages of an error and its causes, for the log ("fetch failed: getaddrinfo ENOTFOUND huggingface.co"). */
export function errorDetail(error: unknown): string {
  const messages = causeChain(error)
    .map((link) => (typeof link.message === 'string' ? link.message : ''))
    .filter((message, i, all) => message && all.indexOf(message) === i);
  return messages.length ? messages.join(': ') : String(error);
}

export interface ModelSourceDescription {
  modelId: string;
  /** Set when the model is read from a local directory (the log may name it; health bodies never do). */
  modelPath: string | null;
  modelHubUrl: string;
}

/** What to do about it, one sentence per way out. */
function waysOut(failure: ModelLoadFailure, source: ModelSourceDescription): string {
  const local = `set MODEL_PATH to a directory holding ${source.modelId}/ (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx) for a local copy`;
  const mirror = 'or MODEL_HUB_URL to a reachable mirror of the Hugging Face hub';
  switch (failure.cause) {
    case 'files-missing':
      return `Put the model files there, or unset MODEL_PATH to download from ${redactUrl(source.modelHubUrl)} (MODEL_HUB_URL)`;
    case 'incompatible':
      return `Choose a model with HireMatch's vector size (MODEL_ID), e.g. Xenova/all-MiniLM-L6-v2`;
    case 'http-401':
    case 'http-403':
      return `If the repository is private or gated, set HF_TOKEN; otherwise ${local}, ${mirror}`;
    case 'http-404':
      return `Check MODEL_ID (${source.modelId}), or ${local}, ${mirror}`;
    default:
      return `To run without the hub, ${local}, ${mirror}`;
  }
}

/**
 * The one log line for a failed load: what was tried, the classified cause, the ways out, and what
 * the service does meanwhile.
 */
export function describeModelLoadFailure(
  failure: ModelLoadFailure,
  source: ModelSourceDescription,
  detail: string,
  nextRetryInMs: number | null,
): string {
  const from = source.modelPath ? `from MODEL_PATH=${source.modelPath}` : `from ${failure.url ?? redactUrl(source.modelHubUrl)}`;
  const retry =
    nextRetryInMs === null
      ? 'Not retrying'
      : `Retrying in ${nextRetryInMs >= 1000 ? `${Math.round(nextRetryInMs / 1000)} s` : `${nextRetryInMs} ms`} (with backoff)`;
  return (
    `Embedding model ${source.modelId} could not be loaded ${from}: ${failure.reason} [${detail}]. ` +
    `${waysOut(failure, source)}. ${retry}; meanwhile the API runs degraded (new records are stored "pending", semantic search answers 503).`
  );
}
