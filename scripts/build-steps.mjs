// What `npm start` and `npm test` build before they run, and when: only when an output is missing or
// older than one of its inputs. Comparing modification times costs milliseconds; asking tsc or Vite
// whether anything changed would cost seconds.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time of the files under `inputs` (paths relative to `root`). */
export function newestInput(root, inputs) {
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
  for (const input of inputs) visit(join(root, input));
  return newest;
}

/** Runs an npm script of this package in the foreground (with the npm that runs us, when there is one). */
export function runNpmScript(root, script) {
  const npm = process.env.npm_execpath;
  if (npm) execFileSync(process.execPath, [npm, 'run', script], { cwd: root, stdio: 'inherit' });
  else execFileSync('npm', ['run', script], { cwd: root, stdio: 'inherit' });
}

/** The recruiter console (web/) is bundled into web/dist, which the API serves at /. */
const WEB_INPUTS = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.mjs', 'web/tsconfig.json', 'package-lock.json'];

/** `npm run build:web` when web/dist is missing or older than the console's sources. */
export function buildWebIfStale(root) {
  const index = join(root, 'web', 'dist', 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built >= newestInput(root, WEB_INPUTS)) return;
  console.log(built ? 'Console sources changed since the last build: building web/…' : 'No console build yet: building web/…');
  runNpmScript(root, 'build:web');
}
