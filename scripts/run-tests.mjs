#!/usr/bin/env node
// The README's test command: compile (tsc keeps decorator metadata), then run every *.spec.js under
// node's own test runner. Unit specs live beside their code in src/ (and scripts/eval/), e2e specs in test/.
// The e2e suite runs on embedded PGlite always, and again on PostgreSQL/Redis when DATABASE_URL /
// REDIS_URL are set (see test/helpers/backends.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const sharedModels = resolve(root, '..', 'shared', 'models');
const env = { ...process.env };
// The stand-in model is used only where ../shared/models exists (CI and dev machines here) or
// MODEL_PATH says otherwise; a user's clone falls back to the real model from the hub.
if (!env.MODEL_PATH && existsSync(join(sharedModels, 'hirematch', 'minilm-standin'))) {
  env.MODEL_PATH = sharedModels;
  env.MODEL_ID ??= 'hirematch/minilm-standin';
}

const only = process.argv.slice(2);
// The whole suite starts with the lint (npm run lint) and stops on its errors; a run of a few specs
// (`npm test -- <substring>`) skips it to stay quick while iterating.
if (!only.length) {
  const lint = spawnSync('npm', ['run', '--silent', 'lint'], { cwd: root, stdio: 'inherit' });
  if (lint.status !== 0) {
    console.error('npm test: lint failed (npm run lint); fix it before the tests run');
    process.exit(lint.status ?? 1);
  }
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
  cwd: root,
  stdio: 'inherit',
});

const specs = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.spec.js')) specs.push(path);
  }
};
for (const dir of ['src', 'scripts', 'test']) if (existsSync(join(root, 'dist', dir))) walk(join(root, 'dist', dir));
const selected = only.length ? specs.filter((s) => only.some((o) => s.includes(o))) : specs;
specs.sort();

console.log(
  `backends: pglite${env.DATABASE_URL ? ' + postgresql' : ''}; cache: memory${env.REDIS_URL ? ' + redis' : ''}; model: ${env.MODEL_ID ?? 'Xenova/all-MiniLM-L6-v2'} from ${env.MODEL_PATH ?? 'the hub'}`,
);
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...selected.sort()], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
