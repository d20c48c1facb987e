import { randomUUID } from 'node:crypto';

/** An incoming X-Request-Id is kept only if it is this safe: no log injection, no unbounded ids. */
const REQUEST_ID = /^[A-Za-z0-9._:~-]{1,128}$/;

/** The client's X-Request-Id when it is well formed, else a fresh UUID. */
export function resolveRequestId(header: unknown): string {
  const value: unknown = Array.isArray(header) ? (header as unknown[])[0] : header;
  return typeof value === 'string' && REQUEST_ID.test(value) ? value : randomUUID();
}

/** Query parameters whose values are personal data by name (erasure by email or phone, names). */
const PERSONAL_PARAMS = new Set(['email', 'phone', 'name', 'firstname', 'lastname', 'fullname']);
const EMAIL = /[^\s@/?&=:;,<>"']+@[^\s@/?&=:;,<>"']+\.[^\s@/?&=:;,<>"']+/g;
/** A run of at least 7 digits, possibly split by spaces, dots, dashes, slashes or brackets, maybe after a + or (. */
const PHONE = /\+?\(?\d(?:[\s()./-]*\d){6,}/g;
export const REDACTED = '[redacted]';

/** Masks what looks like an email address or a phone number in free text. */
export function redactPersonalData(text: string): string {
  return text.replace(EMAIL, REDACTED).replace(PHONE, REDACTED);
}

/**
 * The URL as it may be logged: the path as is (ids are opaque), and in the query string the values
 * of personal parameters (`email`, `phone`, ...) and anything shaped like an email or phone replaced.
 */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const parts = url
    .slice(queryStart + 1)
    .split('&')
    .map((part) => {
      const [rawName, ...rest] = part.split('=');
      const name = decodeQueryPart(rawName).toLowerCase().replace(/[_-]/g, '');
      if (PERSONAL_PARAMS.has(name)) return `${rawName}=${REDACTED}`;
      const value = decodeQueryPart(rest.join('='));
      const safe = redactPersonalData(value);
      return safe === value ? part : `${rawName}=${encodeURIComponent(safe).replaceAll(encodeURIComponent(REDACTED), REDACTED)}`;
    });
  return `${url.slice(0, queryStart)}?${parts.join('&')}`;
}

function decodeQueryPart(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** The fields of an error that may be logged: its type, code, a bounded message without personal data, and frames. */
export function loggableError(error: unknown): { type: string; message: string; code?: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: redactPersonalData(String(error)).slice(0, 300) };
  const type = error.constructor?.name && error.constructor.name !== 'Error' ? error.constructor.name : error.name;
  // Prisma's validation errors print the query's arguments, which may be a whole resume.
  const message = /^PrismaClient(Validation|Unknown)/.test(type)
    ? '[message omitted: it may hold query arguments]'
    : redactPersonalData(error.message).slice(0, 300);
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  return {
    type,
    message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(frames ? { stack: `${type}: ${message}\n${frames}` } : {}),
  };
}
