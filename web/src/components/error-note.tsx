import type { DescribedError } from '../lib/error-messages.js';

/** An error in words (role=alert: read out at once), with the server's own message in small print. */
export function ErrorNote({ error }: { error?: DescribedError }) {
  if (!error) return null;
  return (
    <div class="error" role="alert">
      <p>{error.message}</p>
      {error.detail && <p class="detail">{error.detail}</p>}
    </div>
  );
}
