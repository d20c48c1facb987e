/** How a person to erase is named: by email and/or phone number (as the resume or the request writes it). */
export interface CandidateIdentity {
  email?: string;
  phone?: string;
}

/** Digits of a phone number; fewer than 7 cannot name one person. */
export function phoneDigits(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? digits : null;
}

/**
 * Whether two phone numbers are the same line: equal digits, or one is the other with a country
 * prefix (`+1 415 555 0199` and `(415) 555-0199`; `+44 113 496 0555` and `0113 496 0555`: the
 * national trunk 0 and international 00 are dropped). Both need at least 7 digits.
 */
export function samePhone(a: string, b: string): boolean {
  const x = phoneDigits(a)?.replace(/^0+/, '');
  const y = phoneDigits(b)?.replace(/^0+/, '');
  if (!x || !y || x.length < 7 || y.length < 7) return false;
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  return longer.endsWith(shorter) && longer.length - shorter.length <= 3;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
