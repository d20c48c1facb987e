#!/usr/bin/env node
// `npm start`: build only when dist (the API) or web/dist (the console) is missing or older than its
// sources (scripts/build-steps.mjs), then run the service in this process (signals reach it directly).
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildWebIfStale, newestInput, runNpmScript } from './build-steps.mjs';

const root = resolve(import.meta.dirname, '..');
const main = join(root, 'dist', 'src', 'main.js');

// Inputs of the API's build: sources (with the generated client), tsconfigs, dependencies.
const built = existsSync(main) ? statSync(main).mtimeMs : 0;
if (built < newestInput(root, ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'])) {
  console.log(built ? 'Sources changed since the last build: building…' : 'No build yet: building…');
  runNpmScript(root, 'build');
}
buildWebIfStale(root);
await import(pathToFileURL(main).href);
