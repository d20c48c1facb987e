import type { OpenAPIObject } from '@nestjs/swagger';
import { IDEMPOTENCY_TTL_HOURS } from './idempotency.store.js';

/** Documents the optional Idempotency-Key header on every POST operation (the interceptor is global). */
export function documentIdempotencyKey(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    const post = path.post;
    if (!post) continue;
    post.parameters = [
      ...(post.parameters ?? []),
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
        example: 'import-2026-11-29-0042',
        description:
          `Makes a retry safe: the first 2xx answer for this key (in your organisation) is stored for ${IDEMPOTENCY_TTL_HOURS} h ` +
          'and replayed, status and body, with `Idempotency-Replayed: true`. Errors are not stored (a fixed request may reuse ' +
          'the key). The same key with another request (method, path, body, file bytes): 422 IDEMPOTENCY_KEY_REUSED; while ' +
          'the first request runs: 409 IDEMPOTENCY_KEY_IN_PROGRESS; not 1-255 printable ASCII characters: 400 IDEMPOTENCY_KEY_INVALID.',
      },
    ];
  }
  return document;
}
