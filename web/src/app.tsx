import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { createApi } from './api/client.js';
import { useHash } from './hooks.js';
import { parseRoute, type Route } from './lib/routes.js';
import { SessionContext, stored, type Session } from './session.js';
import { JobCandidatesPage } from './views/candidates.js';
import { JobEditorPage } from './views/job-editor.js';
import { JobsPage } from './views/jobs.js';
import { ResumeDetailPage } from './views/resume-detail.js';
import { ResumesPage } from './views/resumes.js';
import { SearchPage } from './views/search.js';
import { SignIn } from './views/sign-in.js';

const TITLES: Record<Route['page'], string> = {
  resumes: 'Resumes',
  resume: 'Resume',
  jobs: 'Jobs',
  'new-job': 'New job',
  'edit-job': 'Edit job',
  job: 'Candidates for a job',
  search: 'Search',
};

export function App() {
  const [apiKey, setApiKey] = useState(stored.apiKey());
  const [blind, setBlindState] = useState(stored.blind());
  const [notice, setNotice] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const route = parseRoute(useHash());

  const signOut = useCallback((reason?: string) => {
    stored.setApiKey(null);
    setApiKey(null);
    setNotice(reason);
  }, []);
  const session = useMemo<Session | null>(
    () =>
      apiKey
        ? {
            apiKey,
            api: createApi(apiKey, () => signOut('The API key stopped working (revoked?): sign in again.')),
            blind,
            setBlind: (next) => {
              stored.setBlind(next);
              setBlindState(next);
            },
            signOut,
            announce: setAnnouncement,
          }
        : null,
    [apiKey, blind, signOut],
  );

  useEffect(() => {
    document.title = `${TITLES[route.page]} · HireMatch`;
  }, [route.page]);

  if (!session) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(key, warning) => {
          stored.setApiKey(key);
          setApiKey(key);
          setNotice(undefined);
          setAnnouncement(warning ? `Signed in. ${warning}` : 'Signed in.');
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <a class="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <header class="top">
        <span class="brand">HireMatch</span>
        <nav aria-label="Console">
          <NavLink href="#/resumes" current={route.page === 'resumes' || route.page === 'resume'}>
            Resumes
          </NavLink>
          <NavLink
            href="#/jobs"
            current={route.page === 'jobs' || route.page === 'job' || route.page === 'new-job' || route.page === 'edit-job'}
          >
            Jobs
          </NavLink>
          <NavLink href="#/search" current={route.page === 'search'}>
            Search
          </NavLink>
        </nav>
        <label class="switch">
          <input type="checkbox" role="switch" checked={blind} onChange={(event) => session.setBlind(event.currentTarget.checked)} />
          Blind review
        </label>
        <button type="button" onClick={() => signOut()}>
          Sign out
        </button>
      </header>
      <p class="announcement" role="status" aria-live="polite">
        {blind && <span class="badge">Blind review on: names, contact details, links and file names are hidden.</span>} {announcement}
      </p>
      <Page route={route} />
    </SessionContext.Provider>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'resumes':
      return <ResumesPage />;
    case 'resume':
      return <ResumeDetailPage id={route.id} />;
    case 'jobs':
      return <JobsPage />;
    case 'new-job':
      // Keyed: going from one job's editor to another's (or to a new job) starts from a fresh form.
      return <JobEditorPage key="new" />;
    case 'edit-job':
      return <JobEditorPage key={route.id} id={route.id} />;
    case 'job':
      return <JobCandidatesPage id={route.id} />;
    case 'search':
      return <SearchPage />;
  }
}

function NavLink({ href, current, children }: { href: string; current: boolean; children: string }) {
  return (
    <a href={href} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

/** The skip link must not change the hash route: focus the main landmark instead. */
function skipToMain(event: MouseEvent) {
  event.preventDefault();
  const main = document.getElementById('main');
  main?.setAttribute('tabindex', '-1');
  main?.focus();
}
