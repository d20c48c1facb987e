import { createHash, randomBytes } from 'node:crypto';

/** Every key starts with this, so a leaked key is recognisable (secret scanners, logs review). */
export const API_KEY_PREFIX = 'hm_live_';
const RANDOM_BYTES = 32;
/** The prefix plus 4 random characters: shown in key lists to tell keys apart; not enough to guess one. */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 4;

export interface NewApiKey {
  /** Shown once to whoever created it; never stored. */
  key: string;
  hash: string;
  displayPrefix: string;
}

export function generateApiKey(): NewApiKey {
  const key = API_KEY_PREFIX + randomBytes(RANDOM_BYTES).toString('base64url');
  return { key, hash: hashApiKey(key), displayPrefix: key.slice(0, DISPLAY_PREFIX_LENGTH) };
}

/**
 * sha256, not bcrypt/argon2: a slow hash protects low-entropy secrets (passwords) from guessing;
 * these keys carry 256 random bits, which no amount of hashing speed makes guessable. A fast,
 * deterministic hash also lets the key be found by an indexed lookup on every request.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Whether a string could be one of our keys (cheap rejection before any database work). */
export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX) && value.length >= API_KEY_PREFIX.length + 43 && value.length <= 200;
}

/** The key a request presents: `Authorization: Bearer <key>` or `X-API-Key: <key>`; null when neither. */
export function presentedApiKey(headers: Record<string, string | string[] | undefined>): string | null {
  const authorization = single(headers.authorization);
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  const header = single(headers['x-api-key'])?.trim();
  return header ? header : null;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
