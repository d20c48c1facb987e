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
  breakerFailureThreshold: number;
  breakerFailureWindowMs: number;
  breakerResetTimeoutMs: number;
  backfillIntervalMs: number;
  /** HNSW candidate list size for vector search (pgvector hnsw.ef_search; at least 2 x limit is used). */
  hnswEfSearch: number;
  /** A filtered vector search matching at most this many rows is exact instead of HNSW. */
  vectorExactScanMaxRows: number;
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
  /** Where the first start writes the default organisation's admin key (mode 0600). */
  adminApiKeyFile: string;
  /** How often resumes older than their organisation's retentionDays are erased (0: never on a timer). */
  retentionIntervalMs: number;
  logLevel: 'debug' | 'log' | 'warn' | 'error';
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

type Env = Record<string, string | undefined>;

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
  const modelDtype = str('MODEL_DTYPE');
  if (modelDtype && !['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'bnb4', 'q4f16'].includes(modelDtype)) {
    problems.push(`MODEL_DTYPE must be one of fp32, fp16, q8, int8, uint8, q4, bnb4, q4f16 (got "${modelDtype}")`);
  }

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
    breakerFailureThreshold: int('BREAKER_FAILURE_THRESHOLD', 3, 1),
    breakerFailureWindowMs: int('BREAKER_FAILURE_WINDOW_MS', 60_000, 100),
    breakerResetTimeoutMs: int('BREAKER_RESET_TIMEOUT_MS', 60_000, 100),
    backfillIntervalMs: int('BACKFILL_INTERVAL_MS', 30_000, 0),
    hnswEfSearch: int('HNSW_EF_SEARCH', 100, 10, 1000),
    vectorExactScanMaxRows: int('VECTOR_EXACT_SCAN_MAX_ROWS', 20_000, 0),
    maxUploadBytes: int('MAX_UPLOAD_BYTES', 10 * 1024 * 1024, 1),
    maxPdfPages: int('MAX_PDF_PAGES', 50, 1),
    maxTextChars: int('MAX_TEXT_CHARS', 200_000, 100),
    maxArchiveUncompressedBytes: int('MAX_ARCHIVE_UNCOMPRESSED_BYTES', 50 * 1024 * 1024, 1024),
    extractionTimeoutMs: int('EXTRACTION_TIMEOUT_MS', 15_000, 100),
    extractionWorkers: int('EXTRACTION_WORKERS', 2, 1, 32),
    extractionMaxHeapMb: int('EXTRACTION_MAX_HEAP_MB', 256, 32),
    healthProbeTimeoutMs: int('HEALTH_PROBE_TIMEOUT_MS', 3_000, 50),
    adminApiKeyFile: str('ADMIN_API_KEY_FILE') ?? './data/admin-api-key',
    retentionIntervalMs: int('RETENTION_INTERVAL_MS', 3_600_000, 0),
    logLevel,
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
