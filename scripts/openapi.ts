/**
 * `npm run openapi`: writes the OpenAPI document to openapi.json (committed, so clients can be
 * generated from it and API changes show in review). `--check` writes nothing and exits 1 when the
 * committed file differs from what the code describes (scripts/run-tests.mjs runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createOpenApiDocument, serializeOpenApi } from './openapi-document.js';

// Compiled to dist/scripts/: the repository root is two levels up.
const target = resolve(import.meta.dirname, '..', '..', 'openapi.json');
const rendered = serializeOpenApi(await createOpenApiDocument());

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // A missing file is out of date too.
  }
  if (committed !== rendered) {
    console.error('openapi.json is out of date with the code: run `npm run openapi` and commit the result');
    process.exit(1);
  }
  console.log('openapi.json is up to date');
} else {
  writeFileSync(target, rendered);
  console.log(`wrote ${target}`);
}
