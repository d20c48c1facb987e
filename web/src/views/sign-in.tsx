import { useState } from 'preact/hooks';
import { createApi, unwrap } from '../api/client.js';
import { ErrorNote } from '../components/error-note.js';
import { ApiError } from '../lib/api-error.js';
import { describeError, type DescribedError } from '../lib/error-messages.js';

/**
 * Sign in with an API key. The key is checked by listing one resume: 401 means the key is wrong
 * (stay here and say so); 403 means it is valid but may not read resumes (sign in, and say what it
 * cannot do: other pages may still work).
 */
export function SignIn({ notice, onSignedIn }: { notice?: string; onSignedIn: (apiKey: string, warning?: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<DescribedError>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const apiKey = key.trim();
    if (!apiKey) {
      setError({ message: 'Paste an API key first.' });
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await unwrap(createApi(apiKey, () => undefined).GET('/api/v1/resumes', { params: { query: { limit: 1 } } }));
      onSignedIn(apiKey);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 403) onSignedIn(apiKey, describeError(failure).message);
      else setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in">
      <h1>HireMatch console</h1>
      <p>Upload resumes, post a job and see the candidates that fit it best, with the evidence for every score.</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={(event) => void submit(event)}>
        <label for="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          spellcheck={false}
          placeholder="hm_live_…"
          value={key}
          onInput={(event) => setKey(event.currentTarget.value)}
          aria-describedby="api-key-help"
        />
        <p id="api-key-help" class="muted">
          On first start the server writes an admin key to <code>./data/admin-api-key</code>. The key stays in this browser tab only
          (session storage) and is sent to this server alone.
        </p>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
      <ErrorNote error={error} />
    </main>
  );
}
