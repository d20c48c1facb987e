import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeEmail, phoneDigits, samePhone } from './candidate-match.js';

describe('candidate identity matching', () => {
  it('treats a number with and without its country code as one line', () => {
    assert.ok(samePhone('+1 415 555 0199', '(415) 555-0199'));
    assert.ok(samePhone('+353 1 555 0142', '01 555 0142'), 'national trunk 0');
    assert.ok(samePhone('+44 113 496 0555', '0113-496-0555'));
    assert.ok(samePhone('0044 113 496 0555', '+44 113 496 0555'), 'international 00');
    assert.ok(samePhone('020 7946 0018', '020-7946-0018'));
    assert.ok(!samePhone('+1 415 555 0199', '+1 415 555 0198'));
    assert.ok(!samePhone('555 0199', '+1 415 555 0199'), 'too few digits to name a person');
    assert.ok(!samePhone('1234567', '99991234567'), 'more than a country code apart');
  });

  it('compares emails case-insensitively and needs 7 phone digits', () => {
    assert.equal(normalizeEmail('  Jane.Doe@Example.COM '), 'jane.doe@example.com');
    assert.equal(phoneDigits('+44 (20) 7946-0018'), '442079460018');
    assert.equal(phoneDigits('12-34'), null);
  });
});
