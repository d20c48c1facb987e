import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/** Every bare package the compiled module at `entry` imports, following its relative imports. */
function packagesImportedBy(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm)) {
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return packages;
}

describe('extraction worker thread', () => {
  it('loads no Nest package: error codes and extraction failures are plain TypeScript', () => {
    const worker = resolve(dirname(fileURLToPath(import.meta.url)), 'extraction.worker.js');
    const packages = [...packagesImportedBy(worker)];
    assert.ok(packages.includes('pdf-parse'), `the walk follows the worker's imports (found: ${packages.join(', ')})`);
    assert.deepEqual(
      packages.filter((name) => name.startsWith('@nestjs/')),
      [],
    );
  });
});
