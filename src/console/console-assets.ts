import { Logger } from '@nestjs/common';
import express, { type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

/** The recruiter console's build (`vite build`, web/vite.config.ts): compiled to dist/src/console/, so the root is three up. */
export const CONSOLE_DIR = resolve(import.meta.dirname, '..', '..', '..', 'web', 'dist');

/** Paths the API owns: never looked up on disk, so a file can never shadow a route. */
const API_PATHS = /^\/(?:api|health|metrics)(?:\/|$)/;

/**
 * Serves the console at `/` from the same process (express.static, i.e. the `serve-static` package).
 * Vite names the files under assets/ by their content hash, so they are cached for a year; index.html
 * is revalidated on every load (ETag), so a new build is picked up at once. The routes are the
 * console's hash (`/#/jobs`), so no fallback to index.html is needed and unknown paths stay 404s.
 * No API key is asked for: the files hold no data, every API call the page makes sends the key.
 */
export function consoleAssets(dir = CONSOLE_DIR): RequestHandler | null {
  if (!existsSync(join(dir, 'index.html'))) {
    new Logger('Console').warn(`The web console is not built (${dir}/index.html missing): run "npm run build:web"; / answers 404`);
    return null;
  }
  const assets = join(dir, 'assets') + sep;
  const serve = express.static(dir, {
    index: 'index.html',
    dotfiles: 'ignore',
    redirect: false,
    setHeaders: (res, path) => {
      if (path.startsWith(assets)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      else if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
      else res.setHeader('Cache-Control', 'public, max-age=3600');
    },
  });
  return (request, response, next) => {
    if (API_PATHS.test(request.path)) next();
    else void serve(request, response, next);
  };
}
