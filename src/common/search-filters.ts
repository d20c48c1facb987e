/** Filters that narrow a search or a ranking; each repository maps them to its own columns. */
export interface SearchFilters {
  /** Canonical skill names the row must all have. */
  skills?: string[];
  /** Case-insensitive substring of the row's location. */
  location?: string;
  /** Resumes: at least this many years of experience. Jobs: asks for at least this many. */
  minYears?: number;
  createdAfter?: Date;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
