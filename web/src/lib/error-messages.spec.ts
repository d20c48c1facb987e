import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ApiError } from './api-error.js';
import { describeError, ERROR_SENTENCES } from './error-messages.js';

// Compiled to dist/web/src/lib/: the repository root is four levels up.
const openapi = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', '..', '..', 'openapi.json'), 'utf8')) as {
  components: { schemas: { ErrorCode: { enum: string[] } } };
};

describe('error messages of the console', () => {
  it('has a sentence for every error code of the API (openapi.json)', () => {
    const codes = openapi.components.schemas.ErrorCode.enum;
    assert.ok(codes.length > 20);
    assert.deepEqual(
      codes.filter((code) => !Object.hasOwn(ERROR_SENTENCES, code)),
      [],
    );
  });

  it('says in words what went wrong with an upload, keeping the server message for support', () => {
    const scanned = describeError(
      ApiError.fromBody(422, {
        statusCode: 422,
        code: 'NO_TEXT_LAYER',
        message: 'The PDF has no text layer (a scanned image?); OCR is not supported',
        requestId: 'req-1',
      }),
    );
    assert.match(scanned.message, /scanned image: it has no text layer/);
    assert.equal(scanned.code, 'NO_TEXT_LAYER');
    assert.equal(scanned.detail, 'The PDF has no text layer (a scanned image?); OCR is not supported · request id req-1');
    const large = describeError(ApiError.fromBody(413, { code: 'FILE_TOO_LARGE', message: 'The file is larger than 10485760 bytes' }));
    assert.equal(large.message, 'This file is too large: the limit is 10 MB.');
    assert.match(describeError(ApiError.fromBody(415, { code: 'UNSUPPORTED_MEDIA_TYPE' })).message, /PDF, a Word document \(DOCX\)/);
  });

  it('tells a wrong key from a missing scope', () => {
    assert.match(describeError(ApiError.fromBody(401, { code: 'UNAUTHENTICATED' })).message, /not valid/);
    const forbidden = describeError(ApiError.fromBody(403, { code: 'FORBIDDEN', details: { missingScopes: ['resumes:write'] } }));
    assert.match(forbidden.message, /lacks the scope resumes:write/);
  });

  it('lists what failed validation', () => {
    const invalid = describeError(
      ApiError.fromBody(400, { code: 'VALIDATION_FAILED', details: ['title must be longer than or equal to 2 characters'] }),
    );
    assert.equal(invalid.message, 'Some of the input is not valid: title must be longer than or equal to 2 characters.');
  });

  it('falls back to the server message for a code it does not know, and names an unreachable server', () => {
    assert.equal(
      describeError(ApiError.fromBody(409, { code: 'SOMETHING_NEW', message: 'A newer server said so' })).message,
      'A newer server said so',
    );
    assert.match(describeError(ApiError.fromBody(502, '<html>Bad gateway</html>')).message, /unexpected error \(HTTP 502\)/);
    assert.match(describeError(new ApiError(0)).message, /could not be reached/);
    assert.equal(describeError(new TypeError('x is undefined')).detail, 'x is undefined');
  });
});
