#!/usr/bin/env node
// `npm start`: build only when dist is missing or older than a source file, then run the service in
// this process (signals reach it directly). A `tsc --build` would still cost seconds to find out
// that nothing changed; comparing modification times costs milliseconds.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const main = join(root, 'dist', 'src', 'main.js');

/** Newest modification time under the inputs of the build (sources, generated client, tsconfigs, dependencies). */
function newestInput() {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const input of ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json']) visit(join(root, input));
  return newest;
}

const built = existsSync(main) ? statSync(main).mtimeMs : 0;
if (built < newestInput()) {
  console.log(built ? 'Sources changed since the last build: building…' : 'No build yet: building…');
  const npm = process.env.npm_execpath;
  if (npm) execFileSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' });
  else execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
await import(pathToFileURL(main).href);
