#!/usr/bin/env node
// `npm run worker`: build when dist is missing or older than its sources (as `npm start` does), then
// run a queue worker (dist/src/worker.js) in this process, so signals reach it directly.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { newestInput, runNpmScript } from './build-steps.mjs';

const root = resolve(import.meta.dirname, '..');
const worker = join(root, 'dist', 'src', 'worker.js');
const built = existsSync(worker) ? statSync(worker).mtimeMs : 0;
if (built < newestInput(root, ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'])) {
  console.log(built ? 'Sources changed since the last build: building…' : 'No build yet: building…');
  runNpmScript(root, 'build');
}
await import(pathToFileURL(worker).href);
