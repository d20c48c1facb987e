/** The candidate's name, read from the first lines of a resume. */
import { SEGMENT_SPLIT, asLocation } from './location.js';

const PARTICLES = new Set([
  'de',
  'da',
  'das',
  'do',
  'dos',
  'del',
  'della',
  'der',
  'den',
  'van',
  'von',
  'la',
  'le',
  'di',
  'du',
  'bin',
  'binti',
  'bint',
  'al',
  'el',
  'ibn',
  'ten',
  'ter',
  'y',
  'e',
  'zu',
  "d'",
  'st.',
  'mac',
  'ben',
]);
const NOT_NAME_WORDS =
  /\b(?:resume|résumé|curriculum|vitae|cv|lebenslauf|profile|summary|contact|email|e-mail|phone|mobile|address|street|avenue|road|linkedin|github|portfolio|engineer|engineering|developer|manager|management|nurse|nursing|accountant|accounting|analyst|teacher|designer|consultant|specialist|director|officer|coordinator|assistant|representative|scientist|technician|administrator|executive|associate|intern|supervisor|architect|marketing|sales|registered|certified|professional|senior|junior|lead|head|chief|president|founder|owner|student|graduate|experience|education|skills|objective|references|university|college|school|inc|llc|ltd|corp|company|group|services|solutions|hospital|clinic|remote|available|citizen|license|mechanical|software|data|financial|human|resources|logistics|operations|project|product|customer|account|business|clinical|medical|health|care|recruiter|generalist|therapist|pharmacist|physician|electrician|welder|chef|cashier|clerk|agent|advisor|adviser|planner|buyer|trainer|tutor|instructor|lecturer|professor|researcher|writer|editor|photographer|artist|assistant|secretary|receptionist|controller|auditor|bookkeeper|paralegal|attorney|lawyer)\b/i;

const CASELESS_WORD = /^[\p{Lo}\p{M}·・]+$/u;
const NAME_WORD = /^(?:(?:[dl]['’])?\p{Lu}[\p{Ll}\p{Lu}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*\.?|\p{Lu}\.)$/u;

/** Title-cases an all-caps Latin name, keeping hyphen/apostrophe parts capitalised. */
function titleCaseName(name: string): string {
  return name
    .split(' ')
    .map((w) =>
      PARTICLES.has(w.toLowerCase()) && w !== name.split(' ')[0]
        ? w.toLowerCase()
        : w.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase()),
    )
    .join(' ')
    .replace(/\b(Mc)(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

/** The text if it looks like a person's name, normalised; otherwise null. */
export function asName(text: string): string | null {
  let s = text
    .replace(/^\s*(?:name|nom|nombre)\s*[:-]\s*/i, '')
    .replace(/^(?:dr|mr|mrs|ms|mx|miss|prof|sir)\.?\s+(?=\p{Lu})/iu, '')
    .replace(/[,;:]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  // drop trailing credentials: "Jane Doe, RN, BSN" / "John Smith, CPA" / "Ana Ruiz MBA"
  s = s.replace(
    /(?:,?\s+(?:RN|BSN|MSN|CPA|CMA|ACCA|FCCA|ACA|FCA|CIMA|ACMA|CGMA|CIA|CFE|CCRN|APRN|FNP|LCSW|MPH|MSW|MSc|BSc|MEng|PMP|MBA|PhD|Ph\.D\.|MD|M\.D\.|PE|P\.E\.|CFA|SHRM-CP|SHRM-SCP|PHR|SPHR|LPN|NP|MS|MA|BS|BA|MEd|EdD|CPhT|CNA|DDS|Esq\.?|Jr\.?|Sr\.?|II|III|IV))+$/,
    '',
  );
  if (!s || s.length > 60 || /[\d@/\\|#$%^*_=+<>{}[\]()]/.test(s)) return null;
  if (NOT_NAME_WORDS.test(s)) return null;
  const words = s.split(' ');
  if (words.length === 1) {
    // a single token is only a name in scripts without spaces/case (Chinese, Japanese, Korean...)
    if (CASELESS_WORD.test(s) && [...s].length >= 2 && [...s].length <= 6) return s;
    return null;
  }
  if (words.filter((w) => !PARTICLES.has(w.toLowerCase())).length > 5) return null;
  let real = 0;
  for (const w of words) {
    if (PARTICLES.has(w.toLowerCase())) continue;
    if (CASELESS_WORD.test(w) || NAME_WORD.test(w)) {
      real++;
      continue;
    }
    return null;
  }
  if (real < 2 && !words.some((w) => CASELESS_WORD.test(w))) return null;
  const latin = s.replace(/[^\p{Script=Latin}]/gu, '');
  if (latin.length > 1 && latin === latin.toUpperCase() && /\p{Lu}{2}/u.test(latin)) return titleCaseName(s);
  return s;
}

/** The candidate's name from the first header lines. */
export function extractName(lines: string[]): string | null {
  const candidates = lines
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 10);
  for (const line of candidates) {
    const lab = line.match(/^\s*(?:full\s+)?name\s*[:-]\s*(.+)$/i);
    if (lab) {
      const n = asName(lab[1]);
      if (n) return n;
    }
  }
  for (const line of candidates) {
    if (/^(?:curriculum vitae|resume|résumé|cv|lebenslauf)$/i.test(line)) continue;
    const first = line.split(SEGMENT_SPLIT)[0].replace(/^(?:resume|résumé|cv|curriculum vitae)\s*(?:of|[-:–—])\s*/i, '');
    const n = asName(first) ?? asName(line);
    if (n) {
      if (asLocation(n)) continue;
      return n;
    }
  }
  // "john smith" typed in lowercase on the very first line
  const top = candidates.find((l) => !/^(?:curriculum vitae|resume|résumé|cv|lebenslauf)$/i.test(l));
  if (top && /^[\p{Ll}'’-]+(?: [\p{Ll}'’-]+){1,3}$/u.test(top) && top.length <= 40) {
    const n = asName(titleCaseName(top.toUpperCase() === top ? top : top.toUpperCase()));
    if (n && !asLocation(n)) return n;
  }
  return null;
}
