/**
 * `npm run bench:embeddings`: how fast the embedding path is on this machine, through the real
 * EmbeddingService (Nest application context, no HTTP), against a bare onnxruntime-node session
 * running the same model file on the same token windows. Prints every figure with its target.
 *
 * Model: MODEL_ID / MODEL_PATH as the app reads them; when MODEL_PATH is unset and
 * ../shared/models/hirematch/minilm-standin exists, the stand-in (MiniLM's exact architecture).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AutoTokenizer, env as hfEnv, type PreTrainedTokenizer } from '@huggingface/transformers';
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AppModule } from '../src/app.module.js';
import { DEFAULT_ORGANIZATION_ID } from '../src/common/organization.js';
import { APP_CONFIG, loadConfig, type AppConfig } from '../src/config/app-config.js';
import { EmbeddingCache } from '../src/embeddings/embedding-cache.js';
import { EmbeddingService } from '../src/embeddings/embedding.service.js';
import { meanPoolNormalized, padBatch, planRuns } from '../src/embeddings/bert-batch.js';
import { averageUnitVectors, splitIntoWindows } from '../src/embeddings/token-windows.js';
import { preprocessForEmbedding } from '../src/embeddings/text-preprocessing.js';

type Ort = typeof import('onnxruntime-node');
type OrtSession = import('onnxruntime-node').InferenceSession;

const ROOT = resolve(import.meta.dirname, '..', '..');
const STANDIN_ID = 'hirematch/minilm-standin';

export const TARGETS = {
  cachedP50Ms: 2,
  serviceToBareRatio: 0.9,
  rssMb: 400,
} as const;

type Kind = 'short' | 'resume';

export interface ThroughputRow {
  kind: Kind;
  batch: number;
  texts: number;
  rounds: number;
  /** Best round (least disturbed by other processes) and median round, texts per second. */
  embedBatchPerSec: number;
  embedBatchMedian: number;
  concurrentEmbedPerSec: number;
  concurrentEmbedMedian: number;
  barePerSec: number;
  bareMedian: number;
  /** Best service round / best bare round. */
  ratio: number;
  /** Median over rounds of (service / bare), the two run back to back on the same texts. */
  pairedRatio: number;
}

export interface EmbeddingsBenchResult {
  model: { id: string; path: string | null; dtype: string | null; standIn: boolean; onnxFile: string; onnxMb: number };
  machine: { node: string; cpus: number; cpuModel: string; date: string; loadAtStart: number; loadAtEnd: number };
  config: { windowTokens: number; windowOverlap: number; batchWindowMs: number; maxBatch: number; cache: string };
  texts: { short: TextStats; resume: TextStats };
  bootMs: number;
  latency: {
    uncachedShort: Percentiles;
    uncachedResume: Percentiles;
    cached: Percentiles;
    cachedResume: Percentiles;
  };
  throughput: ThroughputRow[];
  /** What-if on the bare session, 32 resumes: texts/s with ONNX runs capped at N padded tokens (0: chunks of EMBEDDING_MAX_BATCH). */
  bareTokenBudget: Array<{
    tokens: number;
    resumePerSec: number;
    sessionOnlyRss: { loadedMb: number; afterMb: number; peakMb: number } | null;
  }>;
  agreement: { maxAbsDiff: number; minCosine: number };
  rss: { withoutModelMb: number; afterBootMb: number; afterShortMb: number; peakServiceMb: number; afterBareMb: number };
  checks: Array<{ name: string; value: string; target: string; pass: boolean }>;
  seconds: number;
}

interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  mean: number;
}

interface TextStats {
  words: number;
  pieces: number;
  windows: number;
}

// ---------------------------------------------------------------------------------------------
// Inputs: deterministic, realistic, and unique per call (so the cache misses where it must).

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Jane',
  'Omar',
  'Priya',
  'Lukas',
  'Mei',
  'Carlos',
  'Aisha',
  'Tomasz',
  'Grace',
  'Kenji',
  'Fatima',
  'Daniel',
  'Sofia',
  'Arjun',
  'Elena',
  'Samuel',
];
const LAST = [
  'Doe',
  'Haddad',
  'Raman',
  'Becker',
  'Chen',
  'Ortega',
  'Okafor',
  'Nowak',
  'Mensah',
  'Tanaka',
  'Rahimi',
  'Brooks',
  'Rossi',
  'Iyer',
  'Petrova',
  'Lindqvist',
];
const CITIES = [
  'Berlin, Germany',
  'Austin, TX',
  'Toronto, Canada',
  'London, UK',
  'Lisbon, Portugal',
  'Bangalore, India',
  'Warsaw, Poland',
  'Seattle, WA',
  'Amsterdam, Netherlands',
  'Singapore',
];
const ROLES = [
  'Backend Engineer',
  'Frontend Developer',
  'Data Engineer',
  'Site Reliability Engineer',
  'Machine Learning Engineer',
  'Product Designer',
  'QA Automation Engineer',
  'Data Analyst',
  'Full-Stack Developer',
  'Platform Engineer',
  'Mobile Developer',
  'Engineering Manager',
  'DevOps Engineer',
  'Security Engineer',
];
const LEVELS = ['Junior', 'Mid-level', 'Senior', 'Staff', 'Lead', 'Principal'];
const SKILLS = [
  'TypeScript',
  'Node.js',
  'NestJS',
  'PostgreSQL',
  'Redis',
  'Kubernetes',
  'Docker',
  'AWS',
  'GCP',
  'Terraform',
  'Python',
  'Django',
  'FastAPI',
  'React',
  'Next.js',
  'GraphQL',
  'Kafka',
  'RabbitMQ',
  'Go',
  'Java',
  'Spring Boot',
  'Kotlin',
  'Swift',
  'Airflow',
  'dbt',
  'Snowflake',
  'Spark',
  'PyTorch',
  'scikit-learn',
  'Figma',
  'Cypress',
  'Playwright',
  'Prometheus',
  'Grafana',
  'Elasticsearch',
  'MongoDB',
  'CI/CD',
  'GitHub Actions',
  'Linux',
  'gRPC',
];
const COMPANIES = [
  'FreightBridge',
  'Northwind Health',
  'Lumen Analytics',
  'Bluefin Payments',
  'Cobalt Robotics',
  'Greenleaf Energy',
  'Harbor Logistics',
  'Quantica Labs',
  'Mosaic Retail',
  'Pinecrest Insurance',
  'Atlas Travel',
  'Kestrel Security',
];
const VERBS = [
  'Designed',
  'Built',
  'Led',
  'Migrated',
  'Automated',
  'Reduced',
  'Improved',
  'Owned',
  'Introduced',
  'Scaled',
  'Refactored',
  'Mentored',
  'Shipped',
  'Rewrote',
];
const OBJECTS = [
  'the booking and pricing APIs serving 2,000 requests per second',
  'a batch ingestion pipeline for carrier rate sheets and invoices',
  'the monolith into well-bounded services with clear ownership',
  'p95 latency of the search endpoint from 800 ms to 120 ms',
  'the deployment process with blue-green releases and automatic rollback',
  'a feature store used by four data science teams',
  'the observability stack with structured logs, traces and SLO alerts',
  'onboarding for new engineers, cutting ramp-up time to two weeks',
  'a design system shared by the web and mobile applications',
  'cloud costs by 35% through right-sizing and reserved capacity',
  'an end-to-end test suite that runs on every pull request in under ten minutes',
  'the data model and migrations for a multi-tenant billing platform',
  'incident response and blameless post-mortems for a team of twelve',
  'a recommendation model that raised conversion by 6%',
];
const DEGREES = [
  'B.Sc. Computer Science',
  'M.Sc. Software Engineering',
  'B.Eng. Electrical Engineering',
  'M.Sc. Data Science',
  'B.A. Mathematics',
  'B.Sc. Information Systems',
];
const UNIS = [
  'Technical University of Munich',
  'University of Texas at Austin',
  'University of Toronto',
  'University College London',
  'University of Lisbon',
  'IIT Madras',
  'Warsaw University of Technology',
];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}
function pickSome<T>(rand: () => number, items: readonly T[], n: number): T[] {
  const copy = [...items];
  const out: T[] = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0]);
  return out;
}

/** A search query / job headline: 10-20 words, the kind of text similarity search embeds. */
export function shortText(seed: number): string {
  const rand = mulberry32(seed * 7919 + 1);
  const skills = pickSome(rand, SKILLS, 2 + Math.floor(rand() * 3));
  return `${pick(rand, LEVELS)} ${pick(rand, ROLES)} with ${skills.slice(0, -1).join(', ')} and ${skills.at(-1)} experience, ${pick(rand, CITIES)} or remote (ref ${seed})`;
}

/** A one-to-two page resume as extracted text: ~450-600 words, 3-4 windows of <= 256 pieces. */
export function resumeText(seed: number): string {
  const rand = mulberry32(seed * 104729 + 3);
  const first = pick(rand, FIRST);
  const last = pick(rand, LAST);
  const role = `${pick(rand, LEVELS)} ${pick(rand, ROLES)}`;
  const skills = pickSome(rand, SKILLS, 12);
  const lines: string[] = [
    `${first} ${last}`,
    `${role} | ${pick(rand, CITIES)} | ${first.toLowerCase()}.${last.toLowerCase()}${seed}@example.com | +1 555 ${String(1000 + (seed % 9000)).padStart(4, '0')} | linkedin.com/in/${first.toLowerCase()}-${last.toLowerCase()}-${seed}`,
    '',
    'SUMMARY',
    `${role} with ${3 + Math.floor(rand() * 12)} years of experience building and operating production systems. ` +
      `Comfortable across ${skills.slice(0, 4).join(', ')}, with a focus on reliability, clear APIs and measurable outcomes. ` +
      'Enjoys mentoring, writing design documents and working closely with product and design.',
    '',
    'EXPERIENCE',
  ];
  let year = 2025;
  for (let job = 0; job < 3; job++) {
    const span = 1 + Math.floor(rand() * 4);
    lines.push(
      `${pick(rand, LEVELS)} ${pick(rand, ROLES)}, ${pick(rand, COMPANIES)} (${pick(rand, CITIES)})  ${year - span} - ${job === 0 ? 'present' : year}`,
    );
    year -= span;
    for (const object of pickSome(rand, OBJECTS, 5)) {
      lines.push(`- ${pick(rand, VERBS)} ${object} using ${pickSome(rand, skills, 2).join(' and ')}.`);
    }
    lines.push('');
  }
  lines.push('EDUCATION', `${pick(rand, DEGREES)}, ${pick(rand, UNIS)}, ${year - 4} - ${year}`, '');
  lines.push('SKILLS', skills.join(', '), '');
  lines.push('PROJECTS');
  for (const object of pickSome(rand, OBJECTS, 2)) {
    lines.push(`- Open-source side project: ${object.replace(/^the /, 'a small version of the ')}, written in ${pick(rand, skills)}.`);
  }
  lines.push('', 'LANGUAGES', 'English (fluent), German (B2), Spanish (basic)');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Measuring helpers.

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), mean: sorted.reduce((s, v) => s + v, 0) / sorted.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const mb = (bytes: number) => bytes / (1024 * 1024);

/** Runs `work` over `texts` in consecutive groups of `batch`; returns texts per second. */
async function rate(texts: string[], batch: number, work: (group: string[]) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < texts.length; i += batch) await work(texts.slice(i, i + batch));
  return texts.length / ((performance.now() - started) / 1000);
}

// ---------------------------------------------------------------------------------------------
// The bare baseline: onnxruntime-node, the same model file, the same token windows.

export class BareOnnxEmbedder {
  private constructor(
    private readonly ort: Ort,
    private readonly session: OrtSession,
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly config: AppConfig,
    private readonly clsId: number,
    private readonly sepId: number,
  ) {}

  static async create(onnxFile: string, config: AppConfig): Promise<BareOnnxEmbedder> {
    const ort = (await import('onnxruntime-node')) as unknown as Ort;
    const session = await ort.InferenceSession.create(onnxFile);
    // The same tokenizer files as the app's inference worker (which sets its own transformers.js env).
    if (config.modelPath) {
      hfEnv.localModelPath = resolve(config.modelPath);
      hfEnv.allowLocalModels = true;
      hfEnv.allowRemoteModels = false;
    } else {
      hfEnv.cacheDir = resolve(config.modelCacheDir);
    }
    const tokenizer = await AutoTokenizer.from_pretrained(config.modelId);
    const [cls, sep] = tokenizer.encode('', { add_special_tokens: true });
    return new BareOnnxEmbedder(ort, session, tokenizer, config, cls ?? 101, sep ?? 102);
  }

  /**
   * Same preprocessing, windows, length-sorted runs and pooling as the service: a run holds at most
   * EMBEDDING_MAX_BATCH windows and, with `tokenBudget` > 0 (default: the service's
   * EMBEDDING_MAX_BATCH_TOKENS), stops before its padded size (windows x longest) passes that many
   * tokens. `tokenBudget` 0 = count only (the what-if for the old behaviour).
   */
  async embed(texts: string[], tokenBudget: number = this.config.embeddingMaxBatchTokens): Promise<Float32Array[]> {
    const maxPieces = this.config.embeddingWindowTokens - 2;
    const windows: Array<{ owner: number; ids: number[] }> = [];
    texts.forEach((text, owner) => {
      const ids = this.tokenizer.encode(preprocessForEmbedding(text), { add_special_tokens: false });
      for (const window of splitIntoWindows(ids, maxPieces, this.config.embeddingWindowOverlap)) {
        windows.push({ owner, ids: [this.clsId, ...window, this.sepId] });
      }
    });
    const pooled = new Array<Float32Array>(windows.length);
    const runs = planRuns(
      windows.map((window) => window.ids.length),
      this.config.embeddingMaxBatch,
      tokenBudget,
    );
    for (const run of runs) {
      const vectors = await this.run(run.map((w) => windows[w].ids));
      run.forEach((w, j) => (pooled[w] = vectors[j]));
    }
    const byOwner: Float32Array[][] = texts.map(() => []);
    windows.forEach((window, i) => byOwner[window.owner].push(pooled[i]));
    return byOwner.map(averageUnitVectors);
  }

  private async run(sequences: number[][]): Promise<Float32Array[]> {
    const { Tensor } = this.ort;
    const padded = padBatch(sequences);
    const dims = [padded.batch, padded.length];
    const output = await this.session.run({
      input_ids: new Tensor('int64', padded.inputIds, dims),
      attention_mask: new Tensor('int64', padded.attentionMask, dims),
      token_type_ids: new Tensor('int64', padded.tokenTypeIds, dims),
    });
    const hidden = output.last_hidden_state;
    return meanPoolNormalized(
      hidden.data as Float32Array,
      hidden.dims[2],
      padded,
      sequences.map((s) => s.length),
    );
  }

  textStats(texts: string[]): TextStats {
    const maxPieces = this.config.embeddingWindowTokens - 2;
    let words = 0;
    let pieces = 0;
    let windows = 0;
    for (const text of texts) {
      const input = preprocessForEmbedding(text);
      const ids = this.tokenizer.encode(input, { add_special_tokens: false });
      words += input.split(' ').length;
      pieces += ids.length;
      windows += splitIntoWindows(ids, maxPieces, this.config.embeddingWindowOverlap).length;
    }
    return { words: words / texts.length, pieces: pieces / texts.length, windows: windows / texts.length };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

// ---------------------------------------------------------------------------------------------

/** MODEL_ID / MODEL_PATH as the app will read them; the stand-in when MODEL_PATH is unset and it exists. */
export function resolveBenchModel(): { standIn: boolean } {
  const sharedModels = resolve(ROOT, '..', 'shared', 'models');
  if (!process.env.MODEL_PATH?.trim() && existsSync(join(sharedModels, ...STANDIN_ID.split('/')))) {
    process.env.MODEL_PATH = sharedModels;
    if (!process.env.MODEL_ID?.trim()) process.env.MODEL_ID = STANDIN_ID;
  }
  return { standIn: (process.env.MODEL_ID ?? '').trim() === STANDIN_ID };
}

// No HTTP, in-memory cache, no periodic backfill queries in the middle of the measurements. The
// database is DATABASE_URL when set (the deployment shape: PostgreSQL in its own process), else
// in-memory PGlite, which lives in this process and weighs ~400 MB of its RSS.
const CONTEXT_OVERRIDES: Partial<AppConfig> = {
  databaseUrl: process.env.DATABASE_URL?.trim() || null,
  pgliteDataDir: 'memory://',
  // A throwaway database's first-start admin key must not replace the one in ./data.
  adminApiKeyFile: join(tmpdir(), 'hirematch-bench-admin-api-key'),
  redisUrl: null,
  backfillIntervalMs: 0,
};
const BASELINE_FLAG = '--rss-without-model';

/** RSS of the same application context with no model loaded (a child process whose MODEL_PATH is empty). */
function measureAppWithoutModel(): { rssMb: number } | null {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), BASELINE_FLAG], {
    cwd: ROOT,
    env: { ...process.env, MODEL_PATH: join(ROOT, 'dist', 'no-model-here'), MODEL_ID: 'none/none' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = child.stdout?.split('\n').find((l) => l.startsWith('{'));
  const parsed = line ? (JSON.parse(line) as { rssMb: number; modelState: string }) : null;
  return parsed?.modelState === 'failed' ? parsed : null;
}

async function printRssWithoutModel(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(CONTEXT_OVERRIDES), { logger: false });
  const state = app.get(EmbeddingService).stats().model.state;
  await new Promise((done) => setTimeout(done, 200));
  console.log(JSON.stringify({ rssMb: mb(process.memoryUsage().rss), modelState: state }));
  await app.close();
}

const ARENA_FLAG = '--arena-probe';

/**
 * RSS of a process holding only the bare ONNX session after embedding 32 resumes with each ONNX
 * run capped at `tokens` padded tokens (0: chunks of EMBEDDING_MAX_BATCH windows, as the service does).
 */
function measureArena(onnxFile: string, tokens: number): { loadedMb: number; afterMb: number; peakMb: number } | null {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ARENA_FLAG, onnxFile, String(tokens)], {
    cwd: ROOT,
    env: process.env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = child.stdout?.split('\n').find((l) => l.startsWith('{'));
  return line ? (JSON.parse(line) as { loadedMb: number; afterMb: number; peakMb: number }) : null;
}

async function printArenaProbe(onnxFile: string, tokens: number): Promise<void> {
  resolveBenchModel();
  const config = loadConfig();
  if (config.modelPath) {
    hfEnv.localModelPath = resolve(config.modelPath);
    hfEnv.allowLocalModels = true;
    hfEnv.allowRemoteModels = false;
  } else {
    hfEnv.cacheDir = resolve('data', 'models');
  }
  const sampler = new RssSampler();
  const bare = await BareOnnxEmbedder.create(onnxFile, config);
  await bare.embed([shortText(1)]);
  const loadedMb = mb(process.memoryUsage().rss);
  sampler.start();
  const resumes = Array.from({ length: 32 }, (_, i) => resumeText(900_000 + i));
  await bare.embed(resumes, tokens);
  await bare.embed(resumes, tokens);
  const peakMb = sampler.stop();
  console.log(JSON.stringify({ loadedMb, afterMb: mb(process.memoryUsage().rss), peakMb }));
}

/** Samples RSS every 20 ms (ONNX runs off the main thread, so transient peaks are seen too). */
class RssSampler {
  peak = 0;
  private timer: NodeJS.Timeout | null = null;
  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), 20);
    this.timer.unref();
  }
  sample(): number {
    const rss = mb(process.memoryUsage().rss);
    this.peak = Math.max(this.peak, rss);
    return rss;
  }
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

export async function runEmbeddingsBench(options: { log?: (line: string) => void } = {}): Promise<EmbeddingsBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const benchStarted = performance.now();
  const loadAtStart = loadavg()[0];
  const { standIn } = resolveBenchModel();
  const withoutModel = measureAppWithoutModel();

  const bootStarted = performance.now();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(CONTEXT_OVERRIDES), { logger: false });
  const sampler = new RssSampler();
  try {
    const bootMs = performance.now() - bootStarted;
    const service = app.get(EmbeddingService);
    const cache = app.get(EmbeddingCache);
    const config = app.get<AppConfig>(APP_CONFIG);
    const status = service.stats().model;
    if (status.state !== 'ready') {
      throw new Error(
        `the embedding model did not load (MODEL_ID=${config.modelId}, MODEL_PATH=${config.modelPath ?? '<unset: hub>'}): ${status.reason} (the log above says more)`,
      );
    }
    const onnxName = status.dtype === 'q8' ? 'model_quantized.onnx' : 'model.onnx';
    const onnxFile = join(resolve(config.modelPath ?? config.modelCacheDir), config.modelId, 'onnx', onnxName);
    const result: EmbeddingsBenchResult = {
      model: {
        id: config.modelId,
        path: config.modelPath,
        dtype: status.dtype,
        standIn,
        onnxFile,
        onnxMb: existsSync(onnxFile) ? mb(statSync(onnxFile).size) : NaN,
      },
      machine: {
        node: process.version,
        cpus: availableParallelism(),
        cpuModel: cpus()[0]?.model ?? 'unknown',
        date: new Date().toISOString(),
        loadAtStart,
        loadAtEnd: 0,
      },
      config: {
        windowTokens: config.embeddingWindowTokens,
        windowOverlap: config.embeddingWindowOverlap,
        batchWindowMs: config.embeddingBatchWindowMs,
        maxBatch: config.embeddingMaxBatch,
        cache: cache.backend,
      },
      texts: { short: { words: 0, pieces: 0, windows: 0 }, resume: { words: 0, pieces: 0, windows: 0 } },
      bootMs,
      latency: {} as EmbeddingsBenchResult['latency'],
      throughput: [],
      bareTokenBudget: [],
      agreement: { maxAbsDiff: 0, minCosine: 1 },
      rss: {
        withoutModelMb: withoutModel?.rssMb ?? NaN,
        afterBootMb: mb(process.memoryUsage().rss),
        afterShortMb: 0,
        peakServiceMb: 0,
        afterBareMb: 0,
      },
      checks: [],
      seconds: 0,
    };
    sampler.start();

    log('== HireMatch embeddings bench ==');
    log(
      `model     : ${config.modelId} (${status.dtype}) from ${config.modelPath ? resolve(config.modelPath) : 'the Hugging Face hub cache'}`,
    );
    log(`            ${onnxFile} (${result.model.onnxMb.toFixed(1)} MB)`);
    if (standIn) {
      log("            STAND-IN: not all-MiniLM-L6-v2's weights, but its exact architecture (BERT: 6 layers, hidden 384,");
      log("            12 heads, FFN 1536, vocab 30522) and ONNX interface, so the inference cost measured is the real model's.");
    }
    log(
      `machine   : ${result.machine.cpus} CPUs (${result.machine.cpuModel}), node ${result.machine.node}, ${result.machine.date}, load average ${loadAtStart.toFixed(2)}`,
    );
    log(
      `service   : windows ${config.embeddingWindowTokens} pieces / overlap ${config.embeddingWindowOverlap}, micro-batch window ${config.embeddingBatchWindowMs} ms / ` +
        `max ${config.embeddingMaxBatch}, cache ${cache.backend}; app context (${config.databaseUrl ? 'PostgreSQL' : 'in-memory PGlite'}) booted in ${bootMs.toFixed(0)} ms`,
    );
    if (loadAtStart > result.machine.cpus / 2) {
      log(
        `WARNING   : the machine was busy when the bench started (load ${loadAtStart.toFixed(2)} on ${result.machine.cpus} CPUs): expect noisy figures.`,
      );
    }

    // Unique inputs: every measured call gets a text never embedded before in this process.
    let nextSeed = 1;
    const fresh = (kind: Kind, n: number) =>
      Array.from({ length: n }, () => (kind === 'short' ? shortText(nextSeed++) : resumeText(nextSeed++)));
    const expectMisses = async <T>(what: string, expected: number, work: () => Promise<T>): Promise<T> => {
      const before = { ...cache.counters };
      const value = await work();
      const hits = cache.counters.hits - before.hits;
      const misses = cache.counters.misses - before.misses;
      if (hits !== 0 || misses !== expected) {
        throw new Error(`${what}: expected ${expected} cache misses and no hits, saw ${misses} misses and ${hits} hits`);
      }
      return value;
    };

    // Warm-up on short texts only (resume-length batches grow ONNX Runtime's arena: measured below).
    await service.embedBatch(DEFAULT_ORGANIZATION_ID, fresh('short', 32));
    for (const text of fresh('short', 5)) await service.embed(DEFAULT_ORGANIZATION_ID, text);
    await Promise.all(fresh('short', 16).map((t) => service.embed(DEFAULT_ORGANIZATION_ID, t)));
    result.rss.afterShortMb = sampler.sample();
    await service.embedBatch(DEFAULT_ORGANIZATION_ID, fresh('resume', 8));
    await service.embed(DEFAULT_ORGANIZATION_ID, resumeText(nextSeed++));

    // 1. Single-text uncached latency: sequential embed() of unique texts (cache miss + micro-batch window + model).
    const timeEach = async (texts: string[]) => {
      const samples: number[] = [];
      for (const text of texts) {
        const started = performance.now();
        await service.embed(DEFAULT_ORGANIZATION_ID, text);
        samples.push(performance.now() - started);
      }
      return samples;
    };
    const shortLatencyTexts = fresh('short', 60);
    const resumeLatencyTexts = fresh('resume', 12);
    result.latency.uncachedShort = percentiles(await expectMisses('uncached short', 60, () => timeEach(shortLatencyTexts)));
    result.latency.uncachedResume = percentiles(await expectMisses('uncached resume', 12, () => timeEach(resumeLatencyTexts)));

    // 2. Cached latency: the same text again (in-memory cache: sha256 key, base64 decode).
    const cachedSamples: number[] = [];
    const cachedResumeSamples: number[] = [];
    for (let i = 0; i < 300; i++) {
      let started = performance.now();
      await service.embed(DEFAULT_ORGANIZATION_ID, shortLatencyTexts[i % 10]);
      cachedSamples.push(performance.now() - started);
      started = performance.now();
      await service.embed(DEFAULT_ORGANIZATION_ID, resumeLatencyTexts[i % 10]);
      cachedResumeSamples.push(performance.now() - started);
    }
    result.latency.cached = percentiles(cachedSamples);
    result.latency.cachedResume = percentiles(cachedResumeSamples);

    log('');
    log('-- latency: one text at a time through EmbeddingService.embed() --');
    const ms = (p: Percentiles, digits = 1) => `p50 ${p.p50.toFixed(digits)} ms, p95 ${p.p95.toFixed(digits)} ms`;
    log(
      `uncached, short text  (${result.latency.uncachedShort.n} unique): ${ms(result.latency.uncachedShort)} (includes the ${config.embeddingBatchWindowMs} ms micro-batch window)`,
    );
    log(`uncached, resume text (${result.latency.uncachedResume.n} unique): ${ms(result.latency.uncachedResume)}`);
    log(`cached,   short text  (x${result.latency.cached.n}): ${ms(result.latency.cached, 3)}`);
    log(`cached,   resume text (x${result.latency.cachedResume.n}): ${ms(result.latency.cachedResume, 3)}`);

    // The service's largest ONNX working set (EMBEDDING_MAX_BATCH windows of the full window length), then its RSS.
    await service.embedBatch(DEFAULT_ORGANIZATION_ID, fresh('resume', config.embeddingMaxBatch));
    result.rss.peakServiceMb = sampler.stop();

    // 3. Throughput. Each round: fresh texts X through service.embedBatch and the bare session
    // back to back (order alternating), and fresh texts Y as concurrent embed() calls. The ratio is
    // taken per round, so load from other processes on a shared machine hits both sides alike.
    const bare = await BareOnnxEmbedder.create(onnxFile, config);
    await bare.embed(fresh('short', 32));
    await bare.embed(fresh('resume', 8));
    const plan: Array<{ kind: Kind; batch: number; texts: number; rounds: number }> = [
      { kind: 'short', batch: 1, texts: 24, rounds: 6 },
      { kind: 'short', batch: 8, texts: 64, rounds: 6 },
      { kind: 'short', batch: 32, texts: 128, rounds: 6 },
      { kind: 'resume', batch: 1, texts: 4, rounds: 4 },
      { kind: 'resume', batch: 8, texts: 8, rounds: 4 },
      { kind: 'resume', batch: 32, texts: 32, rounds: 3 },
    ];
    const roundTexts = new Map<Kind, string[]>();
    for (const row of plan) {
      const key = `${row.kind} x${row.batch}`;
      const service_: number[] = [];
      const bare_: number[] = [];
      const concurrent: number[] = [];
      const ratios: number[] = [];
      for (let round = 0; round < row.rounds; round++) {
        const texts = fresh(row.kind, row.texts);
        const viaService = () =>
          expectMisses(`embedBatch ${key}`, row.texts, () => rate(texts, row.batch, (g) => service.embedBatch(DEFAULT_ORGANIZATION_ID, g)));
        const viaBare = () => rate(texts, row.batch, (g) => bare.embed(g));
        let s: number;
        let b: number;
        if (round % 2 === 0) {
          s = await viaService();
          b = await viaBare();
        } else {
          b = await viaBare();
          s = await viaService();
        }
        service_.push(s);
        bare_.push(b);
        ratios.push(s / b);
        const others = fresh(row.kind, row.texts);
        concurrent.push(
          await expectMisses(`concurrent embed ${key}`, row.texts, () =>
            rate(others, row.batch, (g) => Promise.all(g.map((t) => service.embed(DEFAULT_ORGANIZATION_ID, t)))),
          ),
        );
        if (row.batch === 32) roundTexts.set(row.kind, texts);
      }
      result.throughput.push({
        kind: row.kind,
        batch: row.batch,
        texts: row.texts,
        rounds: row.rounds,
        embedBatchPerSec: Math.max(...service_),
        embedBatchMedian: median(service_),
        concurrentEmbedPerSec: Math.max(...concurrent),
        concurrentEmbedMedian: median(concurrent),
        barePerSec: Math.max(...bare_),
        bareMedian: median(bare_),
        ratio: Math.max(...service_) / Math.max(...bare_),
        pairedRatio: median(ratios),
      });
    }

    // What-if: the same 32 resumes with each ONNX run capped by count only, or at 512 / 1024 / 2048 padded tokens.
    const resumes = fresh('resume', 32);
    const budgets = [0, 512, 1024, 2048];
    const budgetRates = budgets.map(() => [] as number[]);
    for (let round = 0; round < 2; round++) {
      for (const [i, tokens] of budgets.entries()) budgetRates[i].push(await rate(resumes, 32, (g) => bare.embed(g, tokens)));
    }
    result.bareTokenBudget = budgets.map((tokens, i) => ({ tokens, resumePerSec: Math.max(...budgetRates[i]), sessionOnlyRss: null }));

    result.texts.short = bare.textStats(roundTexts.get('short') ?? []);
    result.texts.resume = bare.textStats(roundTexts.get('resume') ?? []);

    // Same inputs, same numbers: the service's vectors vs the bare session's.
    const sample = [...fresh('short', 4), ...fresh('resume', 4)];
    const fromService = await service.embedBatch(DEFAULT_ORGANIZATION_ID, sample);
    const fromBare = await bare.embed(sample);
    fromService.forEach((v, i) => {
      let dot = 0;
      for (let d = 0; d < v.length; d++) {
        dot += v[d] * fromBare[i][d];
        result.agreement.maxAbsDiff = Math.max(result.agreement.maxAbsDiff, Math.abs(v[d] - fromBare[i][d]));
      }
      result.agreement.minCosine = Math.min(result.agreement.minCosine, dot);
    });
    result.rss.afterBareMb = mb(process.memoryUsage().rss);
    await bare.release();
    for (const entry of result.bareTokenBudget) entry.sessionOnlyRss = measureArena(onnxFile, entry.tokens);

    const st = result.texts.short;
    const rt = result.texts.resume;
    log('');
    log('-- throughput: texts/s, unique texts (every one a cache miss); best round (median round) --');
    log(
      `short  = search query / job headline: ~${st.words.toFixed(0)} words, ~${st.pieces.toFixed(0)} word pieces, ${st.windows.toFixed(1)} window`,
    );
    log(
      `resume = resume-length extracted text: ~${rt.words.toFixed(0)} words, ~${rt.pieces.toFixed(0)} word pieces, ${rt.windows.toFixed(1)} windows of <= ${config.embeddingWindowTokens}`,
    );
    log(
      'embedBatch = service.embedBatch(DEFAULT_ORGANIZATION_ID, batch texts); concurrent = `batch` embed() calls at once (micro-batched);',
    );
    log('bare = onnxruntime-node InferenceSession on the same .onnx: same AutoTokenizer, windows, length-sorted runs of');
    log(
      `       <= ${config.embeddingMaxBatch} windows and <= ${config.embeddingMaxBatchTokens} padded tokens (as the service), int64 inputs, mean pooling.`,
    );
    log('service/bare = median over rounds of embedBatch/bare, the two run back to back on the same texts (best round / best round)');
    const cell = (best: number, mid: number) => `${best.toFixed(1)} (${mid.toFixed(1)})`;
    log('kind    batch  texts x rounds      embedBatch/s  concurrent embed()/s        bare ORT/s   service/bare');
    for (const t of result.throughput) {
      log(
        `${t.kind.padEnd(7)} ${String(t.batch).padStart(5)}  ${`${t.texts} x ${t.rounds}`.padStart(14)}  ${cell(t.embedBatchPerSec, t.embedBatchMedian).padStart(16)}  ` +
          `${cell(t.concurrentEmbedPerSec, t.concurrentEmbedMedian).padStart(20)}  ${cell(t.barePerSec, t.bareMedian).padStart(16)}  ` +
          `${`${t.pairedRatio.toFixed(2)} (${t.ratio.toFixed(2)})`.padStart(13)}`,
      );
    }
    log(
      `what-if (bare, 32 resumes, best of 2): chunks of ${config.embeddingMaxBatch} windows (count only) ` +
        result.bareTokenBudget
          .map((b) => (b.tokens ? `| <= ${b.tokens} tokens per ONNX run ` : '') + `${b.resumePerSec.toFixed(1)}/s `)
          .join(''),
    );
    log(
      `agreement: service vs bare on ${sample.length} texts: min cosine ${result.agreement.minCosine.toFixed(6)}, max |diff| ${result.agreement.maxAbsDiff.toExponential(2)}`,
    );

    // 4. Memory.
    const modelShare = result.rss.peakServiceMb - result.rss.withoutModelMb;
    log('');
    log(
      `-- memory: RSS of the whole process (Nest context + ${CONTEXT_OVERRIDES.databaseUrl ? 'pg client' : 'in-memory PGlite'} + transformers.js/ONNX Runtime) --`,
    );
    log(
      `same context without a model (child process): ${withoutModel ? `${result.rss.withoutModelMb.toFixed(0)} MB` : 'n/a (the child failed)'}`,
    );
    log(
      `model loaded: after boot ${result.rss.afterBootMb.toFixed(0)} MB, after short-text batches ${result.rss.afterShortMb.toFixed(0)} MB, ` +
        `peak after resume batches ${result.rss.peakServiceMb.toFixed(0)} MB${withoutModel ? ` (model + ONNX Runtime arena: ~${modelShare.toFixed(0)} MB of it)` : ''}`,
    );
    log(`with the bare session as well: ${result.rss.afterBareMb.toFixed(0)} MB`);
    log(
      'what-if, a process holding only the bare ONNX session (child), peak RSS over 32 resumes: ' +
        result.bareTokenBudget
          .map(
            (b) =>
              `${b.tokens ? `<= ${b.tokens} tokens/run` : `chunks of ${config.embeddingMaxBatch} windows`} ${b.sessionOnlyRss ? `${b.sessionOnlyRss.peakMb.toFixed(0)} MB` : 'n/a'}`,
          )
          .join(', ') +
        ` (${result.bareTokenBudget[0].sessionOnlyRss?.loadedMb.toFixed(0) ?? '?'} MB with the model loaded)`,
    );

    // Targets.
    const worstRatio = Math.min(...result.throughput.filter((t) => t.batch === 32).map((t) => t.pairedRatio));
    result.checks = [
      {
        name: 'cached latency p50 (short text)',
        value: `${result.latency.cached.p50.toFixed(3)} ms`,
        target: `<= ${TARGETS.cachedP50Ms} ms`,
        pass: result.latency.cached.p50 <= TARGETS.cachedP50Ms,
      },
      {
        name: 'service/bare ORT throughput at batch 32, paired median (worse of short, resume)',
        value: worstRatio.toFixed(2),
        target: `>= ${TARGETS.serviceToBareRatio}`,
        pass: worstRatio >= TARGETS.serviceToBareRatio,
      },
      {
        name: 'process RSS with the model loaded (peak, service only)',
        value: `${result.rss.peakServiceMb.toFixed(0)} MB`,
        target: `<= ${TARGETS.rssMb} MB`,
        pass: result.rss.peakServiceMb <= TARGETS.rssMb,
      },
    ];
    result.machine.loadAtEnd = loadavg()[0];
    result.seconds = (performance.now() - benchStarted) / 1000;
    log('');
    log('-- targets --');
    for (const check of result.checks) log(`${check.pass ? 'PASS' : 'MISS'}  ${check.name}: ${check.value} (target ${check.target})`);
    log(
      `(bench took ${result.seconds.toFixed(0)} s; load average ${result.machine.loadAtStart.toFixed(2)} at start, ${result.machine.loadAtEnd.toFixed(2)} at end)`,
    );
    return result;
  } finally {
    sampler.stop();
    await app.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const at = process.argv.indexOf(ARENA_FLAG);
  const work = process.argv.includes(BASELINE_FLAG)
    ? printRssWithoutModel()
    : at > 0
      ? printArenaProbe(process.argv[at + 1], Number(process.argv[at + 2]))
      : runEmbeddingsBench();
  work.then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`bench:embeddings failed: ${(error as Error).stack ?? String(error)}`);
      process.exit(1);
    },
  );
}
