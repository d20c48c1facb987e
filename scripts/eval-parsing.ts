/**
 * Parsing accuracy on the generated resume corpus (test/fixtures/generate-fixtures.ts):
 * renders every persona as PDF, DOCX and TXT, extracts the text, parses it and compares with the
 * ground truth. Prints per-field accuracy and skill precision/recall/F1 per format and overall;
 * exits non-zero when a target is missed.
 *
 *   npm run eval:parsing [-- --verbose] [-- --only <id-substring>] [-- --public-data <dir>] [-- --esco <dir>]
 *
 * Then, when the public data is there (default ../shared/data/skill-extraction and
 * ../shared/data/esco; see test/fixtures/matching/README.md), skill precision / recall / F1 on
 * job-posting sentences hand-labelled with ESCO skills, beside an exact-match baseline over every
 * ESCO label, on the test files (the validation files are for tuning: `--public-split validation`).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import { SkillExtractor } from '../src/skills/skill-extractor.js';
import {
  PUBLIC_F1_RATIO_TARGET,
  PUBLIC_PRECISION_TARGET,
  PUBLIC_SKILL_FILES,
  evaluatePublicSkills,
  pooled,
  prf as publicPrf,
} from './eval/public-skill-eval.js';
import { ResumeParser } from '../src/resumes/parsing/resume-parser.js';
import { cleanDocumentText } from '../src/text-cleaning/text-cleaning.js';
import type { ParsedResume } from '../src/resumes/parsing/parsed-resume.js';
import {
  FIXTURE_NOW,
  buildHostileCases,
  renderResumeCorpus,
  type RenderedResume,
  type ResumeTruth,
} from '../test/fixtures/generate-fixtures.js';

const FIELD_TARGET = 0.9;
const SKILL_F1_TARGET = 0.85;
const YEARS_TOLERANCE = 0.5;

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const argValue = (flag: string, fallback: string) => (args.includes(flag) ? resolve(args[args.indexOf(flag) + 1]) : fallback);
const sharedData = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data');
const publicDataDir = argValue('--public-data', resolve(sharedData, 'skill-extraction'));
const escoDir = argValue('--esco', resolve(sharedData, 'esco'));
const publicSplit = args.includes('--public-split') && args[args.indexOf('--public-split') + 1] === 'validation' ? 'validation' : 'test';

/** Skills on the public labelled sentences; returns the missed targets (none when the data is absent). */
function publicSkillReport(extractor: SkillExtractor): string[] {
  const result = evaluatePublicSkills(extractor, publicDataDir, escoDir, PUBLIC_SKILL_FILES[publicSplit]);
  if (!result) {
    console.log(`\npublic skill data not found (${publicDataDir}, ${escoDir}): skipped; see test/fixtures/matching/README.md`);
    return [];
  }
  const f = (x: number) => x.toFixed(3);
  console.log(`\npublic ESCO-labelled sentences (${publicSplit} files): skill P / R / F1, extractor vs exact match over all ESCO labels`);
  console.log(['file', 'sentences', 'labels', 'P', 'R', 'F1', 'baseP', 'baseR', 'baseF1', 'noESCO'].map((h) => h.padEnd(11)).join(' '));
  for (const s of result.subsets) {
    const e = publicPrf(s.extractor);
    const b = publicPrf(s.baseline);
    console.log(
      [
        s.file.replace('_annotations.csv', ''),
        String(s.sentences),
        String(s.goldLabels),
        f(e.p),
        f(e.r),
        f(e.f1),
        f(b.p),
        f(b.r),
        f(b.f1),
        String(s.withoutConcept),
      ]
        .map((h) => h.padEnd(11))
        .join(' '),
    );
  }
  const all = pooled(result.subsets);
  const e = publicPrf(all.extractor);
  const b = publicPrf(all.baseline);
  const ratio = b.f1 ? e.f1 / b.f1 : 0;
  console.log(
    `pooled: extractor P ${f(e.p)} R ${f(e.r)} F1 ${f(e.f1)}; baseline P ${f(b.p)} R ${f(b.r)} F1 ${f(b.f1)}; F1 ratio ${ratio.toFixed(2)}`,
  );
  console.log('(extractor skills without an ESCO concept, noESCO, are not scored: no ESCO label can confirm or refute them)');
  if (verbose) {
    const top = (m: Map<string, number>) =>
      [...m]
        .sort((x, y) => y[1] - x[1])
        .slice(0, 15)
        .map(([k, v]) => `${k} (${v})`)
        .join(', ');
    console.log(`false positives: ${top(result.falsePositives)}\nmisses: ${top(result.falseNegatives)}`);
  }
  const misses: string[] = [];
  if (ratio < PUBLIC_F1_RATIO_TARGET) misses.push(`public skill F1 ${f(e.f1)} < ${PUBLIC_F1_RATIO_TARGET} x baseline ${f(b.f1)}`);
  if (e.p < PUBLIC_PRECISION_TARGET) misses.push(`public skill precision ${f(e.p)} < ${PUBLIC_PRECISION_TARGET}`);
  return misses;
}

type Extract = (buffer: Buffer, filename: string) => Promise<string>;

/** Direct extraction, the way the brief describes the libraries, then the cleaning extraction applies. */
const directExtract: Extract = async (buffer, filename) => cleanDocumentText(await extractWithLibrary(buffer, filename)).text;

async function extractWithLibrary(buffer: Buffer, filename: string): Promise<string> {
  if (filename.endsWith('.pdf')) {
    const parser = new PDFParse({ data: new Uint8Array(buffer) });
    try {
      return (await parser.getText()).text;
    } finally {
      await parser.destroy();
    }
  }
  if (filename.endsWith('.docx')) return (await mammoth.extractRawText({ buffer })).value;
  return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
}

/** The app's DocumentProcessor when it is built next to this script (same dist tree). */
async function appExtractor(): Promise<{ extract: Extract; processor: { extract(b: Buffer): Promise<{ text: string }> } } | null> {
  if (process.env.EVAL_DIRECT_EXTRACTION) return null;
  const here = dirname(fileURLToPath(import.meta.url));
  const procPath = resolve(here, '..', 'src', 'documents', 'document-processor.js');
  const cfgPath = resolve(here, '..', 'src', 'config', 'app-config.js');
  if (!existsSync(procPath) || !existsSync(cfgPath)) return null;
  try {
    const { DocumentProcessor } = (await import(pathToFileURL(procPath).href)) as {
      DocumentProcessor: new (config: unknown) => { extract(b: Buffer, filename?: string): Promise<{ text: string } | string> };
    };
    const { loadConfig } = (await import(pathToFileURL(cfgPath).href)) as { loadConfig: (env?: Record<string, string>) => unknown };
    const processor = new DocumentProcessor(loadConfig({}));
    const extract: Extract = async (buffer, filename) => {
      const r = await processor.extract(buffer, filename);
      return typeof r === 'string' ? r : r.text;
    };
    return { extract, processor: { extract: async (b) => ({ text: await extract(b, '') }) } };
  } catch (err) {
    console.warn(`DocumentProcessor unavailable (${(err as Error).message}); extracting directly`);
    return null;
  }
}

const norm = (s: string | null | undefined) => (s ?? '').normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

interface FieldResult {
  name: boolean;
  email: boolean;
  phone: boolean;
  location: boolean;
  years: boolean;
  education: boolean;
}
const FIELDS: (keyof FieldResult)[] = ['name', 'email', 'phone', 'location', 'years', 'education'];

/** Positions whose start month matches, and of those how many have the right title / company. */
function compareExperience(p: ParsedResume, t: ResumeTruth): { jobs: number; found: number; title: number; company: number } {
  let found = 0;
  let title = 0;
  let company = 0;
  for (const j of t.experience) {
    // year-only resumes can only give YYYY-01
    const e = p.experience.find((x) => x.start === j.start || x.start === `${j.start.slice(0, 4)}-01`);
    if (!e) continue;
    found++;
    if (norm(e.title) === norm(j.title)) title++;
    if (norm(e.company) === norm(j.company)) company++;
  }
  return { jobs: t.experience.length, found, title, company };
}

function compare(p: ParsedResume, t: ResumeTruth): { fields: FieldResult; tp: number; fp: string[]; fn: string[] } {
  const city = norm(t.location.split(',')[0]);
  const fields: FieldResult = {
    name: norm(p.name) === norm(t.name),
    email: norm(p.email) === norm(t.email),
    phone: p.phone === t.phone,
    location: !!p.location && norm(p.location).includes(city),
    years: p.totalYearsExperience !== null && Math.abs(p.totalYearsExperience - t.totalYearsExperience) <= YEARS_TOLERANCE,
    education: p.highestEducationLevel === t.highestEducationLevel,
  };
  const truth = new Set(t.skills);
  // languages are scored as languages below (the ground truth lists them apart from skills)
  const pred = new Set(p.skills.filter((s) => s.type !== 'language').map((s) => s.name));
  const tp = [...pred].filter((s) => truth.has(s)).length;
  return { fields, tp, fp: [...pred].filter((s) => !truth.has(s)), fn: [...truth].filter((s) => !pred.has(s)) };
}

interface Bucket {
  n: number;
  fields: Record<keyof FieldResult, number>;
  tp: number;
  fp: number;
  fn: number;
}
const bucket = (): Bucket => ({ n: 0, fields: { name: 0, email: 0, phone: 0, location: 0, years: 0, education: 0 }, tp: 0, fp: 0, fn: 0 });

async function main(): Promise<number> {
  const t0 = performance.now();
  const extractor = SkillExtractor.shared();
  const parser = new ResumeParser(extractor);
  const app = await appExtractor();
  const extract = app?.extract ?? directExtract;
  let corpus: RenderedResume[] = await renderResumeCorpus();
  if (only) corpus = corpus.filter((r) => r.id.includes(only));
  const ids = new Set(corpus.map((r) => r.id));
  const professions = new Set(corpus.map((r) => r.profession));
  console.log(
    `corpus: ${ids.size} resumes x formats = ${corpus.length} documents, ${professions.size} professions; extraction: ${app ? 'DocumentProcessor' : 'pdf-parse / mammoth / utf8'}`,
  );

  // labels must be canonical dictionary names, or the comparison is meaningless
  const unknown = new Set<string>();
  for (const r of corpus) for (const s of r.truth.skills) if (extractor.canonicalize(s) !== s) unknown.add(s);
  if (unknown.size) console.warn(`warning: ground-truth skills that are not canonical dictionary names: ${[...unknown].join(', ')}`);

  const buckets: Record<string, Bucket> = { pdf: bucket(), docx: bucket(), txt: bucket(), all: bucket() };
  const fpCount = new Map<string, number>();
  const fnCount = new Map<string, number>();
  let parseMs = 0;
  const exp = { jobs: 0, found: 0, title: 0, company: 0 };
  const languages = { tp: 0, pred: 0, truth: 0 };
  for (const r of corpus) {
    let text: string;
    try {
      text = await extract(r.buffer, r.filename);
    } catch (err) {
      console.error(`${r.filename}: extraction failed: ${(err as Error).message}`);
      text = '';
    }
    const t1 = performance.now();
    const parsed = parser.parse(text, { now: FIXTURE_NOW });
    parseMs += performance.now() - t1;
    const c = compare(parsed, r.truth);
    const ce = compareExperience(parsed, r.truth);
    exp.jobs += ce.jobs;
    exp.found += ce.found;
    exp.title += ce.title;
    exp.company += ce.company;
    languages.pred += parsed.languages.length;
    languages.truth += r.truth.languages.length;
    languages.tp += parsed.languages.filter((l) => r.truth.languages.includes(l)).length;
    if (verbose && (ce.title < ce.jobs || ce.company < ce.jobs)) {
      console.log(`\n${r.filename} positions:`);
      for (const j of r.truth.experience) {
        const e = parsed.experience.find((x) => x.start === j.start || x.start === `${j.start.slice(0, 4)}-01`);
        if (!e || norm(e.title) !== norm(j.title) || norm(e.company) !== norm(j.company))
          console.log(
            `  want ${JSON.stringify([j.title, j.company, j.start])} got ${JSON.stringify(e ? [e.title, e.company, e.start] : null)}`,
          );
      }
    }
    for (const b of [buckets[r.format], buckets.all]) {
      b.n++;
      for (const f of FIELDS) b.fields[f] += c.fields[f] ? 1 : 0;
      b.tp += c.tp;
      b.fp += c.fp.length;
      b.fn += c.fn.length;
    }
    c.fp.forEach((s) => fpCount.set(s, (fpCount.get(s) ?? 0) + 1));
    c.fn.forEach((s) => fnCount.set(s, (fnCount.get(s) ?? 0) + 1));
    const wrong = FIELDS.filter((f) => !c.fields[f]);
    if (verbose && (wrong.length || c.fp.length || c.fn.length)) {
      const show: Record<string, [unknown, unknown]> = {
        name: [parsed.name, r.truth.name],
        email: [parsed.email, r.truth.email],
        phone: [parsed.phone, r.truth.phone],
        location: [parsed.location, r.truth.location],
        years: [parsed.totalYearsExperience, r.truth.totalYearsExperience],
        education: [parsed.highestEducationLevel, r.truth.highestEducationLevel],
      };
      console.log(`\n${r.filename}`);
      for (const f of wrong) console.log(`  ${f}: got ${JSON.stringify(show[f][0])}, want ${JSON.stringify(show[f][1])}`);
      if (c.fp.length) console.log(`  skills FP: ${c.fp.join(', ')}`);
      if (c.fn.length) console.log(`  skills FN: ${c.fn.join(', ')}`);
    }
  }

  const pct = (x: number) => x.toFixed(3);
  const prf = (b: Bucket) => {
    const p = b.tp / Math.max(1, b.tp + b.fp);
    const rc = b.tp / Math.max(1, b.tp + b.fn);
    return { p, r: rc, f1: p + rc ? (2 * p * rc) / (p + rc) : 0 };
  };
  console.log('');
  console.log(['format', 'docs', ...FIELDS, 'skillP', 'skillR', 'skillF1'].map((h) => h.padEnd(9)).join(' '));
  for (const [name, b] of Object.entries(buckets)) {
    if (!b.n) continue;
    const s = prf(b);
    console.log(
      [name, String(b.n), ...FIELDS.map((f) => pct(b.fields[f] / b.n)), pct(s.p), pct(s.r), pct(s.f1)].map((h) => h.padEnd(9)).join(' '),
    );
  }
  console.log(
    `\npositions (informational): ${exp.found}/${exp.jobs} found by start date; title ${pct(exp.title / Math.max(1, exp.found))}, company ${pct(exp.company / Math.max(1, exp.found))}; languages P ${pct(languages.tp / Math.max(1, languages.pred))} R ${pct(languages.tp / Math.max(1, languages.truth))}`,
  );
  const top = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([k, v]) => `${k} (${v})`)
      .join(', ');
  if (fpCount.size) console.log(`\nmost frequent false positives: ${top(fpCount)}`);
  if (fnCount.size) console.log(`most frequent misses: ${top(fnCount)}`);
  console.log(`parse time: ${(parseMs / corpus.length).toFixed(1)} ms/document; total ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // hostile uploads (informational): only meaningful with the app's DocumentProcessor
  if (app && !only) {
    const cases = await buildHostileCases();
    const rows: string[] = [];
    let ok = 0;
    for (const h of cases) {
      let got: string | null = null;
      try {
        await app.extract(h.buffer, h.filename);
      } catch (err) {
        got =
          ((err as { code?: string }).code ??
            (err as { getResponse?: () => { code?: string } }).getResponse?.()?.code ??
            (err as Error).name) ||
          'ERROR';
      }
      if (got === h.expectedCode) ok++;
      else rows.push(`  ${h.name}: expected ${h.expectedCode ?? 'accepted'}, got ${got ?? 'accepted'}`);
    }
    console.log(`\nhostile uploads via DocumentProcessor: ${ok}/${cases.length} answered with the expected code`);
    rows.forEach((r) => console.log(r));
  }

  const all = buckets.all;
  const misses: string[] = [];
  for (const f of FIELDS) if (all.fields[f] / all.n < FIELD_TARGET) misses.push(`${f} ${pct(all.fields[f] / all.n)} < ${FIELD_TARGET}`);
  const f1 = prf(all).f1;
  if (f1 < SKILL_F1_TARGET) misses.push(`skill F1 ${pct(f1)} < ${SKILL_F1_TARGET}`);
  if (ids.size < 20 && !only) misses.push(`corpus has only ${ids.size} resumes`);
  if (!only) misses.push(...publicSkillReport(extractor));
  if (misses.length) {
    console.log(`\nFAIL: ${misses.join('; ')}`);
    return 1;
  }
  console.log(`\nPASS: every field >= ${FIELD_TARGET}, skill F1 ${pct(f1)} >= ${SKILL_F1_TARGET}; public skill targets met or data absent`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
