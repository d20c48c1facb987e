/** Small pure helpers shared by the scoring modules. */

/** Rounds to 4 decimals (the precision every score in a breakdown is reported with). */
export function round4(value: number): number {
  const rounded = Math.round(value * 10_000) / 10_000;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** Clamps to [0, 1]; NaN becomes 0. */
export function clamp01(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

/** Recruiter-facing number: at most one decimal, no trailing `.0` ("5.5", "3", "0.8"). */
export function formatYears(years: number): string {
  const rounded = Math.round(years * 10) / 10;
  const text = Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
  return `${text} ${rounded === 1 ? 'year' : 'years'}`;
}

/** "A", "A and B", "A, B and C", "A, B, C and 4 more" (limit = how many names are spelled out). */
export function formatList(items: readonly string[], limit = 6): string {
  if (items.length === 0) return '';
  if (items.length > limit) {
    const shown = items.slice(0, limit);
    return `${shown.join(', ')} and ${items.length - limit} more`;
  }
  if (items.length === 1) return items[0];
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Key used to compare canonical names: trimmed, single-spaced, lower-case. */
export function normalizeKey(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}
