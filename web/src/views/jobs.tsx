import { useState } from 'preact/hooks';
import { unwrap } from '../api/client.js';
import { ErrorNote } from '../components/error-note.js';
import { Pager } from '../components/pager.js';
import { useLoad } from '../hooks.js';
import { useSession } from '../session.js';

const PAGE = 20;

export function JobsPage() {
  const { api } = useSession();
  const [offset, setOffset] = useState(0);
  const jobs = useLoad(() => unwrap(api.GET('/api/v1/jobs', { params: { query: { limit: PAGE, offset } } })), [offset]);
  return (
    <main id="main">
      <div class="title-row">
        <h1>Jobs</h1>
        <a class="button primary" href="#/jobs/new">
          New job
        </a>
      </div>
      <ErrorNote error={jobs.error} />
      {jobs.data && (
        <>
          {jobs.data.total === 0 && <p class="muted">No jobs yet: post one to see its best candidates.</p>}
          <ul class="job-list">
            {jobs.data.items.map((job) => (
              <li key={job.id} class="card">
                <h2>
                  <a href={`#/jobs/${job.id}`}>{job.title}</a>
                </h2>
                <p class="muted">
                  {job.location ?? 'No location'}
                  {job.parsed.remote && ' · remote'}
                  {job.minYearsExperience !== null && ` · ${job.minYearsExperience}+ years`}
                </p>
                <p class="small">
                  Required: {job.parsed.requiredSkills.join(', ') || '—'}
                  {job.parsed.preferredSkills.length > 0 && ` · Preferred: ${job.parsed.preferredSkills.join(', ')}`}
                </p>
              </li>
            ))}
          </ul>
          <Pager label="Job pages" offset={offset} limit={PAGE} total={jobs.data.total} onOffset={setOffset} />
        </>
      )}
    </main>
  );
}
