import express from 'express';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import request from 'supertest';
import { consoleAssets } from './console-assets.js';

describe('consoleAssets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hirematch-console-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'export {};');
  // Files at paths the API owns: they must never be served in place of the API.
  for (const path of ['api/v1', 'health', 'metrics']) mkdirSync(join(dir, path), { recursive: true });
  writeFileSync(join(dir, 'api', 'v1', 'resumes'), 'shadow');
  writeFileSync(join(dir, 'health', 'live'), 'shadow');
  writeFileSync(join(dir, 'metrics', 'index.html'), 'shadow');

  const app = express();
  app.use(consoleAssets(dir)!);
  app.use((_request, response) => void response.status(418).send('the API'));

  it('serves index.html at / (revalidated) and hashed assets (cached for a year)', async () => {
    const page = await request(app).get('/').expect(200);
    assert.match(page.text, /<title>console<\/title>/);
    assert.equal(page.headers['cache-control'], 'no-cache');
    const asset = await request(app).get('/assets/index-abc123.js').expect(200);
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('passes /api, /health and /metrics to the API even when a file has their path', async () => {
    for (const path of ['/api/v1/resumes', '/health/live', '/metrics', '/metrics/', '/api']) {
      assert.equal((await request(app).get(path).expect(418)).text, 'the API', path);
    }
    // Other unknown paths fall through too (the API's 404), and only GET/HEAD are ever answered here.
    await request(app).get('/nope').expect(418);
    await request(app).post('/').expect(418);
  });

  it('is absent when the console is not built', () => {
    assert.equal(consoleAssets(join(dir, 'missing')), null);
  });
});
