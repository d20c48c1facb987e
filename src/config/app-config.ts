import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { isAbsolute } from 'node:path';
/**
 * Typed configuration, read from the environment once and validated at boot: a bad value stops the
 * service with a message naming the variable, instead of failing later in a request.
 */
export interface AppConfig {
  port: number;
  /** Unset: embedded PGlite (with pgvector) under `pgliteDataDir`. */
  databaseUrl: string | null;
  /** `memory://` keeps the embedded database in memory (tests). */
  pgliteDataDir: string;
  /** Unset: in-memory embedding cache. */
  redisUrl: string | null;
  modelId: string;
  /** Directory holding `<modelId>/...` (transformers.js `localModelPath`); unset: the Hugging Face hub. */
  modelPath: string | null;
  /** `fp32`, `q8`, ...; null: q8 when only the quantized file exists locally, else fp32. */
  modelDtype: string | null;
  /** Hugging Face hub (or a mirror, e.g. an internal one) the model is downloaded from when MODEL_PATH is unset. */
  modelHubUrl: string;
  /** Where downloaded models are kept. */
  modelCacheDir: string;
  /** How long start-up waits for the model before serving degraded (the load continues). */
  modelLoadTimeoutMs: number;
  /** A failed load is retried after this long, then twice as long each time... */
  modelLoadRetryMinMs: number;
  /** ...up to this long between attempts (0: no retries). */
  modelLoadRetryMaxMs: number;
  /** A model download request that makes no progress for this long fails as a timeout (and is retried). */
  modelFetchTimeoutMs: number;
  openaiApiKey: string | null;
  openaiBaseUrl: string | null;
  openaiModel: string;
  openaiTimeoutMs: number;
  embeddingCacheTtlSeconds: number;
  /** Max word pieces per window, special tokens included (all-MiniLM-L6-v2 was trained at 256). */
  embeddingWindowTokens: number;
  embeddingWindowOverlap: number;
  /** How long an idle batcher waits to gather concurrent embed() calls (while the model is busy they gather anyway). */
  embeddingBatchWindowMs: number;
  embeddingMaxBatch: number;
  /** Max padded tokens (windows x longest window) in one ONNX run. */
  embeddingMaxBatchTokens: number;
  embeddingTimeoutMs: number;
  /** Work budgets: the longest single text that reaches the model, checked before any normalisation. */
  embeddingMaxTextChars: number;
  /** Windows one text may make once tokenised (checked in the inference worker, before inference). */
  embeddingMaxTextWindows: number;
  /**
   * ONNX Runtime intra-op threads of the inference worker; 0: ONNX Runtime's default (one per core).
   * Unset: one core fewer than the machine has (at least 1), so requests keep a core while uploads
   * are embedded (BENCHMARKS.md, "Under load"); `npm run worker` takes every core unless it is set.
   */
  inferenceThreads: number;
  /** Characters one request may send to the model in all (POST /embeddings/batch). */
  embeddingMaxRequestChars: number;
  /** Admission control: estimated windows queued for the model above which new work is refused (503 OVERLOADED). */
  embeddingQueueMaxWindows: number;
  breakerFailureThreshold: number;
  breakerFailureWindowMs: number;
  breakerResetTimeoutMs: number;
  backfillIntervalMs: number;
  /** HNSW candidate list size for vector search (pgvector hnsw.ef_search; at least 2 x limit is used). */
  hnswEfSearch: number;
  /** A filtered vector search matching at most this many rows is exact instead of HNSW. */
  vectorExactScanMaxRows: number;
  /** Okapi BM25 term-frequency saturation (keyword search). */
  bm25K1: number;
  /** Okapi BM25 length normalisation, 0 (none) to 1 (full). */
  bm25B: number;
  /** A keyword query keeps at most this many of its terms, by frequency in the query x IDF (a whole resume as a query). */
  keywordQueryMaxTerms: number;
  /** When even a query's rarest term is over `bm25PostingsPerQuery`, each term reads at most this many postings, best first (0: every posting of every term: exact). */
  bm25PostingsPerTerm: number;
  /** An unfiltered keyword query reads its kept terms whole, rarest first, while their postings total at most this (within it: exact). */
  bm25PostingsPerQuery: number;
  /** Best rows by the terms read that get the other terms' share from their stored terms (at least 2 x limit). */
  bm25RescoredCandidates: number;
  maxUploadBytes: number;
  maxPdfPages: number;
  maxTextChars: number;
  maxArchiveUncompressedBytes: number;
  extractionTimeoutMs: number;
  /** Worker threads that parse documents (a pathological file cannot hold the event loop). */
  extractionWorkers: number;
  /** Heap cap of each extraction worker. */
  extractionMaxHeapMb: number;
  healthProbeTimeoutMs: number;
  /** JSON body limit of every route but the bulk ones (413 PAYLOAD_TOO_LARGE above it). */
  jsonBodyLimitBytes: number;
  /** JSON body limit of the bulk routes (embeddings batch, matching batch). */
  jsonBulkBodyLimitBytes: number;
  /** Deepest nesting of a JSON body (400 BODY_TOO_COMPLEX). */
  jsonMaxDepth: number;
  /** Object keys plus array items in one JSON body (400 BODY_TOO_COMPLEX). */
  jsonMaxKeys: number;
  /** PostgreSQL pool size. */
  databasePoolSize: number;
  /** Opening a PostgreSQL connection (or waiting for a free one in the pool) gives up after this. */
  databaseConnectTimeoutMs: number;
  /** Server-side statement_timeout; the client gives up on an unanswered query a little later. */
  databaseStatementTimeoutMs: number;
  /** A transaction (Prisma interactive transactions; idle_in_transaction_session_timeout) ends after this. */
  databaseTransactionTimeoutMs: number;
  /** Opening a Redis connection gives up after this. */
  redisConnectTimeoutMs: number;
  /** One cache read or write gives up after this (the cache fails open: a miss). */
  cacheTimeoutMs: number;
  /** After SIGTERM: readiness is 503 and requests are still served this long, then the server closes. */
  shutdownDrainMs: number;
  /** Where the first start writes the default organisation's admin key (mode 0600). */
  adminApiKeyFile: string;
  /** An authenticated API key is remembered this long per process (0: every request reads the database). */
  apiKeyCacheTtlMs: number;
  /** How often resumes older than their organisation's retentionDays are erased (0: never on a timer). */
  retentionIntervalMs: number;
  logLevel: 'debug' | 'log' | 'warn' | 'error';
  /** Browser origins allowed to call the API (CORS); empty: no cross-origin access. */
  corsOrigins: string[];
  /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  /** Requests per minute per API key (per client address without one); an organisation may have its own. */
  rateLimitPerMinute: number;
  /** Webhook receivers on these host names, IPs or CIDRs may be private addresses (SSRF allow-list). */
  webhookAllowedHosts: string[];
  /** One webhook delivery attempt gives up after this long. */
  webhookTimeoutMs: number;
  /** Attempts per webhook delivery (the first included), then it is `failed`. */
  webhookMaxAttempts: number;
  /** Retry n waits webhookRetryBaseMs x 2^(n-1). */
  webhookRetryBaseMs: number;
  /** Background jobs (ingest files, ...) this process works on at once; 0: it only enqueues (an API-only process). */
  workerConcurrency: number;
  /** Redis key prefix of the job queue (BullMQ), so deployments and test runs sharing a Redis stay apart. */
  queuePrefix: string;
  /** BullMQ lock duration and stalled-job check: a job whose worker died is taken up again after at most ~2x this. */
  queueStalledIntervalMs: number;
  /** Files (or zip entries) one bulk upload may hold. */
  ingestMaxFiles: number;
  /** Bytes one bulk upload may send in all (each file is also bounded by maxUploadBytes). */
  ingestMaxTotalBytes: number;
  /** Attempts per ingest file for unexpected errors (a typed document error is never retried). */
  ingestAttempts: number;
  /**
   * Where uploaded bulk files wait for a worker: null, in the database (ingest_file_bytes); else this directory,
   * which every API and worker process must be able to read and write (a shared volume).
   */
  ingestBytesDir: string | null;
  /** On shutdown, how long the queue waits for the jobs it is working on before closing anyway. */
  queueDrainTimeoutMs: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * The API's default ONNX Runtime thread count: every core but one. On 2 cores, 16 concurrent uploads
 * with a thread per core (ONNX Runtime's default) held searches and cached embeds at 2.2-2.4x their idle
 * latency; with one core left to requests, 1.1-1.9x (upload throughput is lower: bulk ingest belongs
 * on `npm run worker`, which uses every core).
 */
export const INTERACTIVE_INFERENCE_THREADS = Math.max(1, availableParallelism() - 1);

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const str = (name: string): string | null => {
    const value = env[name]?.trim();
    return value ? value : null;
  };
  const int = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const raw = str(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const num = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      problems.push(`${name} must be a number between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const url = (name: string, protocols: string[]): string | null => {
    const raw = str(name);
    if (raw === null) return null;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
      }
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return raw;
  };
  const logLevel = (str('LOG_LEVEL') ?? 'log') as AppConfig['logLevel'];
  if (!['debug', 'log', 'warn', 'error'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of debug, log, warn, error (got "${logLevel}")`);
  }
  const corsOrigins = (str('CORS_ORIGINS') ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!isOrigin(origin)) problems.push(`CORS_ORIGINS entries must be origins like https://ats.example.com (got "${origin}")`);
  }
  const metricsToken = str('METRICS_TOKEN');
  if (metricsToken !== null && metricsToken.length < 16) problems.push('METRICS_TOKEN must be at least 16 characters');
  const modelDtype = str('MODEL_DTYPE');
  if (modelDtype && !['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'bnb4', 'q4f16'].includes(modelDtype)) {
    problems.push(`MODEL_DTYPE must be one of fp32, fp16, q8, int8, uint8, q4, bnb4, q4f16 (got "${modelDtype}")`);
  }

  const webhookAllowedHosts = (str('WEBHOOK_ALLOWED_HOSTS') ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  for (const entry of webhookAllowedHosts) {
    if (!isHostOrCidr(entry)) problems.push(`WEBHOOK_ALLOWED_HOSTS entries must be host names, IP addresses or CIDRs (got "${entry}")`);
  }

  // Absolute: API and worker processes started from different directories must name the same one.
  const ingestBytesDir = str('INGEST_BYTES_DIR');
  if (ingestBytesDir !== null && !isAbsolute(ingestBytesDir))
    problems.push(`INGEST_BYTES_DIR must be an absolute path (got "${ingestBytesDir}")`);

  const config: AppConfig = {
    port: int('PORT', 3000, 0, 65535),
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    pgliteDataDir: str('PGLITE_DATA_DIR') ?? './data/pglite',
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    modelId: str('MODEL_ID') ?? 'Xenova/all-MiniLM-L6-v2',
    modelPath: str('MODEL_PATH'),
    modelDtype,
    modelHubUrl: url('MODEL_HUB_URL', ['http:', 'https:']) ?? 'https://huggingface.co/',
    modelCacheDir: str('MODEL_CACHE_DIR') ?? './data/models',
    modelLoadTimeoutMs: int('MODEL_LOAD_TIMEOUT_MS', 120_000, 100),
    modelLoadRetryMinMs: int('MODEL_LOAD_RETRY_MIN_MS', 1_000, 10),
    modelLoadRetryMaxMs: int('MODEL_LOAD_RETRY_MAX_MS', 60_000, 0),
    modelFetchTimeoutMs: int('MODEL_FETCH_TIMEOUT_MS', 10_000, 100),
    openaiApiKey: str('OPENAI_API_KEY'),
    openaiBaseUrl: url('OPENAI_BASE_URL', ['http:', 'https:']),
    openaiModel: str('OPENAI_MODEL') ?? 'gpt-4o-mini',
    openaiTimeoutMs: int('OPENAI_TIMEOUT_MS', 15_000, 100),
    embeddingCacheTtlSeconds: int('EMBEDDING_CACHE_TTL_SECONDS', 86_400, 1),
    embeddingWindowTokens: int('EMBEDDING_WINDOW_TOKENS', 256, 16, 512),
    embeddingWindowOverlap: int('EMBEDDING_WINDOW_OVERLAP', 32, 0, 256),
    embeddingBatchWindowMs: int('EMBEDDING_BATCH_WINDOW_MS', 2, 0, 1000),
    embeddingMaxBatch: int('EMBEDDING_MAX_BATCH', 32, 1, 256),
    embeddingMaxBatchTokens: int('EMBEDDING_MAX_BATCH_TOKENS', 512, 16, 65_536),
    embeddingTimeoutMs: int('EMBEDDING_TIMEOUT_MS', 30_000, 100),
    embeddingMaxTextChars: int('EMBEDDING_MAX_TEXT_CHARS', 50_000, 100),
    embeddingMaxTextWindows: int('EMBEDDING_MAX_TEXT_WINDOWS', 64, 1),
    inferenceThreads: int('INFERENCE_THREADS', INTERACTIVE_INFERENCE_THREADS, 0, 256),
    embeddingMaxRequestChars: int('EMBEDDING_MAX_REQUEST_CHARS', 200_000, 100),
    embeddingQueueMaxWindows: int('EMBEDDING_QUEUE_MAX_WINDOWS', 512, 1),
    breakerFailureThreshold: int('BREAKER_FAILURE_THRESHOLD', 3, 1),
    breakerFailureWindowMs: int('BREAKER_FAILURE_WINDOW_MS', 60_000, 100),
    breakerResetTimeoutMs: int('BREAKER_RESET_TIMEOUT_MS', 60_000, 100),
    backfillIntervalMs: int('BACKFILL_INTERVAL_MS', 30_000, 0),
    hnswEfSearch: int('HNSW_EF_SEARCH', 100, 10, 1000),
    vectorExactScanMaxRows: int('VECTOR_EXACT_SCAN_MAX_ROWS', 20_000, 0),
    bm25K1: num('BM25_K1', 1.2, 0, 10),
    bm25B: num('BM25_B', 0.75, 0, 1),
    keywordQueryMaxTerms: int('KEYWORD_QUERY_MAX_TERMS', 64, 1, 1024),
    bm25PostingsPerTerm: int('BM25_POSTINGS_PER_TERM', 1000, 0, 1_000_000),
    bm25PostingsPerQuery: int('BM25_POSTINGS_PER_QUERY', 20_000, 1, 100_000_000),
    bm25RescoredCandidates: int('BM25_RESCORED_CANDIDATES', 300, 1, 100_000),
    maxUploadBytes: int('MAX_UPLOAD_BYTES', 10 * 1024 * 1024, 1),
    maxPdfPages: int('MAX_PDF_PAGES', 50, 1),
    maxTextChars: int('MAX_TEXT_CHARS', 200_000, 100),
    maxArchiveUncompressedBytes: int('MAX_ARCHIVE_UNCOMPRESSED_BYTES', 50 * 1024 * 1024, 1024),
    extractionTimeoutMs: int('EXTRACTION_TIMEOUT_MS', 15_000, 100),
    extractionWorkers: int('EXTRACTION_WORKERS', 2, 1, 32),
    extractionMaxHeapMb: int('EXTRACTION_MAX_HEAP_MB', 256, 32),
    healthProbeTimeoutMs: int('HEALTH_PROBE_TIMEOUT_MS', 3_000, 50),
    jsonBodyLimitBytes: int('JSON_BODY_LIMIT_BYTES', 256 * 1024, 1024),
    jsonBulkBodyLimitBytes: int('JSON_BULK_BODY_LIMIT_BYTES', 8 * 1024 * 1024, 1024),
    jsonMaxDepth: int('JSON_MAX_DEPTH', 10, 2, 100),
    jsonMaxKeys: int('JSON_MAX_KEYS', 2_000, 10, 1_000_000),
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, 1, 1000),
    databaseConnectTimeoutMs: int('DATABASE_CONNECT_TIMEOUT_MS', 5_000, 50),
    databaseStatementTimeoutMs: int('DATABASE_STATEMENT_TIMEOUT_MS', 15_000, 50),
    databaseTransactionTimeoutMs: int('DATABASE_TRANSACTION_TIMEOUT_MS', 15_000, 50),
    redisConnectTimeoutMs: int('REDIS_CONNECT_TIMEOUT_MS', 200, 10),
    cacheTimeoutMs: int('CACHE_TIMEOUT_MS', 250, 10),
    shutdownDrainMs: int('SHUTDOWN_DRAIN_MS', 10_000, 0),
    adminApiKeyFile: str('ADMIN_API_KEY_FILE') ?? './data/admin-api-key',
    apiKeyCacheTtlMs: int('API_KEY_CACHE_TTL_MS', 5_000, 0, 300_000),
    retentionIntervalMs: int('RETENTION_INTERVAL_MS', 3_600_000, 0),
    logLevel,
    corsOrigins,
    metricsToken,
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', 600, 1),
    webhookAllowedHosts,
    webhookTimeoutMs: int('WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    webhookMaxAttempts: int('WEBHOOK_MAX_ATTEMPTS', 8, 1, 30),
    webhookRetryBaseMs: int('WEBHOOK_RETRY_BASE_MS', 30_000, 10, 86_400_000),
    workerConcurrency: int('WORKER_CONCURRENCY', 2, 0, 64),
    queuePrefix: str('QUEUE_PREFIX') ?? 'hirematch',
    queueStalledIntervalMs: int('QUEUE_STALLED_INTERVAL_MS', 30_000, 200),
    ingestMaxFiles: int('INGEST_MAX_FILES', 500, 1, 10_000),
    ingestMaxTotalBytes: int('INGEST_MAX_TOTAL_BYTES', 100 * 1024 * 1024, 1024),
    ingestAttempts: int('INGEST_ATTEMPTS', 3, 1, 20),
    ingestBytesDir,
    queueDrainTimeoutMs: int('QUEUE_DRAIN_TIMEOUT_MS', 20_000, 0),
  };
  if (config.embeddingWindowOverlap >= config.embeddingWindowTokens - 2) {
    problems.push('EMBEDDING_WINDOW_OVERLAP must be smaller than EMBEDDING_WINDOW_TOKENS - 2');
  }
  if (config.modelLoadRetryMaxMs > 0 && config.modelLoadRetryMaxMs < config.modelLoadRetryMinMs) {
    problems.push('MODEL_LOAD_RETRY_MAX_MS must be 0 (no retries) or at least MODEL_LOAD_RETRY_MIN_MS');
  }
  if (problems.length) throw new ConfigValidationError(problems);
  return config;
}

/** `scheme://host[:port]` and nothing more, as browsers send it in the Origin header. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

/** A host name (`hooks.internal`), an IP address or a CIDR (`10.0.0.0/8`, `fd00::/8`). */
function isHostOrCidr(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length) return false;
  if (prefix !== undefined) {
    const bits = isIP(address);
    return bits !== 0 && /^\d{1,3}$/.test(prefix) && Number(prefix) <= (bits === 4 ? 32 : 128);
  }
  return (
    isIP(address) !== 0 || /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/.test(address)
  );
}
