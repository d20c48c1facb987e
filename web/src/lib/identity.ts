/**
 * What the console calls a candidate. Under blind review the server already leaves names out
 * (`blind=true`); the console never falls back to a file name there either, so a page fetched
 * before the toggle shows no name once it is on.
 */
export function candidateName(candidate: { id: string; name?: string | null; fileName?: string | null }, blind: boolean): string {
  if (blind) return anonymousName(candidate.id);
  return candidate.name?.trim() || candidate.fileName?.trim() || anonymousName(candidate.id);
}

/** A stable stand-in that says nothing about the person: the first characters of the record's id. */
export function anonymousName(id: string): string {
  return `Candidate ${id.slice(0, 8)}`;
}

/** A file the recruiter is uploading, under blind review: its position and type, not its name (usually the person's). */
export function uploadName(file: { name: string }, index: number, count: number, blind: boolean): string {
  if (!blind) return file.name;
  const type = /\.([a-z0-9]{1,5})$/i.exec(file.name)?.[1]?.toUpperCase();
  return `File ${index + 1} of ${count}${type ? ` (${type})` : ''}`;
}
