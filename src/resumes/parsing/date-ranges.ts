/** Date ranges as written on resumes ("Jan 2019 – Present", "2017-2019", "03/2015 - 06/2018"). */

export interface YearMonth {
  year: number;
  /** 1-12 */
  month: number;
}

export type DatePrecision = 'month' | 'year';

export interface DateRange {
  start: YearMonth;
  startPrecision: DatePrecision;
  /** null when `current` */
  end: YearMonth | null;
  endPrecision: DatePrecision | null;
  current: boolean;
  /** the matched text and its offset in the input */
  text: string;
  index: number;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  janvier: 1,
  janv: 1,
  januar: 1,
  enero: 1,
  ene: 1,
  gennaio: 1,
  gen: 1,
  jänner: 1,
  feb: 2,
  february: 2,
  febr: 2,
  février: 2,
  fevrier: 2,
  februar: 2,
  febrero: 2,
  febbraio: 2,
  mar: 3,
  march: 3,
  mars: 3,
  märz: 3,
  marz: 3,
  marzo: 3,
  mär: 3,
  apr: 4,
  april: 4,
  avril: 4,
  abril: 4,
  abr: 4,
  aprile: 4,
  avr: 4,
  may: 5,
  mai: 5,
  mayo: 5,
  maggio: 5,
  jun: 6,
  june: 6,
  juin: 6,
  juni: 6,
  junio: 6,
  giugno: 6,
  jul: 7,
  july: 7,
  juillet: 7,
  juli: 7,
  julio: 7,
  luglio: 7,
  juil: 7,
  aug: 8,
  august: 8,
  août: 8,
  aout: 8,
  agosto: 8,
  ago: 8,
  sep: 9,
  sept: 9,
  september: 9,
  septembre: 9,
  septiembre: 9,
  settembre: 9,
  oct: 10,
  october: 10,
  octobre: 10,
  oktober: 10,
  octubre: 10,
  ottobre: 10,
  okt: 10,
  nov: 11,
  november: 11,
  novembre: 11,
  noviembre: 11,
  dec: 12,
  december: 12,
  décembre: 12,
  decembre: 12,
  dezember: 12,
  diciembre: 12,
  dicembre: 12,
  dez: 12,
  déc: 12,
  dic: 12,
};
const SEASONS: Record<string, number> = { spring: 3, summer: 6, fall: 9, autumn: 9, winter: 12 };

const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const SEASON_NAMES = Object.keys(SEASONS).join('|');

// One date: "Jan 2019", "January, 2019", "Jan '19", "03/2015", "3.2015", "2015-03", "2015/03", "2019".
const DATE = `(?:(?:${MONTH_NAMES})\\.?,?\\s*(?:'\\d{2}|\\d{4})|(?:${SEASON_NAMES})\\s+\\d{4}|(?:0?[1-9]|1[0-2])\\s*[/.]\\s*(?:19|20)\\d{2}|(?:19|20)\\d{2}\\s*[/.-]\\s*(?:0[1-9]|1[0-2])(?![\\d])|(?:19|20)\\d{2})`;
const PRESENT = `(?:present|current(?:ly)?|now|today|ongoing|to\\s+date|till\\s+date|date|heute|aktuell|présent|aujourd'hui|actualidad|presente|actual|en\\s+cours)`;
const SEP = `\\s*(?:-{1,2}|\u2013|\u2014|\u2012|\u2212|~|\u2192|to|until|till|through|thru|bis|au|à|a|hasta|al)\\s*|\\s+/\\s+`;
const RANGE_RE = new RegExp(
  `(?<![\\p{L}\\d])(?:(?:since|from|seit|depuis|desde)\\s+)?(${DATE})(?:(?:${SEP})(${DATE}|${PRESENT}))?(?![\\p{L}\\d])`,
  'giu',
);
const SINCE_RE = /^(?:since|seit|depuis|desde)\b/i;

/** Parses one date point; null if it is not a date. */
export function parseDatePoint(raw: string): { ym: YearMonth; precision: DatePrecision } | null {
  const s = raw.trim().toLowerCase();
  let m = s.match(new RegExp(`^(${MONTH_NAMES})\\.?,?\\s*(?:'(\\d{2})|(\\d{4}))$`, 'iu'));
  if (m) {
    const year = m[3] ? +m[3] : 2000 + +m[2] > new Date().getFullYear() + 5 ? 1900 + +m[2] : 2000 + +m[2];
    return { ym: { year, month: MONTHS[m[1]] }, precision: 'month' };
  }
  m = s.match(new RegExp(`^(${SEASON_NAMES})\\s+(\\d{4})$`, 'i'));
  if (m) return { ym: { year: +m[2], month: SEASONS[m[1]] }, precision: 'month' };
  m = s.match(/^(\d{1,2})\s*[/.]\s*(\d{4})$/);
  if (m) return { ym: { year: +m[2], month: +m[1] }, precision: 'month' };
  m = s.match(/^(\d{4})\s*[/.-]\s*(\d{2})$/);
  if (m) return { ym: { year: +m[1], month: +m[2] }, precision: 'month' };
  m = s.match(/^(\d{4})$/);
  if (m) return { ym: { year: +m[1], month: 1 }, precision: 'year' };
  return null;
}

const ymIndex = (ym: YearMonth) => ym.year * 12 + (ym.month - 1);

/**
 * All date ranges in a line. A lone year counts only when `allowSingle` (education years);
 * a lone month-year ("May 2020") counts as a one-month range when `allowSingle`.
 */
export function findDateRanges(line: string, options: { now?: Date; allowSingle?: boolean } = {}): DateRange[] {
  const now = options.now ?? new Date();
  const maxYear = now.getFullYear() + 1;
  const out: DateRange[] = [];
  RANGE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RANGE_RE.exec(line))) {
    const start = parseDatePoint(m[1]);
    if (!start || start.ym.year < 1950 || start.ym.year > maxYear) continue;
    const since = SINCE_RE.test(m[0]);
    let end: ReturnType<typeof parseDatePoint> = null;
    let current = false;
    if (m[2]) {
      end = parseDatePoint(m[2]);
      if (!end) current = true;
      else if (end.ym.year < 1950 || end.ym.year > maxYear + 10) continue;
    } else if (since) current = true;
    else if (!options.allowSingle) continue;
    if (end && ymIndex(end.ym) < ymIndex(start.ym)) continue;
    // a phone number or id ("2019-2020-3344") is not a range
    const after = line.slice(m.index + m[0].length, m.index + m[0].length + 2);
    if (/^[-/]\d/.test(after)) continue;
    out.push({
      start: start.ym,
      startPrecision: start.precision,
      end: current ? null : end ? end.ym : m[2] ? null : start.ym,
      endPrecision: current ? null : end ? end.precision : start.precision,
      current,
      text: m[0],
      index: m.index,
    });
  }
  return out;
}

/** `YYYY-MM` */
export function toIsoMonth(ym: YearMonth | null): string | null {
  return ym ? `${ym.year}-${String(ym.month).padStart(2, '0')}` : null;
}

/**
 * Half-open month interval [from, to) of a range. Month-precise ends are inclusive ("Jan–Mar 2019"
 * = 3 months); a year-only end means the start of that year ("2017–2019" = 2 years); a current
 * range runs through the current month.
 */
export function rangeMonths(r: DateRange, now: Date = new Date()): [number, number] {
  const from = ymIndex(r.start);
  let to: number;
  if (r.current || !r.end) to = now.getFullYear() * 12 + now.getMonth() + 1;
  else if (r.endPrecision === 'year') to = ymIndex(r.end);
  else to = ymIndex(r.end) + 1;
  if (to <= from) to = r.endPrecision === 'year' && r.startPrecision === 'year' ? from + 6 : from + 1;
  return [from, to];
}

/** Total months covered by the ranges, overlaps counted once. */
export function mergedMonths(ranges: DateRange[], now: Date = new Date()): number {
  const nowIdx = now.getFullYear() * 12 + now.getMonth() + 1;
  const iv = ranges
    .map((r) => rangeMonths(r, now))
    .map(([a, b]) => [a, Math.min(b, nowIdx)] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let cur: [number, number] | null = null;
  for (const [a, b] of iv) {
    if (!cur || a > cur[1]) {
      if (cur) total += cur[1] - cur[0];
      cur = [a, b];
    } else cur[1] = Math.max(cur[1], b);
  }
  if (cur) total += cur[1] - cur[0];
  return total;
}

/** Total years (one decimal) covered by the ranges, overlaps counted once. */
export function totalYears(ranges: DateRange[], now: Date = new Date()): number {
  return Math.round((mergedMonths(ranges, now) / 12) * 10) / 10;
}
