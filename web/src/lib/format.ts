/** 0.714 -> "71%"; null (no vector on one side) -> "n/a". */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? 'n/a' : `${Math.round(value * 100)}%`;
}

/** 6.5 -> "6.5 years", 1 -> "1 year", null -> "unknown". */
export function years(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'unknown';
  const rounded = Math.round(value * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'year' : 'years'}`;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** "Node.js, TypeScript" -> ['Node.js', 'TypeScript'] (the comma lists of the forms). */
export function commaList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
}
