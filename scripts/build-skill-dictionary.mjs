#!/usr/bin/env node
// Builds src/skills/skill-dictionary.json, the compact skill dictionary the SkillExtractor loads at
// run time, from the raw taxonomies (the official ESCO v1.1.1 CSV files + the O*NET technology TSV)
// plus the hand-curated data committed in scripts/skills-data/ (skills with aliases, exclusions,
// vendor prefixes, implications, links from curated skills to ESCO concepts).
//
//   npm run skills:build [-- --data <dir>] [-- --esco <dir>] [-- --out <file>]
//
// The raw taxonomies are NOT in the repository (CC BY 4.0 upstream, ~14 MB): --data names the folder
// holding onet_technology_skills.tsv (default ../shared/data/skills), --esco the folder holding ESCO's
// skills_en.csv, languageSkillsCollection_en.csv and occupations_en.csv (default ../shared/data/esco);
// scripts/skills-data/README.md says where to get them.
//
// Selection:
//   * curated entries (scripts/skills-data/curated-skills.txt): canonical name, aliases, category, ambiguity flag;
//   * O*NET "Hot Technology" / "In Demand" examples, plus product names listed for >= 10
//     occupations (vendor prefixes and trailing acronyms become aliases);
//   * every released ESCO skill/competence and knowledge concept (~13.9k), with its ESCO URI and a
//     type (knowledge, skill, transversal, language). Its preferred, alternative and hidden labels
//     become "labels", matched word by word on stems (see src/skills/esco-phrases.ts), after rules
//     that drop labels too generic or too ambiguous to name the concept (see "ESCO label rules").
//     A curated or O*NET entry whose name is an ESCO preferred label (or that esco-links.txt links)
//     takes that concept's URI, type and labels.
// Entries whose aliases collide are merged into the first (curated wins).
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { stemmer } from 'stemmer';
import { eng as ENGLISH_STOP_WORDS } from 'stopword';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const argOf = (flag, def) => {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] ? resolve(args[i + 1]) : def;
};
const dataDir = argOf('--data', resolve(root, '..', 'shared', 'data', 'skills'));
const escoDir = argOf('--esco', resolve(root, '..', 'shared', 'data', 'esco'));
const outFile = argOf('--out', resolve(root, 'src', 'skills', 'skill-dictionary.json'));
const RAW_FILES = [
  [dataDir, 'onet_technology_skills.tsv'],
  [escoDir, 'skills_en.csv'],
  [escoDir, 'languageSkillsCollection_en.csv'],
  [escoDir, 'occupations_en.csv'],
];
const missing = RAW_FILES.filter(([dir, file]) => !existsSync(resolve(dir, file)));
if (missing.length) {
  console.error(
    `Missing ${missing.map(([dir, file]) => resolve(dir, file)).join(' and ')}. The raw taxonomies are not in the repository: ` +
      'see scripts/skills-data/README.md for where to get them, then pass --data <dir> (O*NET) and --esco <dir> (ESCO).',
  );
  process.exit(1);
}

const ATTRIBUTION = [
  'ESCO, (c) European Union, https://esco.ec.europa.eu/ (ESCO v1.1.1 classification, English CSV; CC BY 4.0; selected and adapted: labels filtered, types and categories assigned by HireMatch).',
  'This product includes information from O*NET (onetcenter.org), U.S. Department of Labor, Employment and Training Administration, used under the CC BY 4.0 license. (Selected and adapted.)',
];
// ---------------------------------------------------------------------------------------------
// Curated data: plain-text files in scripts/skills-data/ (format described at the top of each).
// ---------------------------------------------------------------------------------------------
const curatedDir = resolve(import.meta.dirname, 'skills-data');
/** The non-empty, non-comment lines of a data file, trimmed. */
const dataLines = (file) =>
  readFileSync(resolve(curatedDir, file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

/** "[category]" headers, then one "Canonical|alias|alias" line per skill. */
function readCurated(file) {
  const byCategory = {};
  let category = null;
  for (const line of dataLines(file)) {
    const header = line.match(/^\[(\w+)\]$/);
    if (header) category = header[1];
    else if (!category) throw new Error(`${file}: "${line}" comes before any [category] header`);
    else (byCategory[category] ??= []).push(line);
  }
  return byCategory;
}

const CURATED = readCurated('curated-skills.txt');
// Entries for generic-sounding O*NET / ESCO items that should never enter the dictionary.
const EXCLUDE = new Set(dataLines('excluded.txt').map((s) => s.toLowerCase()));
// Natural languages are not "skills" for matching (the resume parser extracts them separately).
const NATURAL_LANGUAGES = new Set(dataLines('natural-languages.txt').flatMap((line) => line.split(/\s+/)));

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------
const norm = (s) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Minimal RFC 4180 CSV parser (quoted fields may contain newlines). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

class Dictionary {
  constructor() {
    /** @type {{name:string, aliases:string[], category:string, ambiguous?:boolean, source:string}[]} */
    this.entries = [];
    /** normalized alias -> entry index */
    this.byAlias = new Map();
  }
  /** Adds or merges; returns the entry. Aliases already owned by another entry are dropped. */
  add(name, aliases, category, { ambiguous = false, ambiguousAliases = [], commonAliases = [], source }) {
    const all = [name, ...aliases].map((a) => a.replace(/\s+/g, ' ').trim()).filter(Boolean);
    let target;
    for (const a of all) {
      const idx = this.byAlias.get(norm(a));
      if (idx !== undefined) {
        target = this.entries[idx];
        break;
      }
    }
    if (!target) {
      target = { name: name.trim(), aliases: [], category, source };
      if (ambiguous) target.ambiguous = ambiguous;
      this.entries.push(target);
      this.byAlias.set(norm(target.name), this.entries.length - 1);
    }
    const idx = this.entries.indexOf(target);
    const added = new Set();
    for (const a of all) {
      const k = norm(a);
      if (this.byAlias.has(k)) continue;
      this.byAlias.set(k, idx);
      target.aliases.push(a);
      added.add(k);
    }
    // flags only apply to aliases this call introduced (curated spellings keep their own flags)
    for (const a of ambiguousAliases) if (added.has(norm(a))) (target.ambiguousAliases ??= []).push(a);
    for (const a of commonAliases) if (added.has(norm(a))) (target.commonAliases ??= []).push(a);
    return target;
  }
}

const dict = new Dictionary();

// 1. curated ------------------------------------------------------------------------------------
for (const [category, lines] of Object.entries(CURATED)) {
  for (const line of lines) {
    // "!" = ambiguous proper noun (Go, Excel: capitalised use only); "?" = ambiguous common noun
    // (statistics, nursing: any case). Either before the canonical name (whole entry) or an alias.
    const marker = line[0] === '!' ? true : line[0] === '?' ? 'common' : false;
    const parts = (marker ? line.slice(1) : line).split('|');
    const ambiguousAliases = parts
      .slice(1)
      .filter((a) => a.startsWith('!'))
      .map((a) => a.slice(1));
    const commonAliases = parts
      .slice(1)
      .filter((a) => a.startsWith('?'))
      .map((a) => a.slice(1));
    const [name, ...aliases] = parts.map((a) => a.replace(/^[!?]/, ''));
    dict.add(name, aliases, category, { ambiguous: marker, ambiguousAliases, commonAliases, source: 'curated' });
  }
}

// 2. O*NET ------------------------------------------------------------------------------------------
const COMMODITY_CATEGORY = [
  [/medical|health|clinical|pharmac/i, 'healthcare'],
  [/accounting|financial|tax|billing|ERP|time accounting/i, 'finance'],
  [/customer relationship|sales|point of sale/i, 'sales'],
  [/human resources|time accounting/i, 'hr'],
  [/computer aided|industrial control|CAD|CAM/i, 'engineering'],
  [/inventory|supply chain|logistics|materials requirements/i, 'logistics'],
  [/data base|database|business intelligence|analytical|data mining/i, 'data_science'],
  [
    /development environment|object or component|program testing|web platform|application server|configuration management|enterprise application/i,
    'tool',
  ],
  [/operating system/i, 'tool'],
  [/word processing|spreadsheet|presentation|office suite|electronic mail|calendar/i, 'office'],
  [/graphics|photo|video|desktop publishing|music|sound/i, 'design'],
  [/computer based training|learning|course/i, 'education'],
];
const VENDORS = dataLines('onet-vendors.txt');
const onetText = readFileSync(resolve(dataDir, 'onet_technology_skills.tsv'), 'utf8');
const onet = new Map(); // example -> {commodity, hot, occupations}
for (const line of onetText.split('\n').slice(1)) {
  const cols = line.split('\t');
  if (cols.length < 6) continue;
  const [, example, , commodity, hot, demand] = cols;
  const cur = onet.get(example) ?? { commodity, hot: false, occupations: 0 };
  cur.occupations++;
  if (hot === 'Y' || demand.trim() === 'Y') cur.hot = true;
  onet.set(example, cur);
}
let onetAdded = 0;
for (const [example, info] of onet) {
  if (!info.hot && info.occupations < 10) continue;
  if (EXCLUDE.has(norm(example))) continue;
  let name = example.replace(/\s+(software|software suite)$/i, '').trim();
  const aliases = [example];
  // Trailing acronym: "Geographic information system GIS" -> GIS (+ the words as an alias).
  const acr = name.match(/^(.*?)\s+([A-Z][A-Z0-9/&-]{1,})$/);
  const words = name.split(' ');
  const generic = words.length > 1 && words.slice(1).every((w) => /^[a-z]/.test(w));
  if (
    acr &&
    /\s/.test(acr[1]) &&
    acr[1]
      .split(' ')
      .slice(1)
      .every((w) => /^[a-z]/.test(w))
  ) {
    aliases.push(acr[1]);
    name = acr[2];
  } else if (generic || /^[a-z]/.test(name)) {
    continue; // "Web browser software", "Spreadsheet software": categories, not skills
  }
  const ambiguousAliases = [];
  for (const v of VENDORS) {
    if (name.startsWith(v + ' ') && name.length > v.length + 2) {
      const short = name.slice(v.length + 1);
      // "Adobe Audition" -> keep the vendor in the canonical name when the rest is a plain word
      if (/^[A-Z][a-z]+$/.test(short)) {
        aliases.push(short);
        ambiguousAliases.push(short);
      } else {
        aliases.push(name);
        name = short;
      }
      break;
    }
  }
  if (EXCLUDE.has(norm(name)) || NATURAL_LANGUAGES.has(norm(name))) continue;
  const category = COMMODITY_CATEGORY.find(([re]) => re.test(info.commodity))?.[1] ?? 'tool';
  const before = dict.entries.length;
  // A plain capitalised word ("Loom", "Seesaw") is likely an ordinary English word too.
  const plainWord = /^[A-Z][a-z]+$/.test(name) && !dict.byAlias.has(norm(name));
  dict.add(name, aliases, category, { source: 'onet', ambiguous: plainWord, ambiguousAliases });
  if (dict.entries.length > before) onetAdded++;
}

// 3. ESCO -----------------------------------------------------------------------------------------
// Every released ESCO skill, competence and knowledge concept, with its URI and type. Its labels are
// matched on word stems (manage/managing, team/teams) by the extractor; the rules below keep out
// the labels that cannot name their concept in a job ad or a resume on their own.
const TOKEN_RE = /\.?[\p{L}\p{N}]+(?:[.'][\p{L}\p{N}]+)*(?:\+\+|#|\+)?|&/gu; // as src/skills/tokenize.ts
const tokensOf = (s) => [...s.normalize('NFKC').toLowerCase().matchAll(TOKEN_RE)].map((m) => (m[0] === '&' ? 'and' : m[0]));
const STOP = new Set(ENGLISH_STOP_WORDS);
const stemKey = (tokens) => tokens.map((t) => (/^[a-z]+$/.test(t) ? stemmer(t) : t)).join(' ');

const ESCO_CATEGORY = [
  [
    /\b(nurs|medic|clinic|surg|patient|therap|disease|diagnos|anatom|physiolog|pharma|dental|dentist|obstetr|paediatr|pediatr|oncolog|cardio|neuro|radiolog|patholog|psychiatr|gastro|dermat|orthop|immunolog|health|hygien|ophthalm|audiolog|midwif|geriatr|rehabilit|epidemiolog|toxicolog|haemat|hemat|virolog|microbiolog|wound|blood|emergency)/i,
    'healthcare',
  ],
  [
    /\b(account|financ|tax|audit|bank|invest|budget|insur|credit|loan|econom|bookkeep|payroll|fiscal|actuar|securities|stock|pension|mortgage)/i,
    'finance',
  ],
  [/\b(market|advertis|brand|seo\b|social media|public relations|copywrit|media)/i, 'marketing'],
  [/\b(sales|selling|retail|customer|merchandis|e-commerce|commerce)/i, 'sales'],
  [/\b(teach|pedagog|curricul|education|learning|didactic|tutor|school|montessori|literacy)/i, 'education'],
  [/\b(logistic|warehouse|shipping|freight|supply chain|cargo|transport|inventory|procurement|purchas|customs|distribution)/i, 'logistics'],
  [/\b(law|legal|juris|litigation|contract|patent|intellectual property|criminal)/i, 'legal'],
  [/\b(recruit|employ|labour|labor|human resource|personnel|workforce|occupational)/i, 'hr'],
  [
    /\b(software|programming|computer|ICT|data|web|network|database|cloud|cyber|algorithm|machine learning|artificial intelligence|digital|internet|app\b|mobile|cryptograph)/i,
    'technology',
  ],
  [
    /\b(engineer|mechanic|electric|electron|hydraul|pneumat|thermo|CAD|manufactur|machin|weld|robot|automation|construct|structural|civil|material|metal|chemical|chemistry|physics|optic|energy)/i,
    'engineering',
  ],
  [/\b(manage|leadership|project|strateg|business|organis|organiz|quality)/i, 'management'],
  [/\b(design|art|music|photo|video|film|animation|graphic|typograph|fashion|textile|theatre|dance)/i, 'design'],
  [/\b(agricultur|farm|crop|livestock|forest|animal|fish|horticult|veterinar|soil|plant)/i, 'agriculture'],
  [/\b(food|cook|culinar|beverage|wine|hospitality|hotel|touris|catering|restaurant)/i, 'hospitality'],
];
/** Type of a curated / O*NET entry that no ESCO concept links: products and methods are knowledge. */
const CATEGORY_TYPE = {
  soft_skill: 'transversal',
  language: 'language',
  management: 'skill',
  sales: 'skill',
  marketing: 'skill',
  hr: 'skill',
};
const typeOfCategory = (category) => CATEGORY_TYPE[category] ?? 'knowledge';

const csvRecords = (file) => {
  const rows = parseCsv(readFileSync(resolve(escoDir, file), 'utf8'));
  const header = rows[0];
  return rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
};
const escoSkills = csvRecords('skills_en.csv').filter((r) => r.status === 'released' && r.conceptUri && r.skillType);
const languageRows = csvRecords('languageSkillsCollection_en.csv');
const occupations = csvRecords('occupations_en.csv');
const splitLabels = (field) =>
  (field ?? '')
    .split(/\n|\s\|\s/)
    .map((l) => l.trim())
    .filter(Boolean);
const ESCO_PREFIX = 'http://data.europa.eu/esco/skill/';
const uuidOf = (uri) => uri.slice(ESCO_PREFIX.length);

// Languages: the collection's knowledge concepts ("German"); its skills ("write German", "be fluent
// in German") name the same language and become labels of it.
const languageUris = new Set(languageRows.filter((r) => r.skillType === 'knowledge').map((r) => r.conceptUri));
const languageOf = new Map(); // uri of a language sub-skill -> uri of its language
for (const r of languageRows) {
  if (r.skillType === 'knowledge') continue;
  const broader = r.broaderConceptUri
    .split('|')
    .map((u) => u.trim())
    .find((u) => languageUris.has(u));
  if (broader) languageOf.set(r.conceptUri, broader);
}

/** A label ends mid-word when its last word only begins a word of the concept's other text ("leadersh"). */
function truncated(label, concept) {
  const last = tokensOf(label).at(-1);
  if (!last) return true;
  const words = new Set(tokensOf(`${concept.preferredLabel} ${concept.altLabels} ${concept.description}`));
  return !words.has(last) && [...words].some((w) => w.length > last.length && w.startsWith(last));
}
/** "Java (computer programming)" -> "Java": a qualifier in parentheses is not written in job ads. */
const unqualified = (label) =>
  label
    .replace(/\s*\([^)]*\)\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

// How often a phrase occurs in ESCO's own descriptions of OTHER skills and occupations (document
// frequency over ~17k texts): a label that turns up in the descriptions of hundreds of unrelated
// concepts ("plan", "data", "lead", "safety") is an ordinary word there, not the name of a skill.
const MAX_LABEL_TOKENS = 5;
const documents = [...escoSkills.map((r) => r.description), ...occupations.map((r) => r.description)].filter(Boolean);
const documentFrequency = new Map();
for (const text of documents) {
  const stems = tokensOf(text).map((t) => stemKey([t]));
  const seen = new Set();
  for (let i = 0; i < stems.length; i++) {
    for (let n = 1; n <= MAX_LABEL_TOKENS && i + n <= stems.length; n++) seen.add(stems.slice(i, i + n).join(' '));
  }
  for (const key of seen) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
}
/**
 * ESCO label rules (principled, not a list of words):
 * - a label found in more than GENERIC_DOCUMENT_SHARE of the descriptions is dropped (an ordinary word);
 * - a label found in more than CONTEXT_DOCUMENT_SHARE of them, or with a single content word, only
 *   counts in a skills context (a skills list, "X skills", "knowledge of X"), like the curated
 *   common nouns;
 * - labels of fewer than 3 characters, stop words only, more than 5 words, or shared by several
 *   concepts (unless it is the preferred label of exactly one) are dropped.
 * The two shares were chosen on the validation halves of the public evaluation sets only
 * (scripts/eval-parsing.ts reports on the test halves).
 */
const GENERIC_DOCUMENT_SHARE = 0.02;
const CONTEXT_DOCUMENT_SHARE = 0.002;
const labelDf = (key, ownDescription) => {
  const df = documentFrequency.get(key) ?? 0;
  return ownDescription && ` ${stemKey(tokensOf(ownDescription))} `.includes(` ${key} `) ? df - 1 : df;
};

/** The concept's candidate labels: preferred first, then alternative, then hidden (not truncated). */
function conceptLabels(r) {
  const out = [];
  const add = (label, preferred) => {
    const clean = unqualified(label);
    if (clean && !out.some((o) => o.label === clean)) out.push({ label: clean, preferred });
  };
  add(r.preferredLabel, true);
  splitLabels(r.altLabels).forEach((l) => add(l, false));
  splitLabels(r.hiddenLabels)
    .filter((l) => !truncated(l, r))
    .forEach((l) => add(l, false));
  return out;
}

// Which concepts claim each label (by stem key), and which have it as their preferred label.
const claims = new Map(); // key -> Set(uri)
const preferredBy = new Map(); // key -> Set(uri)
const conceptByUri = new Map(escoSkills.map((r) => [r.conceptUri, r]));
const targetUri = (uri) => languageOf.get(uri) ?? uri; // a language sub-skill's labels go to its language
for (const r of escoSkills) {
  for (const { label, preferred } of conceptLabels(r)) {
    const key = stemKey(tokensOf(label));
    const uri = targetUri(r.conceptUri);
    (claims.get(key) ?? claims.set(key, new Set()).get(key)).add(uri);
    if (preferred) (preferredBy.get(key) ?? preferredBy.set(key, new Set()).get(key)).add(uri);
  }
}
const labelStats = { dropped: { short: 0, stopWords: 0, long: 0, shared: 0, generic: 0, excluded: 0 }, context: 0, kept: 0 };
/** null (drop), 'free' or 'context'. */
function classifyLabel(label, concept, uri) {
  const tokens = tokensOf(label);
  const key = stemKey(tokens);
  const letters = label.replace(/[^\p{L}\p{N}+#]/gu, '');
  const drop = (why) => (labelStats.dropped[why]++, null);
  if (EXCLUDE.has(norm(label))) return drop('excluded');
  if (letters.length < 3 && !(letters.length === 2 && /[+#]/.test(label))) return drop('short');
  if (tokens.length > MAX_LABEL_TOKENS) return drop('long');
  const content = tokens.filter((t) => !STOP.has(t));
  if (!content.length) return drop('stopWords');
  const owners = claims.get(key);
  if (owners.size > 1) {
    const pref = preferredBy.get(key);
    if (!(pref?.size === 1 && pref.has(uri))) return drop('shared');
  }
  const share = labelDf(key, concept.description) / documents.length;
  if (share > GENERIC_DOCUMENT_SHARE) return drop('generic');
  if (share > CONTEXT_DOCUMENT_SHARE || content.length === 1) return (labelStats.context++, 'context');
  labelStats.kept++;
  return 'free';
}

// Entries by ESCO URI: a curated / O*NET entry whose canonical name (or an alias) is a concept's
// preferred label takes the concept; esco-links.txt links the rest ("Teamwork => work in teams").
const entryByUri = new Map();
const byPreferredLabel = new Map(escoSkills.map((r) => [norm(unqualified(r.preferredLabel)), r]));
for (const line of dataLines('esco-links.txt')) {
  const [name, label] = line.split('=>').map((s) => s.trim());
  const idx = dict.byAlias.get(norm(name));
  const concept = byPreferredLabel.get(norm(label));
  if (idx === undefined) throw new Error(`esco-links.txt names "${name}", which is not in the dictionary`);
  if (!concept) throw new Error(`esco-links.txt names "${label}", which is no ESCO preferred label`);
  if (dict.entries[idx].uri) throw new Error(`esco-links.txt links "${name}" twice`);
  dict.entries[idx].uri = concept.conceptUri;
  entryByUri.set(concept.conceptUri, dict.entries[idx]);
}
for (const r of escoSkills) {
  if (entryByUri.has(r.conceptUri) || languageOf.has(r.conceptUri)) continue;
  const idx = dict.byAlias.get(norm(unqualified(r.preferredLabel)));
  if (idx !== undefined && !dict.entries[idx].uri && dict.entries[idx].source !== 'esco') {
    dict.entries[idx].uri = r.conceptUri;
    entryByUri.set(r.conceptUri, dict.entries[idx]);
  }
}

const typeOfConcept = (r) =>
  languageUris.has(r.conceptUri)
    ? 'language'
    : r.reuseLevel === 'transversal'
      ? 'transversal'
      : r.skillType === 'knowledge'
        ? 'knowledge'
        : 'skill';
const categoryOfConcept = (r, type) =>
  type === 'language'
    ? 'language'
    : type === 'transversal'
      ? 'soft_skill'
      : (ESCO_CATEGORY.find(([re]) => re.test(r.preferredLabel))?.[1] ?? (type === 'knowledge' ? 'knowledge' : 'skill'));

/** Label keys already taken (curated and O*NET aliases, then ESCO labels in order): first come, first served. */
const ownedKeys = new Map();
dict.entries.forEach((e) =>
  [e.name, ...e.aliases].forEach((a) => ownedKeys.has(stemKey(tokensOf(a))) || ownedKeys.set(stemKey(tokensOf(a)), e)),
);

let escoAdded = 0;
// languages first, so "German" goes to the language and not to a knowledge concept that mentions it
const escoOrder = [...escoSkills].sort((a, b) => +languageUris.has(b.conceptUri) - +languageUris.has(a.conceptUri));
for (const r of escoOrder) {
  const uri = targetUri(r.conceptUri);
  const concept = conceptByUri.get(uri);
  const type = typeOfConcept(concept);
  let entry = entryByUri.get(uri);
  if (!entry) {
    if (languageOf.has(r.conceptUri)) continue; // a sub-skill whose language is not released
    const name = unqualified(concept.preferredLabel);
    // the name is matched only as one of the labels below (if the label rules keep it)
    // (a language's name always counts: the extractor asks for a language context instead)
    entry = { name, aliases: [], category: categoryOfConcept(concept, type), source: 'esco', uri, nameIsLabel: type !== 'language' };
    dict.entries.push(entry);
    if (!dict.byAlias.has(norm(name))) dict.byAlias.set(norm(name), dict.entries.length - 1);
    entryByUri.set(uri, entry);
    escoAdded++;
  }
  entry.type ??= type;
  for (const { label } of conceptLabels(r)) {
    const key = stemKey(tokensOf(label));
    const owner = ownedKeys.get(key);
    if (owner && owner !== entry) continue;
    const kind = classifyLabel(label, r, uri);
    if (!kind) continue;
    ownedKeys.set(key, entry);
    const list = kind === 'free' ? (entry.labels ??= []) : (entry.contextLabels ??= []);
    const known = [...(entry.nameIsLabel ? [] : [entry.name]), ...entry.aliases, ...(entry.labels ?? []), ...(entry.contextLabels ?? [])];
    if (!known.some((x) => stemKey(tokensOf(x)) === key)) list.push(label);
  }
}
// Variants from scripts/skills-data/esco-variants.txt: labels ESCO lacks ("team-oriented"), and
// trait adjectives ("~proactive") that count only where a person is described.
for (const line of dataLines('esco-variants.txt')) {
  const [label, rest] = line.split(/:\s+/);
  const concept = byPreferredLabel.get(norm(label));
  const entry = concept && entryByUri.get(targetUri(concept.conceptUri));
  if (!entry) throw new Error(`esco-variants.txt names "${label}", which is no ESCO preferred label in the dictionary`);
  for (const variant of rest.split('|').map((v) => v.trim())) {
    const trait = variant.startsWith('~');
    const text = variant.replace(/^~/, '');
    const other = dict.byAlias.get(norm(text));
    if (other !== undefined && dict.entries[other] !== entry)
      throw new Error(`esco-variants.txt: "${text}" already names ${dict.entries[other].name}`);
    (trait ? (entry.traitLabels ??= []) : (entry.labels ??= [])).push(text);
  }
}

// Languages ESCO does not list (Mandarin, Tagalog, ...): curated names, without a URI.
for (const line of dataLines('natural-languages.txt')) {
  for (const word of line.split(/\s+/)) {
    const name = word[0].toUpperCase() + word.slice(1);
    if (word === 'ancient' || dict.byAlias.has(norm(name))) continue;
    dict.add(name, [], 'language', { source: 'curated' }).type = 'language';
  }
}

// Role nouns: the heads of ESCO occupations' preferred titles ("software engineer", "sales manager"), taken when
// at least ROLE_HEAD_MIN_OCCUPATIONS occupations end with them. A skill named right before one is a
// role title ("as a backend engineer"), not a claimed skill (see src/skills/role-context.ts).
const ROLE_HEAD_MIN_OCCUPATIONS = 5;
const headCounts = new Map();
for (const r of occupations) {
  // "wholesale merchant in machinery": the head comes before the prepositional phrase
  const head = tokensOf(unqualified(r.preferredLabel).split(/\s(?:in|of|for|at|with|on)\s/)[0]).at(-1);
  if (head && /^[a-z]{4,}$/.test(head)) headCounts.set(head, (headCounts.get(head) ?? 0) + 1);
}
const roleNouns = [...headCounts]
  .filter(([, n]) => n >= ROLE_HEAD_MIN_OCCUPATIONS)
  .map(([h]) => h)
  .sort();

// 4. implications (scripts/skills-data/implications.txt) ---------------------------------------
const entryNamed = (name) => {
  const idx = dict.byAlias.get(norm(name));
  if (idx === undefined) throw new Error(`implications.txt names "${name}", which is not in the dictionary`);
  return dict.entries[idx];
};
for (const line of dataLines('implications.txt')) {
  const [broader, narrower] = line.split('<=').map((side) => side.trim());
  const target = entryNamed(broader).name;
  for (const name of narrower.split(',').map((n) => n.trim())) {
    const entry = entryNamed(name);
    if (entry.name === target) throw new Error(`implications.txt: "${name}" implies itself`);
    if (!(entry.implies ??= []).includes(target)) entry.implies.push(target);
  }
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------
const skills = dict.entries.map((e) => {
  const out = {
    name: e.name,
    aliases: e.aliases.filter((a) => a !== e.name),
    category: e.category,
    type: e.type ?? typeOfCategory(e.category),
  };
  if (e.uri) out.uri = uuidOf(e.uri);
  if (e.nameIsLabel) out.nameIsLabel = true;
  if (e.labels?.length) out.labels = e.labels;
  if (e.contextLabels?.length) out.contextLabels = e.contextLabels;
  if (e.traitLabels?.length) out.traitLabels = e.traitLabels;
  if (e.implies?.length) out.implies = e.implies;
  if (e.ambiguous) out.ambiguous = e.ambiguous;
  else {
    if (e.ambiguousAliases?.length) out.ambiguousAliases = e.ambiguousAliases;
    if (e.commonAliases?.length) out.commonAliases = e.commonAliases;
  }
  return out;
});
const json = {
  header: {
    name: 'HireMatch skill dictionary',
    generatedBy: 'scripts/build-skill-dictionary.mjs',
    sources: ['hand-curated aliases', 'O*NET 29.x Technology Skills', 'ESCO v1.1.1 skills, knowledge, languages and occupations'],
    attribution: ATTRIBUTION,
    license: 'Derived data: CC BY 4.0 (see src/skills/ATTRIBUTION.md)',
    escoUriPrefix: ESCO_PREFIX,
    counts: { total: skills.length, onet: onetAdded, esco: escoAdded, escoLinked: skills.filter((s) => s.uri).length, labels: labelStats },
    roleNouns,
  },
  skills,
};
mkdirSync(dirname(outFile), { recursive: true });
const text = JSON.stringify(json) + '\n';
writeFileSync(outFile, text);
console.log(
  `wrote ${outFile}: ${skills.length} skills (${skills.length - onetAdded - escoAdded} curated, ${onetAdded} O*NET, ${escoAdded} ESCO; ` +
    `${json.header.counts.escoLinked} with an ESCO URI), ${(text.length / 1024).toFixed(0)} KiB; ESCO labels ${JSON.stringify(labelStats)}; ${roleNouns.length} role nouns`,
);
