// The recruiter console: `npm run build:web` bundles web/ into web/dist, which the API serves at /
// (src/console/console-assets.ts). `npm run dev:web` serves it with live reload and sends /api to
// the API on :3000.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  // Everything is bundled and served by the API itself: no CDN, works without internet.
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
