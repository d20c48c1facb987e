import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loggableError, redactPersonalData, redactUrl, resolveRequestId } from './log-redaction.js';

describe('resolveRequestId', () => {
  it('keeps a well-formed client id', () => {
    assert.equal(resolveRequestId('req-42.abc_DEF:7'), 'req-42.abc_DEF:7');
    assert.equal(resolveRequestId(['first-id', 'second-id']), 'first-id');
  });

  it('replaces a missing, overlong or unsafe id with a UUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const bad of [undefined, '', 'x'.repeat(129), 'has space', 'new\nline', '<script>', 'a"b', 42]) {
      assert.match(resolveRequestId(bad), uuid, String(bad));
    }
    assert.notEqual(resolveRequestId(undefined), resolveRequestId(undefined));
  });
});

describe('redactUrl', () => {
  it('leaves paths and harmless parameters alone', () => {
    assert.equal(redactUrl('/api/v1/resumes/0b5e?include=embedding,text'), '/api/v1/resumes/0b5e?include=embedding,text');
    assert.equal(redactUrl('/api/v1/jobs'), '/api/v1/jobs');
    assert.equal(redactUrl('/api/v1/jobs/1/candidates?limit=20&minYears=3'), '/api/v1/jobs/1/candidates?limit=20&minYears=3');
  });

  it('redacts personal parameters by name and emails or phones wherever they are', () => {
    assert.equal(redactUrl('/api/v1/candidates?email=jane.doe%40example.com'), '/api/v1/candidates?email=[redacted]');
    assert.equal(redactUrl('/api/v1/candidates?phone=%2B1%20415%20555%200199&x=1'), '/api/v1/candidates?phone=[redacted]&x=1');
    assert.equal(redactUrl('/x?full_name=Jane%20Doe'), '/x?full_name=[redacted]');
    const other = redactUrl('/x?q=contact%20jane%40example.com%20or%20%2B44%2020%207946%200958');
    assert.ok(!/jane|example|7946/.test(decodeURIComponent(other)), other);
  });
});

describe('redactPersonalData', () => {
  it('masks emails and phone numbers, keeps short numbers and dates', () => {
    assert.equal(redactPersonalData('mail maria.garcia@example.com now'), 'mail [redacted] now');
    assert.equal(redactPersonalData('call +1 (415) 555-0199'), 'call [redacted]');
    assert.equal(redactPersonalData('at (512) 555-0147.'), 'at [redacted].');
    assert.equal(redactPersonalData('row 12 of 2024-01'), 'row 12 of 2024-01');
  });
});

describe('loggableError', () => {
  it('keeps type, code and frames, masks personal data in the message', () => {
    const error = Object.assign(new TypeError('bad value jane@example.com'), { code: 'E_BAD' });
    const logged = loggableError(error);
    assert.equal(logged.type, 'TypeError');
    assert.equal(logged.code, 'E_BAD');
    assert.equal(logged.message, 'bad value [redacted]');
    assert.match(logged.stack ?? '', /^TypeError: bad value \[redacted\]\n\s+at /);
    assert.ok(!logged.stack?.includes('jane'));
  });

  it('drops the message of Prisma validation errors, which quote query arguments', () => {
    class PrismaClientValidationError extends Error {}
    const logged = loggableError(
      new PrismaClientValidationError('Invalid `prisma.resume.create()` invocation: { rawText: "Jane Doe ..." }'),
    );
    assert.equal(logged.type, 'PrismaClientValidationError');
    assert.ok(!JSON.stringify(logged).includes('Jane'));
  });

  it('bounds a long message', () => {
    assert.ok(loggableError(new Error('x'.repeat(10_000))).message.length <= 300);
  });
});
