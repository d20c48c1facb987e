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
import { availableParallelism, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { AppModule } from '../src/app.module.js';
import { APP_CONFIG, type AppConfig } from '../src/config/app-config.js';
import { EmbeddingCache } from '../src/embeddings/embedding-cache.js';
import { EmbeddingService } from '../src/embeddings/embedding.service.js';
import { averageUnitVectors, normalize, splitIntoWindows } from '../src/embeddings/token-windows.js';
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

export interface ThroughputRow {
  kind: 'short' | 'resume';
  batch: number;
  texts: number;
  embedBatchPerSec: number;
  concurrentEmbedPerSec: number;
  barePerSec: number;
  ratio: number;
}

export interface EmbeddingsBenchResult {
  model: { id: string; path: string | null; dtype: string | null; standIn: boolean; onnxFile: string; onnxMb: number };
  machine: { node: string; cpus: number; cpuModel: string; date: string };
  config: { windowTokens: number; windowOverlap: number; batchWindowMs: number; maxBatch: number; cache: string };
  texts: { short: TextStats; resume: TextStats };
  bootMs: number;
  latency: {
    uncachedShort: Percentiles;
    uncachedResume: Percentiles;
    cached: Percentiles;
  };
  throughput: ThroughputRow[];
  agreement: { maxAbsDiff: number; minCosine: number };
  rss: { afterBootMb: number; peakServiceMb: number; afterBareMb: number };
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

const FIRST = ['Jane', 'Omar', 'Priya', 'Lukas', 'Mei', 'Carlos', 'Aisha', 'Tomasz', 'Grace', 'Kenji', 'Fatima', 'Daniel', 'Sofia', 'Arjun', 'Elena', 'Samuel'];
const LAST = ['Doe', 'Haddad', 'Raman', 'Becker', 'Chen', 'Ortega', 'Okafor', 'Nowak', 'Mensah', 'Tanaka', 'Rahimi', 'Brooks', 'Rossi', 'Iyer', 'Petrova', 'Lindqvist'];
const CITIES = ['Berlin, Germany', 'Austin, TX', 'Toronto, Canada', 'London, UK', 'Lisbon, Portugal', 'Bangalore, India', 'Warsaw, Poland', 'Seattle, WA', 'Amsterdam, Netherlands', 'Singapore'];
const ROLES = ['Backend Engineer', 'Frontend Developer', 'Data Engineer', 'Site Reliability Engineer', 'Machine Learning Engineer', 'Product Designer', 'QA Automation Engineer', 'Data Analyst', 'Full-Stack Developer', 'Platform Engineer', 'Mobile Developer', 'Engineering Manager', 'DevOps Engineer', 'Security Engineer'];
const LEVELS = ['Junior', 'Mid-level', 'Senior', 'Staff', 'Lead', 'Principal'];
const SKILLS = ['TypeScript', 'Node.js', 'NestJS', 'PostgreSQL', 'Redis', 'Kubernetes', 'Docker', 'AWS', 'GCP', 'Terraform', 'Python', 'Django', 'FastAPI', 'React', 'Next.js', 'GraphQL', 'Kafka', 'RabbitMQ', 'Go', 'Java', 'Spring Boot', 'Kotlin', 'Swift', 'Airflow', 'dbt', 'Snowflake', 'Spark', 'PyTorch', 'scikit-learn', 'Figma', 'Cypress', 'Playwright', 'Prometheus', 'Grafana', 'Elasticsearch', 'MongoDB', 'CI/CD', 'GitHub Actions', 'Linux', 'gRPC'];
const COMPANIES = ['FreightBridge', 'Northwind Health', 'Lumen Analytics', 'Bluefin Payments', 'Cobalt Robotics', 'Greenleaf Energy', 'Harbor Logistics', 'Quantica Labs', 'Mosaic Retail', 'Pinecrest Insurance', 'Atlas Travel', 'Kestrel Security'];
const VERBS = ['Designed', 'Built', 'Led', 'Migrated', 'Automated', 'Reduced', 'Improved', 'Owned', 'Introduced', 'Scaled', 'Refactored', 'Mentored', 'Shipped', 'Rewrote'];
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
const DEGREES = ['B.Sc. Computer Science', 'M.Sc. Software Engineering', 'B.Eng. Electrical Engineering', 'M.Sc. Data Science', 'B.A. Mathematics', 'B.Sc. Information Systems'];
const UNIS = ['Technical University of Munich', 'University of Texas at Austin', 'University of Toronto', 'University College London', 'University of Lisbon', 'IIT Madras', 'Warsaw University of Technology'];

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
    lines.push(`${pick(rand, LEVELS)} ${pick(rand, ROLES)}, ${pick(rand, COMPANIES)} (${pick(rand, CITIES)})  ${year - span} - ${job === 0 ? 'present' : year}`);
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
const peakRssMb = () => process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB on Linux

/** Runs `work` over `texts` in consecutive groups of `batch`; returns texts per second. */
async function rate(texts: string[], batch: number, work: (group: string[]) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < texts.length; i += batch) await work(texts.slice(i, i + batch));
  return texts.length / ((performance.now() - started) / 1000);
}

// ---------------------------------------------------------------------------------------------
// The bare baseline: onnxruntime-node, the same model file, the same token windows.

class BareOnnxEmbedder {
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
    // The app already pointed transformers.js at MODEL_PATH (or the hub cache); same tokenizer files.
    const tokenizer = await AutoTokenizer.from_pretrained(config.modelId);
    const [cls, sep] = tokenizer.encode('', { add_special_tokens: true });
    return new BareOnnxEmbedder(ort, session, tokenizer, config, cls ?? 101, sep ?? 102);
  }

  /** Same preprocessing, windows, length-sorted chunks of <= EMBEDDING_MAX_BATCH and pooling as the service. */
  async embed(texts: string[]): Promise<Float32Array[]> {
    const maxPieces = this.config.embeddingWindowTokens - 2;
    const windows: Array<{ owner: number; ids: number[] }> = [];
    texts.forEach((text, owner) => {
      const ids = this.tokenizer.encode(preprocessForEmbedding(text), { add_special_tokens: false });
      for (const window of splitIntoWindows(ids, maxPieces, this.config.embeddingWindowOverlap)) {
        windows.push({ owner, ids: [this.clsId, ...window, this.sepId] });
      }
    });
    const order = windows.map((_, i) => i).sort((a, b) => windows[a].ids.length - windows[b].ids.length);
    const pooled: Float32Array[] = new Array(windows.length);
    for (let i = 0; i < order.length; i += this.config.embeddingMaxBatch) {
      const chunk = order.slice(i, i + this.config.embeddingMaxBatch);
      const vectors = await this.run(chunk.map((w) => windows[w].ids));
      chunk.forEach((w, j) => (pooled[w] = vectors[j]));
    }
    const byOwner: Float32Array[][] = texts.map(() => []);
    windows.forEach((window, i) => byOwner[window.owner].push(pooled[i]));
    return byOwner.map(averageUnitVectors);
  }

  private async run(sequences: number[][]): Promise<Float32Array[]> {
    const { Tensor } = this.ort;
    const batch = sequences.length;
    const length = Math.max(...sequences.map((s) => s.length));
    const ids = new BigInt64Array(batch * length);
    const mask = new BigInt64Array(batch * length);
    sequences.forEach((sequence, b) => {
      for (let t = 0; t < sequence.length; t++) {
        ids[b * length + t] = BigInt(sequence[t]);
        mask[b * length + t] = 1n;
      }
    });
    const output = await this.session.run({
      input_ids: new Tensor('int64', ids, [batch, length]),
      attention_mask: new Tensor('int64', mask, [batch, length]),
      token_type_ids: new Tensor('int64', new BigInt64Array(batch * length), [batch, length]),
    });
    const hidden = output.last_hidden_state;
    const data = hidden.data as Float32Array;
    const dims = hidden.dims[2];
    return sequences.map((sequence, b) => {
      const vector = new Float32Array(dims);
      for (let t = 0; t < sequence.length; t++) {
        const offset = (b * length + t) * dims;
        for (let d = 0; d < dims; d++) vector[d] += data[offset + d];
      }
      for (let d = 0; d < dims; d++) vector[d] /= sequence.length;
      return normalize(vector);
    });
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

export async function runEmbeddingsBench(options: { log?: (line: string) => void } = {}): Promise<EmbeddingsBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const benchStarted = performance.now();
  const { standIn } = resolveBenchModel();

  const bootStarted = performance.now();
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ databaseUrl: null, pgliteDataDir: 'memory://', redisUrl: null }),
    { logger: false },
  );
  try {
    const bootMs = performance.now() - bootStarted;
    const service = app.get(EmbeddingService);
    const cache = app.get(EmbeddingCache);
    const config = app.get<AppConfig>(APP_CONFIG);
    const status = service.stats().model;
    if (status.state !== 'ready') {
      throw new Error(
        `the embedding model did not load (MODEL_ID=${config.modelId}, MODEL_PATH=${config.modelPath ?? '<unset: hub>'}): ${status.error}`,
      );
    }
    const onnxFile = config.modelPath
      ? join(resolve(config.modelPath), config.modelId, 'onnx', status.dtype === 'q8' ? 'model_quantized.onnx' : 'model.onnx')
      : join(resolve(hfEnv.cacheDir ?? join('data', 'models')), config.modelId, 'onnx', status.dtype === 'q8' ? 'model_quantized.onnx' : 'model.onnx');
    const result: EmbeddingsBenchResult = {
      model: {
        id: config.modelId,
        path: config.modelPath,
        dtype: status.dtype,
        standIn,
        onnxFile,
        onnxMb: existsSync(onnxFile) ? mb(statSync(onnxFile).size) : NaN,
      },
      machine: { node: process.version, cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? 'unknown', date: new Date().toISOString() },
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
      agreement: { maxAbsDiff: 0, minCosine: 1 },
      rss: { afterBootMb: 0, peakServiceMb: 0, afterBareMb: 0 },
      checks: [],
      seconds: 0,
    };

    log('== HireMatch embeddings bench ==');
    log(`model     : ${config.modelId} (${status.dtype}) from ${config.modelPath ? resolve(config.modelPath) : 'the Hugging Face hub cache'}`);
    log(`            onnx file ${onnxFile} (${result.model.onnxMb.toFixed(1)} MB)`);
    if (standIn) {
      log('            STAND-IN: not all-MiniLM-L6-v2\'s weights, but its exact architecture (BERT, 6 layers, hidden 384,');
      log('            12 heads, FFN 1536) and ONNX interface, so the inference cost measured here is the real model\'s.');
    }
    log(`machine   : ${result.machine.cpus} CPUs (${result.machine.cpuModel}), node ${result.machine.node}, ${result.machine.date}`);
    log(`service   : windows ${config.embeddingWindowTokens} pieces / overlap ${config.embeddingWindowOverlap}, micro-batch window ${config.embeddingBatchWindowMs} ms / max ${config.embeddingMaxBatch}, cache ${cache.backend}; app context booted in ${bootMs.toFixed(0)} ms`);

    // Unique inputs: every measured call gets a text never embedded before in this process.
    let nextSeed = 1;
    const fresh = (kind: 'short' | 'resume', n: number) =>
      Array.from({ length: n }, () => (kind === 'short' ? shortText(nextSeed++) : resumeText(nextSeed++)));
    const assertMisses = async (what: string, work: () => Promise<unknown>, expectedMisses: number) => {
      const before = { ...cache.counters };
      await work();
      const hits = cache.counters.hits - before.hits;
      const misses = cache.counters.misses - before.misses;
      if (hits !== 0 || misses !== expectedMisses) throw new Error(`${what}: expected ${expectedMisses} cache misses and no hits, saw ${misses} misses, ${hits} hits`);
    };

    // Warm-up: both text kinds, every batch shape used below, single and concurrent calls.
    await service.embedBatch(fresh('short', 32));
    await service.embedBatch(fresh('resume', 8));
    for (const text of fresh('short', 5)) await service.embed(text);
    await Promise.all(fresh('short', 16).map((t) => service.embed(t)));
    await service.embed(resumeText(nextSeed++));
    result.rss.afterBootMb = mb(process.memoryUsage().rss);

    // 1. Single-text uncached latency (sequential embed() of unique texts: cache miss + micro-batch window + model).
    const single = async (texts: string[]) => {
      const samples: number[] = [];
      for (const text of texts) {
        const started = performance.now();
        await service.embed(text);
        samples.push(performance.now() - started);
      }
      return samples;
    };
    let shortSamples: number[] = [];
    let resumeSamples: number[] = [];
    const shortLatencyTexts = fresh('short', 60);
    const resumeLatencyTexts = fresh('resume', 12);
    await assertMisses('uncached latency', async () => {
      shortSamples = await single(shortLatencyTexts);
      resumeSamples = await single(resumeLatencyTexts);
    }, shortLatencyTexts.length + resumeLatencyTexts.length);
    result.latency.uncachedShort = percentiles(shortSamples);
    result.latency.uncachedResume = percentiles(resumeSamples);

    // 2. Cached latency: the same text again (in-memory cache: sha256 key, base64 decode).
    const cachedText = shortLatencyTexts[0];
    const cachedSamples: number[] = [];
    for (let i = 0; i < 300; i++) {
      const started = performance.now();
      await service.embed(cachedText);
      cachedSamples.push(performance.now() - started);
    }
    result.latency.cached = percentiles(cachedSamples);
    const cachedResume: number[] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      await service.embed(resumeLatencyTexts[0]);
      cachedResume.push(performance.now() - started);
    }
    const cachedResumeP = percentiles(cachedResume);

    log('');
    log('-- latency, one text at a time through EmbeddingService.embed() --');
    log(`uncached short  (${result.latency.uncachedShort.n} unique): p50 ${result.latency.uncachedShort.p50.toFixed(1)} ms, p95 ${result.latency.uncachedShort.p95.toFixed(1)} ms (includes the ${config.embeddingBatchWindowMs} ms micro-batch window)`);
    log(`uncached resume (${result.latency.uncachedResume.n} unique): p50 ${result.latency.uncachedResume.p50.toFixed(1)} ms, p95 ${result.latency.uncachedResume.p95.toFixed(1)} ms`);
    log(`cached          (same text x${result.latency.cached.n}): p50 ${result.latency.cached.p50.toFixed(3)} ms, p95 ${result.latency.cached.p95.toFixed(3)} ms; resume-length text p50 ${cachedResumeP.p50.toFixed(3)} ms`);

    // 3. Throughput: service embedBatch, service concurrent embed(), bare ORT; rounds alternate the order.
    log('');
    log('-- throughput (unique texts; texts/s; median of rounds) --');
    const bare = { embedder: null as BareOnnxEmbedder | null };
    const plan: Array<{ kind: 'short' | 'resume'; batch: number; texts: number; rounds: number }> = [
      { kind: 'short', batch: 1, texts: 32, rounds: 3 },
      { kind: 'short', batch: 8, texts: 64, rounds: 3 },
      { kind: 'short', batch: 32, texts: 128, rounds: 3 },
      { kind: 'resume', batch: 1, texts: 4, rounds: 2 },
      { kind: 'resume', batch: 8, texts: 8, rounds: 2 },
      { kind: 'resume', batch: 32, texts: 32, rounds: 2 },
    ];
    // The service side runs first for every row (peak RSS of the service alone), the bare side after.
    const serviceRuns = new Map<string, { texts: string[][]; embedBatch: number[]; concurrent: number[] }>();
    for (const row of plan) {
      const key = `${row.kind}/${row.batch}`;
      const runs = { texts: [] as string[][], embedBatch: [] as number[], concurrent: [] as number[] };
      for (let round = 0; round < row.rounds; round++) {
        const batchTexts = fresh(row.kind, row.texts);
        const concurrentTexts = fresh(row.kind, row.texts);
        const doBatch = async () =>
          assertMisses(`embedBatch ${key}`, async () => runs.embedBatch.push(await rate(batchTexts, row.batch, (g) => service.embedBatch(g))), row.texts);
        const doConcurrent = async () =>
          assertMisses(`concurrent embed ${key}`, async () =>
            runs.concurrent.push(await rate(concurrentTexts, row.batch, (g) => Promise.all(g.map((t) => service.embed(t))))), row.texts);
        if (round % 2 === 0) {
          await doBatch();
          await doConcurrent();
        } else {
          await doConcurrent();
          await doBatch();
        }
        runs.texts.push(batchTexts);
      }
      serviceRuns.set(key, runs);
    }
    result.rss.peakServiceMb = peakRssMb();

    bare.embedder = await BareOnnxEmbedder.create(onnxFile, config);
    const embedder = bare.embedder;
    // Warm the bare session on the same shapes as the service was warmed.
    await embedder.embed(fresh('short', 32));
    await embedder.embed(fresh('resume', 8));
    result.texts.short = embedder.textStats(serviceRuns.get('short/32')!.texts.flat());
    result.texts.resume = embedder.textStats(serviceRuns.get('resume/32')!.texts.flat());
    for (const row of plan) {
      const key = `${row.kind}/${row.batch}`;
      const runs = serviceRuns.get(key)!;
      const bareRates: number[] = [];
      for (const texts of runs.texts) bareRates.push(await rate(texts, row.batch, (g) => embedder.embed(g)));
      // One more service round right after the bare ones, so drift on a shared machine shows in both.
      const again = fresh(row.kind, row.texts);
      runs.embedBatch.push(await rate(again, row.batch, (g) => service.embedBatch(g)));
      bareRates.push(await rate(again, row.batch, (g) => embedder.embed(g)));
      const throughput: ThroughputRow = {
        kind: row.kind,
        batch: row.batch,
        texts: row.texts,
        embedBatchPerSec: median(runs.embedBatch),
        concurrentEmbedPerSec: median(runs.concurrent),
        barePerSec: median(bareRates),
        ratio: 0,
      };
      throughput.ratio = throughput.embedBatchPerSec / throughput.barePerSec;
      result.throughput.push(throughput);
    }

    // Same inputs, same numbers: the service's stored vectors vs the bare session's.
    const sample = [...serviceRuns.get('short/8')!.texts[0].slice(0, 4), ...serviceRuns.get('resume/8')!.texts[0].slice(0, 4)];
    const fromService = await service.embedBatch(sample);
    const fromBare = await embedder.embed(sample);
    fromService.forEach((v, i) => {
      let dot = 0;
      for (let d = 0; d < v.length; d++) {
        dot += v[d] * fromBare[i][d];
        result.agreement.maxAbsDiff = Math.max(result.agreement.maxAbsDiff, Math.abs(v[d] - fromBare[i][d]));
      }
      result.agreement.minCosine = Math.min(result.agreement.minCosine, dot);
    });
    result.rss.afterBareMb = mb(process.memoryUsage().rss);
    await embedder.release();

    const s = result.texts.short;
    const r = result.texts.resume;
    log(`short  = search-query / job-headline text: ~${s.words.toFixed(0)} words, ~${s.pieces.toFixed(0)} word pieces, ${s.windows.toFixed(1)} window`);
    log(`resume = resume-length extracted text:     ~${r.words.toFixed(0)} words, ~${r.pieces.toFixed(0)} word pieces, ${r.windows.toFixed(1)} windows of <= ${config.embeddingWindowTokens}`);
    log('bare   = onnxruntime-node InferenceSession on the same .onnx, same AutoTokenizer, same windows and length-sorted');
    log(`         chunks of <= ${config.embeddingMaxBatch}, int64 input_ids/attention_mask/token_type_ids, mean pooling in JS`);
    log('kind    batch  texts  embedBatch/s  concurrent embed()/s  bare ORT/s  service/bare');
    for (const t of result.throughput) {
      log(
        `${t.kind.padEnd(7)} ${String(t.batch).padStart(5)}  ${String(t.texts).padStart(5)}  ${t.embedBatchPerSec.toFixed(1).padStart(12)}  ${t.concurrentEmbedPerSec.toFixed(1).padStart(20)}  ${t.barePerSec.toFixed(1).padStart(10)}  ${t.ratio.toFixed(2).padStart(12)}`,
      );
    }
    log(`agreement: service vs bare vectors on ${sample.length} texts: min cosine ${result.agreement.minCosine.toFixed(6)}, max |diff| ${result.agreement.maxAbsDiff.toExponential(2)}`);

    // 4. Memory.
    log('');
    log('-- memory (whole process: Nest context + in-memory PGlite + model) --');
    log(`RSS after boot + warm-up ${result.rss.afterBootMb.toFixed(0)} MB; peak during the service runs ${result.rss.peakServiceMb.toFixed(0)} MB; after the bare session too ${result.rss.afterBareMb.toFixed(0)} MB`);

    // Targets.
    const worstRatio = Math.min(...result.throughput.filter((t) => t.batch === 32).map((t) => t.ratio));
    result.checks = [
      {
        name: 'cached latency p50',
        value: `${result.latency.cached.p50.toFixed(3)} ms`,
        target: `<= ${TARGETS.cachedP50Ms} ms`,
        pass: result.latency.cached.p50 <= TARGETS.cachedP50Ms,
      },
      {
        name: 'service/bare throughput at batch 32 (worst of short, resume)',
        value: worstRatio.toFixed(2),
        target: `>= ${TARGETS.serviceToBareRatio}`,
        pass: worstRatio >= TARGETS.serviceToBareRatio,
      },
      {
        name: 'peak RSS with the model loaded (service runs)',
        value: `${result.rss.peakServiceMb.toFixed(0)} MB`,
        target: `<= ${TARGETS.rssMb} MB`,
        pass: result.rss.peakServiceMb <= TARGETS.rssMb,
      },
    ];
    log('');
    log('-- targets --');
    for (const check of result.checks) log(`${check.pass ? 'PASS' : 'MISS'}  ${check.name}: ${check.value} (target ${check.target})`);
    result.seconds = (performance.now() - benchStarted) / 1000;
    log(`(bench took ${result.seconds.toFixed(0)} s)`);
    return result;
  } finally {
    await app.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runEmbeddingsBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`bench:embeddings failed: ${(error as Error).stack ?? error}`);
      process.exit(1);
    },
  );
}
