/**
 * Public resumes labelled by occupation, for the matching evaluation (issue 14): the Kaggle "Resume
 * Dataset" (livecareer.com examples, one category each). Not in the repository: the eval reads a folder
 * (test/fixtures/matching/README.md says where to get it and its licence) in either layout:
 *
 *   <dir>/<CATEGORY>/<id>.pdf | .txt    the archive's data/data/ folder, or a mirror of it
 *   <dir>/Resume.csv                    the archive's CSV, when it has the Resume_str and Category columns
 *
 * Pure helpers: loading, a seeded stratified sample, and the category's name as a job title.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse } from 'csv-parse/sync';

export interface PublicResume {
  /** The dataset's id (the file name without extension). */
  id: string;
  /** The occupation label, as the dataset spells it (e.g. INFORMATION-TECHNOLOGY). */
  category: string;
  /** What gets uploaded, and the name it is uploaded under. */
  file: { buffer: Buffer; name: string };
}

/** Resumes found in `dir` (files are read lazily by the caller's sample only: the PDFs weigh 60 MB). */
export function listPublicResumes(dir: string): Array<Omit<PublicResume, 'file'> & { load: () => PublicResume['file'] }> {
  if (!existsSync(dir)) return [];
  const csvPath = join(dir, 'Resume.csv');
  if (existsSync(csvPath)) {
    const rows = parse<Record<string, string>>(readFileSync(csvPath), { columns: true, skip_empty_lines: true });
    // The mirror's Resume.csv lists ids and categories only: then the category folders hold the text.
    if (rows.length && 'Resume_str' in rows[0] && 'Category' in rows[0]) {
      return rows
        .filter((row) => row.Resume_str?.trim() && row.Category?.trim())
        .map((row) => ({
          id: row.ID,
          category: row.Category.trim(),
          load: () => ({ buffer: Buffer.from(row.Resume_str, 'utf8'), name: `${row.ID}.txt` }),
        }));
    }
  }
  const found: Array<Omit<PublicResume, 'file'> & { load: () => PublicResume['file'] }> = [];
  for (const category of readdirSync(dir).sort()) {
    const folder = join(dir, category);
    if (!statSync(folder).isDirectory()) continue;
    for (const name of readdirSync(folder).sort()) {
      const ext = extname(name).toLowerCase();
      if (ext !== '.pdf' && ext !== '.txt') continue;
      found.push({ id: name.slice(0, -ext.length), category, load: () => ({ buffer: readFileSync(join(folder, name)), name }) });
    }
  }
  return found;
}

/** A seeded generator (mulberry32), so a seed always draws the same sample. */
function seeded(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * `perCategory` items from each of `categories` categories, both drawn with `seed` among the
 * categories that have at least `perCategory` items (sorted by name first, so the order the files
 * were listed in does not matter). Returns fewer categories when fewer qualify.
 */
export function stratifiedSample<T extends { id: string; category: string }>(
  items: readonly T[],
  options: { perCategory: number; categories: number; seed: number },
): T[] {
  const random = seeded(options.seed);
  const byCategory = new Map<string, T[]>();
  for (const item of items) byCategory.set(item.category, [...(byCategory.get(item.category) ?? []), item]);
  const eligible = [...byCategory.keys()].filter((c) => byCategory.get(c)!.length >= options.perCategory).sort();
  const chosen = shuffled(eligible, random).slice(0, options.categories).sort();
  return chosen.flatMap((category) => {
    const members = [...byCategory.get(category)!].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return shuffled(members, random).slice(0, options.perCategory);
  });
}

/** INFORMATION-TECHNOLOGY -> Information Technology; short labels (HR, BPO) stay upper case. */
export function occupationTitle(category: string): string {
  return category
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((word) => (word.length <= 3 ? word.toUpperCase() : word[0].toUpperCase() + word.slice(1).toLowerCase()))
    .join(' ');
}
