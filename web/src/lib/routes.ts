/**
 * The console's pages, kept in the URL's hash (`/#/jobs/<id>`): a hash route needs no fallback on the
 * server (every other path stays the API's), and six routes do not need a router library.
 */
export type Route =
  | { page: 'resumes' }
  | { page: 'resume'; id: string }
  | { page: 'jobs' }
  | { page: 'new-job' }
  | { page: 'edit-job'; id: string }
  | { page: 'job'; id: string }
  | { page: 'search' };

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const PATTERNS: Array<[RegExp, (match: RegExpExecArray) => Route]> = [
  [/^\/resumes\/?$/, () => ({ page: 'resumes' })],
  [new RegExp(`^/resumes/(${UUID})$`), (m) => ({ page: 'resume', id: m[1] })],
  [/^\/jobs\/?$/, () => ({ page: 'jobs' })],
  [/^\/jobs\/new$/, () => ({ page: 'new-job' })],
  [new RegExp(`^/jobs/(${UUID})/edit$`), (m) => ({ page: 'edit-job', id: m[1] })],
  [new RegExp(`^/jobs/(${UUID})$`), (m) => ({ page: 'job', id: m[1] })],
  [/^\/search\/?$/, () => ({ page: 'search' })],
];

/** `#/jobs/<id>` -> the job's page; anything unknown (or empty) -> the resumes page. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  for (const [pattern, route] of PATTERNS) {
    const match = pattern.exec(path);
    if (match) return route(match);
  }
  return { page: 'resumes' };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'resumes':
      return '#/resumes';
    case 'resume':
      return `#/resumes/${route.id}`;
    case 'jobs':
      return '#/jobs';
    case 'new-job':
      return '#/jobs/new';
    case 'edit-job':
      return `#/jobs/${route.id}/edit`;
    case 'job':
      return `#/jobs/${route.id}`;
    case 'search':
      return '#/search';
  }
}
