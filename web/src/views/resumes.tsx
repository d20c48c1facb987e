import { useState } from 'preact/hooks';
import { unwrap, type ErasureReceipt } from '../api/client.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { ErrorNote } from '../components/error-note.js';
import { Pager } from '../components/pager.js';
import { useLoad } from '../hooks.js';
import { describeError, type DescribedError } from '../lib/error-messages.js';
import { years } from '../lib/format.js';
import { candidateName } from '../lib/identity.js';
import { useSession } from '../session.js';
import { Uploader } from './uploader.js';

const PAGE = 20;

export function ResumesPage() {
  const { api, blind } = useSession();
  const [query, setQuery] = useState('');
  const [applied, setApplied] = useState('');
  const [offset, setOffset] = useState(0);
  const list = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/resumes', { params: { query: { limit: PAGE, offset, q: applied || undefined, blind: blind || undefined } } }),
      ),
    [applied, offset, blind],
  );

  return (
    <main id="main">
      <h1>Resumes</h1>
      <Uploader onUploaded={list.reload} />
      <section aria-labelledby="list-title">
        <h2 id="list-title">All resumes</h2>
        <form
          class="inline-form"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            setOffset(0);
            setApplied(query.trim());
          }}
        >
          <label for="resume-filter">Find resumes</label>
          <input
            id="resume-filter"
            type="search"
            value={query}
            placeholder={blind ? 'Skill or location' : 'Name, e-mail, file, skill or location'}
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
          <button type="submit">Find</button>
        </form>
        <ErrorNote error={list.error} />
        {list.data && (
          <>
            <p class="muted" aria-live="polite">
              {list.data.total === 0
                ? applied
                  ? `No resume matches “${applied}”.`
                  : 'No resumes yet: upload some above.'
                : `${list.data.total} resume${list.data.total === 1 ? '' : 's'}${applied ? ` matching “${applied}”` : ''}.`}
            </p>
            {list.data.items.length > 0 && (
              <table class="resumes">
                <caption class="visually-hidden">Resumes, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Candidate</th>
                    <th scope="col">Skills</th>
                    <th scope="col">Experience</th>
                    <th scope="col">Location</th>
                    <th scope="col">Vector</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((resume) => (
                    <tr key={resume.id}>
                      <td>
                        <a href={`#/resumes/${resume.id}`}>
                          {candidateName({ id: resume.id, ...resume.parsed, fileName: resume.fileName }, blind)}
                        </a>
                      </td>
                      <td>
                        {resume.skills.slice(0, 6).join(', ')}
                        {resume.skills.length > 6 && ` +${resume.skills.length - 6}`}
                      </td>
                      <td>{years(resume.parsed.totalYearsExperience)}</td>
                      <td>{resume.parsed.location ?? '—'}</td>
                      <td>{resume.embeddingStatus}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <Pager label="Resume pages" offset={offset} limit={PAGE} total={list.data.total} onOffset={setOffset} />
          </>
        )}
      </section>
      <ErasePerson onErased={list.reload} />
    </main>
  );
}

/** Erase a person by e-mail or phone (every resume of theirs in the organisation), after a confirmation. */
function ErasePerson({ onErased }: { onErased: () => void }) {
  const { api, announce } = useSession();
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<DescribedError>();
  const [receipt, setReceipt] = useState<ErasureReceipt>();

  const erase = async () => {
    setConfirming(false);
    setError(undefined);
    try {
      const done = await eraseCandidate(api, { email: email.trim() || undefined, phone: phone.trim() || undefined });
      setReceipt(done);
      announce(`Erased ${done.resumesErased} resume${done.resumesErased === 1 ? '' : 's'}.`);
      onErased();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <section aria-labelledby="erase-title">
      <h2 id="erase-title">Erase a person</h2>
      <p class="muted">Deletes every resume in your organisation with this e-mail or phone number, with its vector (GDPR art. 17).</p>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!email.trim() && !phone.trim()) setError({ message: 'Give an e-mail address or a phone number.' });
          else setConfirming(true);
        }}
      >
        <label for="erase-email">E-mail</label>
        <input id="erase-email" type="email" value={email} onInput={(event) => setEmail(event.currentTarget.value)} />
        <label for="erase-phone">Phone</label>
        <input id="erase-phone" type="tel" value={phone} onInput={(event) => setPhone(event.currentTarget.value)} />
        <button type="submit" class="danger">
          Erase…
        </button>
      </form>
      <ErrorNote error={error} />
      {receipt && (
        <p role="status">
          Erased {receipt.resumesErased} resume{receipt.resumesErased === 1 ? '' : 's'} at {new Date(receipt.erasedAt).toLocaleString()}.
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title="Erase this person?"
        confirmLabel="Erase for good"
        onConfirm={() => void erase()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          Every resume with {[email.trim(), phone.trim()].filter(Boolean).join(' or ')} will be deleted with its vector. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}

export function eraseCandidate(
  api: ReturnType<typeof useSession>['api'],
  who: { email?: string; phone?: string },
): Promise<ErasureReceipt> {
  return unwrap(api.DELETE('/api/v1/candidates', { params: { query: who } }));
}
