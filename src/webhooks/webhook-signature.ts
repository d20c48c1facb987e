import { createHmac, randomBytes } from 'node:crypto';
import type { Webhook } from '../generated/prisma/client.js';

/** The header a receiver verifies: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` (as Stripe signs). */
export const SIGNATURE_HEADER = 'HireMatch-Signature';

/** Receivers should refuse a signature older than this (README: "Verifying a delivery"): a captured request cannot be replayed later. */
export const REPLAY_WINDOW_SECONDS = 300;

/** `whsec_` + 32 random bytes (base64url). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** How long deliveries are also signed with the previous secret after a rotation, unless the request says otherwise. */
export const DEFAULT_PREVIOUS_SECRET_VALIDITY_SECONDS = 24 * 60 * 60;
export const MAX_PREVIOUS_SECRET_VALIDITY_SECONDS = 7 * 24 * 60 * 60;

/**
 * The secret a rotation replaced, while its grace period runs (it still signs, beside the current
 * one); null otherwise. The columns keep a passed expiry until the next rotation.
 */
export function previousSecretInForce(
  webhook: Pick<Webhook, 'previousSecret' | 'previousSecretExpiresAt'>,
  now = new Date(),
): { secret: string; expiresAt: Date } | null {
  const { previousSecret, previousSecretExpiresAt } = webhook;
  return previousSecret && previousSecretExpiresAt && previousSecretExpiresAt > now
    ? { secret: previousSecret, expiresAt: previousSecretExpiresAt }
    : null;
}

/**
 * The signature header's value for `body` sent at `timestamp` (unix seconds): one `v1=` per secret,
 * the current one first (during a rotation, the previous one too, as Stripe rolls secrets; a receiver
 * accepts the request when any `v1` matches its secret). The timestamp is signed with the body, so a
 * receiver that checks its age stops replays. The whole secret string (with its `whsec_` prefix) is
 * the HMAC key: receivers use it exactly as shown.
 */
export function signatureHeader(secrets: string[], timestamp: number, body: string): string {
  const signatures = secrets.map((secret) => `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  return [`t=${timestamp}`, ...signatures].join(',');
}
