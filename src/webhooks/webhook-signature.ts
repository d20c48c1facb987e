import { createHmac, randomBytes } from 'node:crypto';

/** The header a receiver verifies: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` (as Stripe signs). */
export const SIGNATURE_HEADER = 'HireMatch-Signature';

/** Receivers should refuse a signature older than this (README: "Verifying a delivery"): a captured request cannot be replayed later. */
export const REPLAY_WINDOW_SECONDS = 300;

/** `whsec_` + 32 random bytes (base64url). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * The signature header's value for `body` sent at `timestamp` (unix seconds). The timestamp is
 * signed with the body, so a receiver that checks its age stops replays. The whole secret string
 * (with its `whsec_` prefix) is the HMAC key: receivers use it exactly as shown.
 */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}
