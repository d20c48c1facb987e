import { useState } from 'preact/hooks';
import { unwrap, type SearchMode, type SearchResponse } from '../api/client.js';
import { ErrorNote } from '../components/error-note.js';
import { describeError, type DescribedError } from '../lib/error-messages.js';
import { percent } from '../lib/format.js';
import { anonymousName } from '../lib/identity.js';
import { useSession } from '../session.js';

const MODES: Array<{ value: SearchMode; label: string; help: string }> = [
  { value: 'hybrid', label: 'Hybrid', help: 'meaning and words together (best in most cases)' },
  { value: 'vector', label: 'Meaning', help: 'by what the text is about, even in other words (vector)' },
  { value: 'keyword', label: 'Words', help: 'by the words themselves, rare words counting most (keyword, BM25)' },
];

export function SearchPage() {
  const { api, blind } = useSession();
  const [query, setQuery] = useState('');
  const [target, setTarget] = useState<'resumes' | 'jobs'>('resumes');
  const [mode, setMode] = useState<SearchMode>('hybrid');
  const [result, setResult] = useState<SearchResponse>();
  const [error, setError] = useState<DescribedError>();
  const [busy, setBusy] = useState(false);

  const search = async (event: Event) => {
    event.preventDefault();
    if (!query.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      setResult(
        await unwrap(api.POST('/api/v1/matching/similarity-search', { body: { query: query.trim(), target, mode, limit: 20, blind } })),
      );
    } catch (failure) {
      setResult(undefined);
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main">
      <h1>Search</h1>
      <form onSubmit={(event) => void search(event)} role="search" class="search-form">
        <label for="search-query">Search for</label>
        <input
          id="search-query"
          type="search"
          value={query}
          placeholder="e.g. backend engineer who has run PostgreSQL in production"
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
        <fieldset>
          <legend>In</legend>
          {(['resumes', 'jobs'] as const).map((value) => (
            <label key={value} class="choice">
              <input type="radio" name="target" value={value} checked={target === value} onChange={() => setTarget(value)} />
              {value === 'resumes' ? 'Resumes' : 'Jobs'}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Match by</legend>
          {MODES.map((option) => (
            <label key={option.value} class="choice">
              <input type="radio" name="mode" value={option.value} checked={mode === option.value} onChange={() => setMode(option.value)} />
              {option.label} <span class="muted">— {option.help}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Searching…' : 'Search'}
        </button>
      </form>
      <ErrorNote error={error} />
      {result && <SearchResults response={result} />}
    </main>
  );
}

/** Ranked hits of a search or of "more like this", linking to each record. */
export function SearchResults({ response }: { response: SearchResponse }) {
  const { blind } = useSession();
  const resumes = response.target === 'resumes';
  return (
    <div aria-live="polite">
      {response.warnings?.map((warning) => (
        <p key={warning} class="notice">
          {warning}
        </p>
      ))}
      {response.results.length === 0 ? (
        <p class="muted">Nothing found.</p>
      ) : (
        <ol class="results">
          {response.results.map((hit) => (
            <li key={hit.id}>
              <a href={resumes ? `#/resumes/${hit.id}` : `#/jobs/${hit.id}`}>
                {resumes && (blind || !hit.label) ? anonymousName(hit.id) : (hit.label ?? 'Untitled job')}
              </a>{' '}
              <span class="muted">
                {response.scoreKind === 'cosine' ? 'similarity' : 'word match'} {percent(hit.similarity)}
                {hit.ranks && ` · rank ${hit.ranks.vector ?? '–'} by meaning, ${hit.ranks.keyword ?? '–'} by words`}
              </span>
              {hit.matchedTerms && hit.matchedTerms.length > 0 && <div class="small">Words found: {hit.matchedTerms.join(', ')}</div>}
              {hit.skills.length > 0 && <div class="small muted">{hit.skills.slice(0, 8).join(', ')}</div>}
            </li>
          ))}
        </ol>
      )}
      {response.skippedPending > 0 && (
        <p class="muted small">{response.skippedPending} record(s) without a vector yet were left out of the meaning search.</p>
      )}
    </div>
  );
}
