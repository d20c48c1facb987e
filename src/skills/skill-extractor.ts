import dictionaryFile from './skill-dictionary.json' with { type: 'json' };
import { PAGE_MARKER } from '../text-cleaning/page-markers.js';
import { aliasKeys, joinableGap, normalizeText, stemKeys, stemOf, tokenize, type Token } from './tokenize.js';
import { PREFERRED_CUE, REQUIRED_CUE, cueOf, labelOf, sentenceRanges, type RequirementMode } from './requirement-cues.js';
import { hasLanguageCue, higherLevel, statedLevel } from './language-level.js';
import { modifiesRoleOrOrganisation, roleNounSet } from './role-context.js';
import type { SkillRef, SkillType } from './skill-types.js';

/** One skill found in a text: canonical name, ESCO URI, type, category, the spellings seen and where. */
export interface SkillMention extends SkillRef {
  category: string;
  matchedText: string[];
  sections: string[];
}

/** Entry of `skill-dictionary.json`. */
export interface SkillDictionaryEntry {
  name: string;
  /** Spellings matched token for token (case rules below). */
  aliases: string[];
  category: string;
  type: SkillType;
  /** ESCO concept id (the URI without `header.escoUriPrefix`). */
  uri?: string;
  /** ESCO labels, matched on word stems with room for an article or a possessive ("manage your time"). */
  labels?: string[];
  /** ESCO labels too common to count outside a skills context ("lead", "cooperate"). */
  contextLabels?: string[];
  /** Trait adjectives ("proactive", "structured"): count only where a person is described. */
  traitLabels?: string[];
  /** The name is an ESCO preferred label: matched only when it is among `labels` / `contextLabels`. */
  nameIsLabel?: boolean;
  /**
   * Every single-word alias is ambiguous (only matched in a skills context). `true`: a proper noun
   * that doubles as a word (`Go`, `Excel`), only its capitalised form counts; `'common'`: a common
   * noun (`statistics`, `nursing`), any case.
   */
  ambiguous?: boolean | 'common';
  /** Individual ambiguous proper-noun aliases of an otherwise unambiguous entry (`Node` for Node.js). */
  ambiguousAliases?: string[];
  /** Individual ambiguous common-noun aliases (`freight`, `B2B`). */
  commonAliases?: string[];
  /** Broader skills this one implies (Epic -> Electronic Health Records), by canonical name. */
  implies?: string[];
}

export interface SkillDictionary {
  header: { escoUriPrefix?: string; roleNouns?: string[] } & Record<string, unknown>;
  skills: SkillDictionaryEntry[];
}

export interface JobSkills {
  required: string[];
  preferred: string[];
  mentions: SkillMention[];
}

/** Words that may stand between the words of an ESCO label in a text ("work in a team", "manage your time"). */
const LABEL_GAP_WORDS = new Set(['a', 'an', 'the', 'your', 'their', 'our', 'his', 'her', 'its', 'my', 'own', 'one']);
const MAX_LABEL_GAPS = 2;

interface Candidate {
  keys: string[];
  entry: number;
  ambiguous: boolean;
  /** A single letter (`C`, `R`) or a two-letter acronym (`AI`, `AP`): only as an item of a list of skills. */
  letter: boolean;
  /** The alias has capitals that must show in the text (`GO`/`Go` but not `go`; `CAM` not `cam`). */
  needsCase: boolean;
  /** An ESCO label: `keys` are word stems and articles / possessives may stand between them. */
  stemmed?: boolean;
  /** An ESCO context label: counts only in a skills list, a labelled line or next to a skill cue. */
  contextLabel?: boolean;
  /** An ESCO label's last word as written: the text's last word must be it or its plural / singular. */
  lastKey?: string;
  /** A trait adjective: counts only where a person is described. */
  trait?: boolean;
}

interface RawMatch {
  cand: Candidate;
  /** token index range [from, to) */
  from: number;
  to: number;
  text: string;
  line: number;
  /** Text tokens skipped inside an ESCO label match (articles, possessives). */
  gaps?: number;
}

/** What the context filter looks at besides the match itself. */
interface MatchContext {
  text: string;
  tokens: Token[];
  /** Line number of each token. */
  lineOf: Int32Array;
  /** Lines introduced by a skills label ("Tools: ..."). */
  labelLine: Set<number>;
  /** The section is about skills or requirements. */
  inSkills: boolean;
  /** The section is a languages section: every language in it counts. */
  inLanguages: boolean;
  byLine: Map<number, RawMatch[]>;
}

/** Line number of each token, and the lines introduced by a skills label. */
function indexLines(text: string, tokens: Token[]): { lineOf: Int32Array; labelLine: Set<number> } {
  const lineOf = new Int32Array(tokens.length);
  const lineStarts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  let line = 0;
  tokens.forEach((t, i) => {
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= t.start) line++;
    lineOf[i] = line;
  });
  const labelLine = new Set<number>();
  lineStarts.forEach((s, l) => {
    const e = l + 1 < lineStarts.length ? lineStarts[l + 1] : text.length;
    const head = text.slice(s, Math.min(e, s + 80));
    if (/[:\u2013\u2014-]/.test(head) && SKILL_LABEL_RE.test(head)) labelLine.add(l);
  });
  return { lineOf, labelLine };
}

function groupByLine(matches: RawMatch[]): Map<number, RawMatch[]> {
  const byLine = new Map<number, RawMatch[]>();
  for (const m of matches) {
    const list = byLine.get(m.line);
    if (list) list.push(m);
    else byLine.set(m.line, [m]);
  }
  return byLine;
}

/** Categories whose ambiguous members need technical evidence nearby. */
const TECH_CATEGORIES = new Set([
  'programming_language',
  'framework',
  'database',
  'cloud',
  'devops',
  'tool',
  'office',
  'data_science',
  'security',
  'networking',
  'methodology',
  'technology',
  'design',
]);

/** A line introduced by a label like "Skills:", "Tech stack:", "Languages & tools -". */
const SKILL_LABEL_RE =
  /^\s*(?:[-*\u2022\u25AA\u25CF\u25E6\u2023\u2043]\s*)?(?:[\p{L}&/ ]{0,30}\s)?(?:skills?|technolog(?:y|ies)|tech(?:nical)?\s*stack|stack|tools?|tooling|languages?|frameworks?|librar(?:y|ies)|databases?|platforms?|software|competenc(?:e|ies)|expertise|proficien(?:t|cy)(?:\s+in)?|familiar\s+with|environment|systems|certifications?|methodolog(?:y|ies)|cloud|devops|infrastructure|testing|applications|programs|equipment)\s*(?:[&/,]\s*[\p{L} ]{1,25})?\s*[:\u2013\u2014-]/iu;
const LIST_SEP_BEFORE = /[,;|\u2022\u25AA\u25CF\u25E6\u00B7\u2023\u2043:([\t/]|\s{2,}/;
const LIST_SEP_AFTER = /[,;|\u2022\u25AA\u25CF\u25E6\u00B7\u2023\u2043)\]\t/.]|\s{2,}/;
const CONJUNCTIONS = new Set(['and', 'or', 'plus']);

/** Lines that are PDF syntax or pdf-parse page markers, never resume content. */
const PDF_STRUCTURE_LINE = new RegExp(
  String.raw`^\s*(?:%PDF-|%%EOF|\d+\s+\d+\s+obj\b|endobj\b|stream\s*$|endstream\b|xref\b|trailer\b|startxref\b|${PAGE_MARKER.source}\s*$)|<<|>>|\/(?:Type|Filter|Length|FlateDecode|Font|Page|Parent|Resources|MediaBox|Contents|XObject|Subtype|BaseFont|Encoding)\b|\b\d+\s+0\s+R\b`,
);
const URL_RE = /\b(?:https?:\/\/|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b(?:linkedin|github|gitlab|twitter|x|facebook)\.com\/\S*/gi;

const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/** Masks URLs, e-mail addresses and PDF structure lines with spaces (offsets stay the same). */
function maskNoise(text: string): string {
  let out = text.replace(URL_RE, blank);
  if (/<<|\bobj\b|%PDF|\/Type/.test(out) || PAGE_MARKER.test(out)) {
    out = out
      .split('\n')
      .map((line) => (PDF_STRUCTURE_LINE.test(line) ? blank(line) : line))
      .join('\n');
  }
  return out;
}

function variants(keys: string[]): string[][] {
  const out: string[][] = [keys];
  const join = keys.join(' ');
  // British/American spellings
  const swaps: [RegExp, string][] = [
    [/isation\b/g, 'ization'],
    [/ization\b/g, 'isation'],
    [/elling\b/g, 'eling'],
    [/eling\b/g, 'elling'],
    [/yse\b/g, 'yze'],
    [/yze\b/g, 'yse'],
    [/iour\b/g, 'ior'],
    [/ior\b/g, 'iour'],
    [/ise\b/g, 'ize'],
    [/our\b/g, 'or'],
    [/licence\b/g, 'license'],
    [/license\b/g, 'licence'],
    [/centre\b/g, 'center'],
    [/programme\b/g, 'program'],
  ];
  for (const [re, rep] of swaps) {
    const v = join.replace(re, rep);
    if (v !== join) out.push(v.split(' '));
  }
  // plural / singular of multi-word phrases ("REST APIs", "data pipeline")
  if (keys.length > 1) {
    const last = keys[keys.length - 1];
    if (/^[a-z]{3,}$/.test(last)) {
      if (last.endsWith('s') && !last.endsWith('ss') && last.length > 4) out.push([...keys.slice(0, -1), last.slice(0, -1)]);
      else if (!last.endsWith('s')) out.push([...keys.slice(0, -1), last + 's']);
    }
  }
  return out;
}

export class SkillExtractor {
  private static instance: SkillExtractor | undefined;
  private readonly entries: SkillDictionaryEntry[];
  /** first token key -> candidates, longest first */
  private readonly index = new Map<string, Candidate[]>();
  /** first stem of an ESCO label -> candidates, longest first */
  private readonly labelIndex = new Map<string, Candidate[]>();
  /** whole normalized alias -> entry index */
  private readonly byAlias = new Map<string, number>();
  /** whole stemmed ESCO label -> entry index (canonicalize falls back to it) */
  private readonly byLabel = new Map<string, number>();
  private readonly escoUriPrefix: string;
  /** Heads of occupation titles and their plurals (see role-context.ts). */
  private readonly roleNouns: Set<string>;
  /** skill name as asked -> its canonical name and the broader skills it implies (see implicationsOf) */
  private readonly implications = new Map<string, { canonical: string; broader: string[] }>();

  /** Loads the committed dictionary once. */
  static shared(): SkillExtractor {
    return (SkillExtractor.instance ??= new SkillExtractor(dictionaryFile));
  }

  constructor(dictionary: SkillDictionary) {
    this.entries = dictionary.skills;
    this.escoUriPrefix = dictionary.header.escoUriPrefix ?? 'http://data.europa.eu/esco/skill/';
    this.roleNouns = roleNounSet(dictionary.header.roleNouns ?? []);
    this.entries.forEach((entry, idx) => {
      const ambiguousAliases = new Set((entry.ambiguousAliases ?? []).map((a) => a.toLowerCase()));
      const commonAliases = new Set((entry.commonAliases ?? []).map((a) => a.toLowerCase()));
      const seen = new Set<string>();
      this.indexLabels(entry, idx);
      for (const alias of entry.nameIsLabel ? entry.aliases : [entry.name, ...entry.aliases]) {
        const keys = aliasKeys(alias);
        if (!keys.length) continue;
        const single = keys.length === 1;
        const low = alias.toLowerCase();
        const common = commonAliases.has(low) || (single && entry.ambiguous === 'common');
        const ambiguous = common || (single && !!entry.ambiguous) || ambiguousAliases.has(low);
        const letters = alias.replace(/[^\p{L}]/gu, '');
        const hasUpper = alias !== low;
        const needsCase = single && hasUpper && !common && (ambiguous || letters.length <= 4);
        // single letters and two-letter acronyms ("C", "AI", "QA", "AP") only count as list items
        const bare = alias.replace(/[^\p{L}\p{N}]/gu, '');
        const letter = single && !/[+#]/.test(alias) && (bare.length === 1 || (bare.length === 2 && bare === bare.toUpperCase()));
        for (const v of variants(keys)) {
          const k = v.join(' ');
          if (seen.has(k)) continue;
          seen.add(k);
          if (!this.byAlias.has(k)) this.byAlias.set(k, idx);
          const cand: Candidate = { keys: v, entry: idx, ambiguous: ambiguous || letter, letter, needsCase };
          const list = this.index.get(v[0]) ?? [];
          list.push(cand);
          this.index.set(v[0], list);
        }
      }
    });
    for (const list of [...this.index.values(), ...this.labelIndex.values()])
      list.sort((a, b) => b.keys.length - a.keys.length || +a.ambiguous - +b.ambiguous);
  }

  /** ESCO labels of one entry, indexed by their first stem (British and American spellings both). */
  private indexLabels(entry: SkillDictionaryEntry, idx: number): void {
    const seen = new Set<string>();
    const add = (label: string, contextLabel: boolean, trait = false) => {
      const keys = aliasKeys(label);
      if (!keys.length) return;
      // a one-word label with capitals ("Angular", "LESS") must show them: "angular", "less" are words
      const needsCase = keys.length === 1 && label !== label.toLowerCase();
      for (const v of variants(keys)) {
        const stems = v.map(stemOf);
        const k = stems.join(' ');
        if (seen.has(k)) continue;
        seen.add(k);
        if (!this.byLabel.has(k)) this.byLabel.set(k, idx);
        const cand: Candidate = {
          keys: stems,
          entry: idx,
          ambiguous: contextLabel,
          letter: false,
          needsCase,
          stemmed: true,
          contextLabel,
          lastKey: v[v.length - 1],
          trait,
        };
        const list = this.labelIndex.get(stems[0]) ?? [];
        list.push(cand);
        this.labelIndex.set(stems[0], list);
      }
    };
    for (const label of entry.labels ?? []) add(label, false);
    for (const label of entry.contextLabels ?? []) add(label, true);
    for (const label of entry.traitLabels ?? []) add(label, true, true);
  }

  /** Alias, ESCO label or canonical name (any case) -> canonical name; null if unknown. */
  canonicalize(name: string): string | null {
    const idx = this.byAlias.get(aliasKeys(name).join(' ')) ?? this.byLabel.get(stemKeys(name).join(' '));
    return idx === undefined ? null : this.entries[idx].name;
  }

  /**
   * Name, ESCO URI and type of a skill given by name (canonical or any alias). A name the dictionary
   * does not know is kept as given, typed `skill` (what a client named without a concept).
   */
  describe(name: string): SkillRef {
    const idx = this.byAlias.get(aliasKeys(name).join(' ')) ?? this.byLabel.get(stemKeys(name).join(' '));
    if (idx === undefined) return { name: name.trim(), escoUri: null, type: 'skill' };
    return this.refOf(idx);
  }

  private refOf(idx: number): SkillRef {
    const e = this.entries[idx];
    return { name: e.name, escoUri: e.uri ? this.escoUriPrefix + e.uri : null, type: e.type };
  }

  /**
   * Broader skills that `names` imply and do not already include, each with the skill it came
   * from, following implications transitively (NestJS -> Node.js -> JavaScript).
   */
  impliedSkills(names: readonly string[]): Map<string, string> {
    const resolved = names.map((name) => this.implicationsOf(name));
    const have = new Set(resolved.map(({ canonical }) => canonical));
    const implied = new Map<string, string>();
    for (const { canonical, broader } of resolved) {
      for (const skill of broader) if (!have.has(skill) && !implied.has(skill)) implied.set(skill, canonical);
    }
    return implied;
  }

  /**
   * A skill's canonical name and every broader skill it implies, transitively. Memoised: ranking asks
   * about the same few hundred skills for every candidate, and tokenising the names dominated.
   */
  private implicationsOf(name: string): { canonical: string; broader: string[] } {
    let known = this.implications.get(name);
    if (known) return known;
    const idx = this.byAlias.get(aliasKeys(name).join(' '));
    const canonical = idx === undefined ? name : this.entries[idx].name;
    const broader: string[] = [];
    const queue = idx === undefined ? [] : [...(this.entries[idx].implies ?? [])];
    while (queue.length > 0) {
      const skill = queue.shift()!;
      if (skill === canonical || broader.includes(skill)) continue;
      broader.push(skill);
      const next = this.byAlias.get(aliasKeys(skill).join(' '));
      if (next !== undefined) queue.push(...(this.entries[next].implies ?? []));
    }
    known = { canonical, broader };
    this.implications.set(name, known);
    return known;
  }

  /** Number of dictionary entries. */
  get size(): number {
    return this.entries.length;
  }

  /**
   * Skills mentioned in `text`, canonical and deduplicated, in order of first appearance.
   * `section` (e.g. `skills`, `experience`) is recorded in `sections`; inside a `skills` section,
   * ambiguous names (`Go`, `R`, `Excel`) are accepted as list items.
   */
  extract(text: string, section?: string): SkillMention[] {
    const out = new Map<number, SkillMention>();
    this.collect(text, section ?? 'unknown', out);
    return [...out.values()];
  }

  /**
   * Skills of a job posting split into required and preferred. Cues like "nice to have",
   * "preferred", "bonus", "a plus" (line, sentence or heading) make skills preferred; "required",
   * "must have" make them required. A heading alone on its line ("Nice to have:") applies to the
   * lines below it until the next heading; a label followed by its list on the same line ("Nice to
   * have: Redis, Kafka") applies to that line only; a cue inside a sentence applies to the sentence
   * (sentences end at `.!?;` followed by a space, so "Node.js" does not end one), or to its
   * parentheses when they name something besides the cue ("EHR (Epic preferred)"). Title and
   * requirements default to required; the description
   * defaults to required unless the requirements text already names skills, in which case
   * description-only skills are preferred.
   */
  extractJobSkills(job: { title: string; description: string; requirements: string }): JobSkills {
    const mentions = new Map<number, SkillMention>();
    const required = new Set<number>();
    const preferred = new Set<number>();
    const run = (raw: string, section: string, defaultMode: RequirementMode) => {
      const text = normalizeText(raw ?? '');
      // mode of every character range: a heading alone on its line sets the mode of the lines below
      // it (until the next heading); a label with content ("Nice to have: X, Y") sets its own line;
      // a cue inside a sentence ("Kafka is a plus.") sets that sentence
      const spans: { start: number; end: number; mode: RequirementMode }[] = [];
      let mode = defaultMode;
      let offset = 0;
      for (const line of text.split('\n')) {
        const lineStart = offset;
        const lineEnd = lineStart + line.length;
        offset += line.length + 1;
        if (!line.trim()) continue;
        const label = labelOf(line);
        if (label.standalone) mode = label.labelMode ?? defaultMode;
        const lineMode = label.labelMode ?? mode;
        if (label.labelLength > 0) spans.push({ start: lineStart, end: lineStart + label.labelLength, mode: lineMode });
        const bodyStart = lineStart + label.labelLength;
        const body = text.slice(bodyStart, lineEnd);
        for (const [from, to] of sentenceRanges(body)) {
          const sentence = body.slice(from, to);
          // "EHR experience (Epic preferred)": a cue inside parentheses that also name something
          // applies to the parentheses only; "Kubernetes (preferred)" applies to the sentence
          let rest = sentence;
          for (const paren of sentence.matchAll(/\(([^()]*)\)/g)) {
            const inner = paren[1];
            const innerMode = cueOf(inner, false);
            if (!innerMode || !/\p{L}{2}/u.test(inner.replace(PREFERRED_CUE, ' ').replace(REQUIRED_CUE, ' '))) continue;
            const start = bodyStart + from + paren.index;
            spans.push({ start, end: start + paren[0].length, mode: innerMode });
            rest = rest.replace(paren[0], ' ');
          }
          spans.push({ start: bodyStart + from, end: bodyStart + to, mode: cueOf(rest, false) ?? lineMode });
        }
      }
      for (const hit of this.scan(text, section)) {
        const span = spans.find((sp) => hit.start >= sp.start && hit.start < sp.end);
        merge(mentions, hit.entry, this.mentionOf(hit, section));
        ((span?.mode ?? defaultMode) === 'required' ? required : preferred).add(hit.entry);
      }
    };
    run(job.title, 'title', 'required');
    run(job.requirements, 'requirements', 'required');
    const reqHasSkills = required.size + preferred.size > 0 && (job.requirements ?? '').trim().length > 0;
    run(job.description, 'description', reqHasSkills ? 'preferred' : 'required');
    const name = (i: number) => this.entries[i].name;
    const order = [...mentions.keys()];
    return {
      required: order.filter((i) => required.has(i)).map(name),
      preferred: order.filter((i) => preferred.has(i) && !required.has(i)).map(name),
      mentions: [...mentions.values()],
    };
  }

  // ---------------------------------------------------------------------------------------------

  private collect(input: string, section: string, out: Map<number, SkillMention>): void {
    for (const hit of this.scan(input, section)) merge(out, hit.entry, this.mentionOf(hit, section));
  }

  private mentionOf(hit: ScanHit, section: string): SkillMention {
    const e = this.entries[hit.entry];
    const mention: SkillMention = { ...this.refOf(hit.entry), category: e.category, matchedText: [hit.text], sections: [section] };
    if (hit.level) mention.level = hit.level;
    return mention;
  }

  /** Accepted matches with their offsets in the normalized text (and a language's stated level). */
  private scan(input: string, section: string): ScanHit[] {
    if (!input) return [];
    const text = maskNoise(normalizeText(input));
    const tokens = tokenize(text);
    if (!tokens.length) return [];
    const stems = tokens.map((t) => stemOf(t.key));
    const { lineOf, labelLine } = indexLines(text, tokens);
    const matches = this.greedyMatches(text, tokens, stems, lineOf);
    if (!matches.length) return [];
    for (const line of skillOnlyLines(tokens, lineOf, matches)) labelLine.add(line);
    const context: MatchContext = {
      text,
      tokens,
      lineOf,
      labelLine,
      inSkills: /skill|competenc|technolog|expertise|requirement|qualification/i.test(section),
      inLanguages: /language/i.test(section),
      byLine: groupByLine(matches),
    };
    const accepted = matches.filter((m) => this.accepts(m, context));
    const languageAt = new Set<number>();
    for (const m of accepted) if (this.entries[m.cand.entry].type === 'language') for (let i = m.from; i < m.to; i++) languageAt.add(i);
    return accepted.map((m) => {
      const hit: ScanHit = { entry: m.cand.entry, text: m.text, start: tokens[m.from].start };
      if (this.entries[m.cand.entry].type === 'language') {
        const level = statedLevel(text, tokens, m.from, m.to, (i) => languageAt.has(i));
        if (level) hit.level = level;
      }
      return hit;
    });
  }

  /**
   * 1. Greedy longest match at each token: dictionary aliases and ESCO labels (an alias wins a tie).
   * A match that starts inside the previous one and ends after it is kept too ("enjoy working in a
   * team": "enjoy working" and "working in a team"); one wholly inside it is not.
   */
  private greedyMatches(text: string, tokens: Token[], stems: string[], lineOf: Int32Array): RawMatch[] {
    const matches: RawMatch[] = [];
    const longestAt = (i: number) => {
      const exact = this.matchAt(text, tokens, i);
      const label = this.labelMatchAt(text, tokens, stems, i);
      return label && (!exact || label.to > exact.to) ? label : exact;
    };
    for (let i = 0; i < tokens.length;) {
      const m = longestAt(i);
      if (!m) {
        i++;
        continue;
      }
      matches.push({ ...m, line: lineOf[i] });
      let end = m.to;
      for (let j = i + 1; j < end; j++) {
        const inner = longestAt(j);
        if (inner && inner.to > end) {
          matches.push({ ...inner, line: lineOf[j] });
          end = inner.to;
        }
      }
      i = end;
    }
    return matches;
  }

  /**
   * 2. Context filter: case; a skill named as a role or an organisation ("backend engineer", "POS
   * software providers") is not one; a language only where a language is meant; ambiguous names and
   * ESCO context labels need a skills context or evidence close by.
   */
  private accepts(m: RawMatch, context: MatchContext): boolean {
    const { text, tokens, lineOf, labelLine, inSkills, byLine } = context;
    // lowercase "html, php, go" is fine in a list of skills, not in running text
    if (!caseOk(m) && !(!m.cand.letter && (inSkills || labelLine.has(m.line)) && isListItem(text, tokens, m, lineOf))) return false;
    const entry = this.entries[m.cand.entry];
    if (this.namesRoleOrOrganisation(m, context)) return false;
    if (entry.type === 'language') return this.meansLanguage(m, context);
    if (m.cand.trait) return describesPerson(text, tokens, m);
    if (m.cand.contextLabel) return this.inSkillContext(m, context);
    if (!m.cand.ambiguous) return true;
    const listItem = isListItem(text, tokens, m, lineOf);
    const onLine = byLine.get(m.line)!;
    const othersOnLine = onLine.length > 1;
    if (m.cand.letter) return listItem && (inSkills || labelLine.has(m.line) || othersOnLine);
    if (inSkills || labelLine.has(m.line)) return true;
    if (listItem && othersOnLine) return true;
    if (aloneOnLine(tokens, m, lineOf)) return true;
    if (SKILL_CUE_BEFORE.test(text.slice(tokens[Math.max(0, m.from - 5)].start, tokens[m.from].start))) return true;
    // evidence: an unambiguous skill of the same field on the same line, close by
    const cat = this.entries[m.cand.entry].category;
    const tech = TECH_CATEGORIES.has(cat);
    return onLine.some((o) => {
      if (o.cand.ambiguous || Math.abs(o.from - m.from) > 12) return false;
      const oc = this.entries[o.cand.entry].category;
      return oc === cat || (tech && TECH_CATEGORIES.has(oc));
    });
  }

  /** A role title or an organisation the skill only describes (see role-context.ts). */
  private namesRoleOrOrganisation(m: RawMatch, { text, tokens, lineOf }: MatchContext): boolean {
    // an ESCO label matched on stems must not end in a role noun the label does not have ("project manager")
    if (m.cand.stemmed && this.roleNouns.has(tokens[m.to - 1].key) && !this.roleNouns.has(m.cand.keys.at(-1)!)) return true;
    const following: string[] = [];
    for (let i = m.to; i < tokens.length && following.length < 3; i++) {
      if (lineOf[i] !== m.line || !joinableGap(text.slice(tokens[i - 1].end, tokens[i].start))) break;
      following.push(tokens[i].key);
    }
    return modifiesRoleOrOrganisation(following, this.roleNouns, CONCRETE_TECH.has(this.entries[m.cand.entry].category));
  }

  /** "German" is a language in "fluent German", "German (C1)" or a languages list; not in "German market". */
  private meansLanguage(m: RawMatch, { text, tokens, labelLine, inLanguages, byLine }: MatchContext): boolean {
    if (m.cand.keys.length > 1 && m.cand.stemmed) return true; // "speak German", "be fluent in German"
    if (inLanguages || labelLine.has(m.line)) return true;
    // a list of languages ("Danish, Swedish and Norwegian") names languages, not nationalities
    const listed = byLine
      .get(m.line)!
      .some((o) => o !== m && this.entries[o.cand.entry].type === 'language' && Math.abs(o.from - m.from) <= 3 && o.from !== m.from);
    return listed || hasLanguageCue(text, tokens, m.from, m.to);
  }

  /**
   * An ESCO label that is an ordinary word as often as a skill ("lead", "cooperate") counts only as
   * an item of a skills list, on a labelled line, alone on its line, or next to a skill cue
   * ("knowledge of X", "X skills").
   */
  private inSkillContext(m: RawMatch, { text, tokens, lineOf, labelLine, inSkills, byLine }: MatchContext): boolean {
    if (/^\s*:/.test(text.slice(tokens[m.to - 1].end))) return false; // a heading ("Languages:"), not a skill
    const listItem = isListItem(text, tokens, m, lineOf);
    if (labelLine.has(m.line) || (inSkills && listItem)) return true;
    if (listItem && byLine.get(m.line)!.some((o) => o !== m && !o.cand.ambiguous)) return true;
    if (aloneOnLine(tokens, m, lineOf)) return true;
    if (SKILL_CUE_BEFORE.test(text.slice(tokens[Math.max(0, m.from - 5)].start, tokens[m.from].start))) return true;
    return SKILL_CUE_AFTER.test(text.slice(tokens[m.to - 1].end, tokens[m.to - 1].end + 60));
  }

  /** An ESCO label at token i, on stems, with at most MAX_LABEL_GAPS articles / possessives skipped. */
  private labelMatchAt(text: string, tokens: Token[], stems: string[], i: number): Omit<RawMatch, 'line'> | null {
    const list = this.labelIndex.get(stems[i]);
    if (!list) return null;
    outer: for (const cand of list) {
      let j = i + 1;
      let gaps = 0;
      for (let k = 1; k < cand.keys.length; k++) {
        if (j < tokens.length && stems[j] !== cand.keys[k] && LABEL_GAP_WORDS.has(tokens[j].key) && gaps < MAX_LABEL_GAPS) {
          if (!joinableGap(text.slice(tokens[j - 1].end, tokens[j].start))) continue outer;
          j++;
          gaps++;
        }
        if (j >= tokens.length || stems[j] !== cand.keys[k]) continue outer;
        if (!joinableGap(text.slice(tokens[j - 1].end, tokens[j].start))) continue outer;
        j++;
      }
      // stems conflate the head word's kin ("experience"/"experiment", "mechanical"/"mechanics"):
      // the last word must be the label's, or its plural / singular
      if (!sameNoun(tokens[j - 1].key, cand.lastKey!)) continue;
      return { cand, from: i, to: j, text: text.slice(tokens[i].start, tokens[j - 1].end), gaps };
    }
    return null;
  }

  private matchAt(text: string, tokens: Token[], i: number): Omit<RawMatch, 'line'> | null {
    const list = this.index.get(tokens[i].key);
    if (!list) return null;
    outer: for (const cand of list) {
      const n = cand.keys.length;
      if (i + n > tokens.length) continue;
      for (let k = 1; k < n; k++) {
        if (tokens[i + k].key !== cand.keys[k]) continue outer;
        if (!joinableGap(text.slice(tokens[i + k - 1].end, tokens[i + k].start))) continue outer;
      }
      return { cand, from: i, to: i + n, text: text.slice(tokens[i].start, tokens[i + n - 1].end) };
    }
    return null;
  }
}

/**
 * Lines made of nothing but two or more skill names (and "and" / "or"): a tag line such as
 * "javascript reactjs java" is a skills list even without a "Skills:" label.
 */
function skillOnlyLines(tokens: Token[], lineOf: Int32Array, matches: RawMatch[]): number[] {
  const covered = new Uint8Array(tokens.length);
  const count = new Map<number, number>();
  for (const m of matches) {
    for (let i = m.from; i < m.to; i++) covered[i] = 1;
    count.set(m.line, (count.get(m.line) ?? 0) + 1);
  }
  const open = new Set<number>();
  tokens.forEach((t, i) => {
    if (!covered[i] && !CONJUNCTIONS.has(t.key)) open.add(lineOf[i]);
  });
  return [...count].filter(([line, n]) => n >= 2 && !open.has(line)).map(([line]) => line);
}

/** "you are X", "highly X", "be X"; "X mindset", "X and structured workstyle": a person is described. */
const TRAIT_CUE_BEFORE = /\b(?:are|is|be|am|being|you're|highly|very|truly|extremely)\s+(?:(?:[\p{L}-]+,?\s+(?:and\s+)?){0,2})$/iu;
const TRAIT_CUE_AFTER =
  /^(?:,?\s+(?:and\s+|&\s+)?[\p{L}-]+){0,3}?\s+(?:mindset|attitude|approach|person|personality|individual|candidate|colleague|team\s+player|manner|work\s*style|workstyle|way\s+of\s+working|nature)\b/iu;

function describesPerson(text: string, tokens: Token[], m: RawMatch): boolean {
  const before = text.slice(tokens[Math.max(0, m.from - 4)].start, tokens[m.from].start);
  const after = text.slice(tokens[m.to - 1].end, tokens[Math.min(tokens.length - 1, m.to + 4)].end);
  return TRAIT_CUE_BEFORE.test(before) || TRAIT_CUE_AFTER.test(after);
}

/** Same word up to a plural ending: team/teams, process/processes, policy/policies. */
function sameNoun(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long === `${short}s` || long === `${short}es` || (short.endsWith('y') && long === `${short.slice(0, -1)}ies`);
}

interface ScanHit {
  entry: number;
  text: string;
  start: number;
  level?: SkillMention['level'];
}

function merge(out: Map<number, SkillMention>, idx: number, m: SkillMention): void {
  const cur = out.get(idx);
  if (!cur) {
    out.set(idx, { ...m, matchedText: [...m.matchedText], sections: [...m.sections] });
    return;
  }
  const level = higherLevel(cur.level, m.level);
  if (level) cur.level = level;
  for (const t of m.matchedText) if (!cur.matchedText.includes(t)) cur.matchedText.push(t);
  for (const s of m.sections) if (!cur.sections.includes(s)) cur.sections.push(s);
}

function caseOk(m: RawMatch): boolean {
  const t = m.text;
  if (m.cand.letter) return t === t.toUpperCase() && /\p{Lu}/u.test(t);
  if (m.cand.needsCase && t === t.toLowerCase()) return false;
  return true;
}

/** "X skills", "X and Y skills", "X experience": the words after a common-word skill that make it one. */
const SKILL_CUE_AFTER =
  /^[\s-]*(?:(?:and|or|&|,)\s*[\p{L}-]+\s+){0,2}(?:skills?|abilities|ability|competenc(?:e|ies)|expertise|knowledge|proficiency|experience|background)\b/iu;

/** Categories of named technologies: "Java developer" does ask for Java, "backend engineer" only names a role. */
const CONCRETE_TECH = new Set([
  'programming_language',
  'framework',
  'database',
  'cloud',
  'devops',
  'tool',
  'office',
  'data_science',
  'security',
  'networking',
]);

/** "experience with X", "proficient in X", "written in X", "using X" */
const SKILL_CUE_BEFORE =
  /\b(?:experience[d]?\s+(?:with|in|using)|proficien(?:t|cy)\s+(?:with|in)|knowledge\s+of|familiar(?:ity)?\s+with|expertise\s+in|skilled\s+in|certified\s+in|written\s+in|built\s+(?:with|in|on)|developed\s+(?:with|in)|programming\s+in|coded\s+in|using)\s*$/i;

/** The match is the only content of its line (a bullet in a list of skills). */
function aloneOnLine(tokens: Token[], m: RawMatch, lineOf: Int32Array): boolean {
  if (m.cand.letter) return false;
  const sameLineBefore = m.from > 0 && lineOf[m.from - 1] === m.line;
  const sameLineAfter = m.to < tokens.length && lineOf[m.to] === m.line;
  return !sameLineBefore && !sameLineAfter;
}

function isListItem(text: string, tokens: Token[], m: RawMatch, lineOf: Int32Array): boolean {
  const first = tokens[m.from];
  const last = tokens[m.to - 1];
  const prev = m.from > 0 ? tokens[m.from - 1] : undefined;
  const next = m.to < tokens.length ? tokens[m.to] : undefined;
  const before = prev && lineOf[m.from - 1] === m.line ? text.slice(prev.end, first.start) : null;
  const after = next && lineOf[m.to] === m.line ? text.slice(last.end, next.start) : null;
  // a single letter glued to "-", "&", "'" or "." is an initial or an abbreviation (C-level, R&D)
  if (m.cand.letter) {
    const c1 = text[first.start - 1] ?? ' ';
    const c2 = text[last.end] ?? ' ';
    if (/[-&'.\u2010\u2011]/.test(c1) || /[-&'\u2010\u2011]/.test(c2) || (c2 === '.' && /\p{L}/u.test(text[last.end + 1] ?? '')))
      return false;
    if (next?.key === 'and' && text.slice(last.end, next.start) === '') return false; // "R&D"
  }
  const prevOk = before === null || LIST_SEP_BEFORE.test(before) || (prev !== undefined && CONJUNCTIONS.has(prev.key));
  const afterOk = after === null || LIST_SEP_AFTER.test(after) || (next !== undefined && CONJUNCTIONS.has(next.key) && after !== '');
  return prevOk && afterOk;
}
