import { useState } from 'preact/hooks';
import { unwrap, type ResumeView, type SearchMode, type SearchResponse } from '../api/client.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { ErrorNote } from '../components/error-note.js';
import { useLoad } from '../hooks.js';
import { describeError, type DescribedError } from '../lib/error-messages.js';
import { years } from '../lib/format.js';
import { candidateName } from '../lib/identity.js';
import { useSession } from '../session.js';
import { eraseCandidate } from './resumes.js';
import { SearchResults } from './search.js';

export function ResumeDetailPage({ id }: { id: string }) {
  const { api, blind } = useSession();
  const resume = useLoad(
    () => unwrap(api.GET('/api/v1/resumes/{id}', { params: { path: { id }, query: { blind: blind || undefined } } })),
    [id, blind],
  );
  return (
    <main id="main">
      <p>
        <a href="#/resumes">← All resumes</a>
      </p>
      <ErrorNote error={resume.error} />
      {resume.data && <ResumeDetail resume={resume.data} />}
    </main>
  );
}

function ResumeDetail({ resume }: { resume: ResumeView }) {
  const { blind } = useSession();
  const parsed = resume.parsed;
  const name = candidateName({ id: resume.id, name: parsed.name, fileName: resume.fileName }, blind);
  return (
    <>
      <h1>{name}</h1>
      <section aria-labelledby="who-title" class="card">
        <h2 id="who-title">Contact</h2>
        {blind ? (
          <p class="muted">Hidden for blind review: name, e-mail, phone, links and file name.</p>
        ) : (
          <dl class="facts">
            <dt>E-mail</dt>
            <dd>{parsed.email ?? '—'}</dd>
            <dt>Phone</dt>
            <dd>{parsed.phone ?? '—'}</dd>
            <dt>Links</dt>
            <dd>{[parsed.links.linkedin, parsed.links.github, ...parsed.links.web].filter(Boolean).join(', ') || '—'}</dd>
            <dt>File</dt>
            <dd>{resume.fileName ?? '—'}</dd>
          </dl>
        )}
      </section>
      <section aria-labelledby="facts-title" class="card">
        <h2 id="facts-title">Profile</h2>
        <dl class="facts">
          <dt>Location</dt>
          <dd>{parsed.location ?? '—'}</dd>
          <dt>Experience</dt>
          <dd>{years(parsed.totalYearsExperience)}</dd>
          <dt>Education</dt>
          <dd>{parsed.highestEducationLevel ?? '—'}</dd>
          <dt>Languages</dt>
          <dd>{parsed.languages.join(', ') || '—'}</dd>
          <dt>Certifications</dt>
          <dd>{parsed.certifications.join(', ') || '—'}</dd>
          <dt>Vector</dt>
          <dd>
            {resume.embeddingStatus}
            {resume.embeddingModel && <span class="muted"> ({resume.embeddingModel})</span>}
          </dd>
        </dl>
        {parsed.summary && (
          <>
            <h3>Summary</h3>
            <p>{parsed.summary}</p>
          </>
        )}
      </section>
      <section aria-labelledby="skills-title" class="card">
        <h2 id="skills-title">Skills ({parsed.skills.length})</h2>
        {parsed.skills.length ? (
          <table>
            <thead>
              <tr>
                <th scope="col">Skill</th>
                <th scope="col">Category</th>
                <th scope="col">Found in</th>
              </tr>
            </thead>
            <tbody>
              {parsed.skills.map((skill) => (
                <tr key={skill.name}>
                  <td>{skill.name}</td>
                  <td>{skill.category}</td>
                  <td>{skill.foundIn.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">No skills from the dictionary were found.</p>
        )}
      </section>
      <section aria-labelledby="experience-title" class="card">
        <h2 id="experience-title">Experience</h2>
        {parsed.experience.length ? (
          <ul class="plain">
            {parsed.experience.map((entry, index) => (
              <li key={index}>
                <strong>{entry.title ?? 'Untitled role'}</strong>
                {entry.company && ` — ${entry.company}`}{' '}
                <span class="muted">
                  {entry.start ?? '?'} to {entry.current ? 'now' : (entry.end ?? '?')}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">No dated positions found.</p>
        )}
        <h3>Education</h3>
        {parsed.education.length ? (
          <ul class="plain">
            {parsed.education.map((entry, index) => (
              <li key={index}>
                {[entry.degree, entry.field].filter(Boolean).join(', ') || 'Degree'}
                {entry.institution && ` — ${entry.institution}`}
                {entry.year && <span class="muted"> ({entry.year})</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">None found.</p>
        )}
      </section>
      <MoreLikeThis id={resume.id} />
      <ResumeActions resume={resume} name={name} />
    </>
  );
}

/** "More like this": resumes near this one, by its stored vector and words. */
function MoreLikeThis({ id }: { id: string }) {
  const { api, blind } = useSession();
  const [mode, setMode] = useState<SearchMode>('hybrid');
  const [result, setResult] = useState<SearchResponse>();
  const [error, setError] = useState<DescribedError>();
  const [busy, setBusy] = useState(false);
  const find = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await unwrap(api.POST('/api/v1/resumes/{id}/similar', { params: { path: { id } }, body: { mode, limit: 10, blind } })));
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="similar-title" class="card">
      <h2 id="similar-title">More like this</h2>
      <div class="inline-form">
        <label for="similar-mode">Compare by</label>
        <select id="similar-mode" value={mode} onChange={(event) => setMode(event.currentTarget.value as SearchMode)}>
          <option value="hybrid">Meaning and words (hybrid)</option>
          <option value="vector">Meaning (vector)</option>
          <option value="keyword">Words (keyword)</option>
        </select>
        <button type="button" onClick={() => void find()} disabled={busy}>
          {busy ? 'Finding…' : 'Find similar resumes'}
        </button>
      </div>
      <ErrorNote error={error} />
      {result && <SearchResults response={result} />}
    </section>
  );
}

/** Delete this resume, or erase the person (every resume with their e-mail or phone), each after a confirmation. */
function ResumeActions({ resume, name }: { resume: ResumeView; name: string }) {
  const { api, blind, announce } = useSession();
  const [confirm, setConfirm] = useState<'delete' | 'erase' | null>(null);
  const [error, setError] = useState<DescribedError>();
  const identity = { email: resume.parsed.email ?? undefined, phone: resume.parsed.phone ?? undefined };
  const canErase = Boolean(identity.email || identity.phone);

  const act = async () => {
    const action = confirm;
    setConfirm(null);
    setError(undefined);
    try {
      if (action === 'delete') {
        await unwrap(api.DELETE('/api/v1/resumes/{id}', { params: { path: { id: resume.id } } }));
        announce(`Deleted the resume of ${name}.`);
      } else {
        const receipt = await eraseCandidate(api, identity);
        announce(`Erased ${name}: ${receipt.resumesErased} resume${receipt.resumesErased === 1 ? '' : 's'} deleted.`);
      }
      location.hash = '#/resumes';
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <section aria-labelledby="actions-title" class="card">
      <h2 id="actions-title">Remove</h2>
      <div class="actions">
        <button type="button" class="danger" onClick={() => setConfirm('delete')}>
          Delete this resume
        </button>
        <button type="button" class="danger" disabled={!canErase} onClick={() => setConfirm('erase')}>
          Erase this person
        </button>
      </div>
      {!canErase && (
        <p class="muted">
          {blind
            ? 'Erasing a person needs their e-mail or phone, which blind review hides: turn blind review off, or use “Erase a person” on the resumes page.'
            : 'No e-mail or phone was found in this resume: delete it instead.'}
        </p>
      )}
      <ErrorNote error={error} />
      <ConfirmDialog
        open={confirm !== null}
        title={confirm === 'erase' ? `Erase ${name}?` : `Delete the resume of ${name}?`}
        confirmLabel={confirm === 'erase' ? 'Erase for good' : 'Delete'}
        onConfirm={() => void act()}
        onCancel={() => setConfirm(null)}
      >
        {confirm === 'erase' ? (
          <p>
            Every resume in your organisation with {[identity.email, identity.phone].filter(Boolean).join(' or ')} is deleted, with its
            vector and cached data. This cannot be undone.
          </p>
        ) : (
          <p>This resume and its vector are deleted. This cannot be undone.</p>
        )}
      </ConfirmDialog>
    </section>
  );
}
