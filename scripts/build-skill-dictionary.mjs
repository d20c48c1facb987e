#!/usr/bin/env node
// Builds src/skills/skill-dictionary.json, the compact skill dictionary the SkillExtractor loads at
// run time, from the raw taxonomies (ESCO CSV + O*NET technology TSV) plus the hand-curated data
// committed in scripts/skills-data/ (skills with aliases, exclusions, vendor prefixes, implications).
//
//   npm run skills:build [-- --data <dir>] [-- --out <file>]
//
// The raw taxonomies are NOT in the repository (6.5 MB, CC BY 4.0 upstream): --data names the folder
// holding esco_skills_en.csv and onet_technology_skills.tsv, default ../shared/data/skills (where our
// dev machines keep them; scripts/skills-data/README.md says where to get them).
//
// Selection:
//   * curated entries (scripts/skills-data/curated-skills.txt): canonical name, aliases, category, ambiguity flag;
//   * O*NET "Hot Technology" / "In Demand" examples, plus product names listed for >= 10
//     occupations (vendor prefixes and trailing acronyms become aliases);
//   * ESCO "knowledge" concepts whose preferred label is a short (<= 3 words), concrete term; a few
//     spelling-variant alt labels are kept as aliases. Verb phrases ("manage staff") and vague
//     families ("types of pallets", "... regulations") are left out.
// Entries whose aliases collide are merged into the first (curated wins).
// A single lowercase word from ESCO ("criminology", "energy") is flagged ambiguous: the extractor
// only accepts ambiguous entries in a skills context.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const argOf = (flag, def) => {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] ? resolve(args[i + 1]) : def;
};
const dataDir = argOf('--data', resolve(root, '..', 'shared', 'data', 'skills'));
const outFile = argOf('--out', resolve(root, 'src', 'skills', 'skill-dictionary.json'));
const RAW_FILES = ['esco_skills_en.csv', 'onet_technology_skills.tsv'];
const missing = RAW_FILES.filter((file) => !existsSync(resolve(dataDir, file)));
if (missing.length) {
  console.error(
    `Missing ${missing.join(' and ')} in ${dataDir}. The raw taxonomies are not in the repository: ` +
      'see scripts/skills-data/README.md for where to get them, then pass --data <dir>.',
  );
  process.exit(1);
}

const ATTRIBUTION = [
  'ESCO, (c) European Union, https://esco.ec.europa.eu/ (ESCO v1.1.1 via the Tabiya Open Dataset; CC BY 4.0; selected and adapted).',
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
const VAGUE =
  /\b(types?|history|variety|characteristics|principles|theory|theories|regulations?|legislation|policies|policy|standards?|procedures?|processes|process|methods?|techniques?|practices?|components?|products?|industry|materials?|equipment|requirements|documents?|trends|activities|operations|sector|concepts?|features|specifications|properties|functions|devices?|instruments|tools|machines?|machinery|systems of|of|and|in|for|on|with|to)\b/i;
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
const americanize = (s) =>
  norm(s)
    .replace(/isation/g, 'ization')
    .replace(/ise\b/g, 'ize')
    .replace(/our\b/g, 'or')
    .replace(/ae/g, 'e')
    .replace(/-/g, ' ');
const escoRows = parseCsv(readFileSync(resolve(dataDir, 'esco_skills_en.csv'), 'utf8'));
const header = escoRows[0];
const [iLabel, iAlt, iType] = ['preferredLabel', 'altLabels', 'skillType'].map((h) => header.indexOf(h));
let escoAdded = 0;
for (const r of escoRows.slice(1)) {
  if (r[iType] !== 'knowledge') continue;
  let label = (r[iLabel] ?? '').trim();
  if (!label) continue;
  const isProgramming = /\(computer programming\)/i.test(label);
  label = label.replace(/\s*\(computer programming\)\s*/i, '').trim();
  if (/[()]/.test(label)) continue;
  const words = label.split(/\s+/);
  if (words.length > 3) continue;
  const n = norm(label);
  if (EXCLUDE.has(n) || NATURAL_LANGUAGES.has(n) || NATURAL_LANGUAGES.has(n.split(' ')[0])) continue;
  if (words.length > 1 && VAGUE.test(label)) continue;
  if (label.length < 3) continue;
  const alts = (r[iAlt] ?? '')
    .split('\n')
    .map((a) => a.trim())
    .filter((a) => a && a.length >= 3 && a.split(/\s+/).length <= 4 && !/[()]/.test(a))
    .filter((a) => {
      const an = americanize(a);
      const ln = americanize(label);
      if (an === ln || norm(a) === n) return true; // spelling variant
      const initials = label
        .split(/[\s-]+/)
        .map((w) => w[0])
        .join('')
        .toUpperCase();
      if (words.length >= 2 && a === initials && a.length >= 3) return true; // acronym
      return false;
    });
  // single words from ESCO: lowercase nouns ("criminology") and plain capitalised words ("Scratch")
  const singleLower =
    words.length !== 1 ? false : /^[a-z]/.test(label) ? 'common' : /^[A-Z][a-z]+$/.test(label) || /^[A-Z]{2,4}$/.test(label);
  let category = isProgramming ? 'programming_language' : (ESCO_CATEGORY.find(([re]) => re.test(label))?.[1] ?? 'knowledge');
  const before = dict.entries.length;
  dict.add(label, alts, category, { source: 'esco', ambiguous: singleLower });
  if (dict.entries.length > before) escoAdded++;
}

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
  const out = { name: e.name, aliases: e.aliases.filter((a) => a !== e.name), category: e.category };
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
    sources: ['hand-curated aliases', 'O*NET 29.x Technology Skills', 'ESCO v1.1.1 skills (knowledge)'],
    attribution: ATTRIBUTION,
    license: 'Derived data: CC BY 4.0 (see src/skills/ATTRIBUTION.md)',
    counts: { total: skills.length, onet: onetAdded, esco: escoAdded },
  },
  skills,
};
mkdirSync(dirname(outFile), { recursive: true });
const text = JSON.stringify(json) + '\n';
writeFileSync(outFile, text);
console.log(
  `wrote ${outFile}: ${skills.length} skills (${skills.length - onetAdded - escoAdded} curated, ${onetAdded} O*NET, ${escoAdded} ESCO), ${(text.length / 1024).toFixed(0)} KiB`,
);
