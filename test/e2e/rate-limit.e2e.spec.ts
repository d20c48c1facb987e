import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { hashApiKey } from '../../src/auth/api-key-format.js';
import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { OrganizationsService } from '../../src/auth/organizations.service.js';
import { DEFAULT_ORGANIZATION_ID } from '../../src/common/organization.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { testBackends } from '../helpers/backends.js';
import { parsePrometheusText, sampleSum } from '../helpers/prometheus-text.js';
import { apiClient, startTestApp } from '../helpers/test-app.js';

const LIMIT = 3;

/**
 * A real API key of its own per test (on Redis, budgets outlive the test and are shared by every run),
 * as the header to send; with `rateLimitPerMinute`, in a new organisation that has that limit.
 */
async function freshKey(app: INestApplication, extra: { rateLimitPerMinute?: number } = {}): Promise<Record<string, string>> {
  const organizationId =
    extra.rateLimitPerMinute === undefined
      ? DEFAULT_ORGANIZATION_ID
      : (await app.get(OrganizationsService).create({ name: `Limited ${randomUUID()}`, rateLimitPerMinute: extra.rateLimitPerMinute })).id;
  const { key } = await app
    .get(ApiKeysService)
    .create(organizationId, { name: 'rate limit test', scopes: ['resumes:read', 'jobs:read', 'admin'] });
  return { Authorization: `Bearer ${key}` };
}

async function rejections(app: INestApplication): Promise<number> {
  const text = (await apiClient(app).get('/metrics').expect(200)).text;
  return sampleSum(parsePrometheusText(text), 'hirematch_rate_limit_rejections_total');
}

for (const backend of testBackends()) {
  describe(`rate limits on ${backend.name}`, () => {
    let overrides: Partial<AppConfig>;
    let first: INestApplication;
    let second: INestApplication;

    before(async () => {
      overrides = { ...(await backend.setup()), rateLimitPerMinute: LIMIT };
      // Two instances of the service on the same database (and Redis, when the backend has it).
      first = await startTestApp(overrides);
      second = await startTestApp(overrides);
    });

    after(async () => {
      await first?.close();
      await second?.close();
      await backend.teardown();
    });

    it('gives each API key one budget per minute across routes: then 429 RATE_LIMITED with Retry-After, in the one error shape', async () => {
      const http = apiClient(first);
      const key = await freshKey(first);
      const rejectedBefore = await rejections(first);
      const firstAnswer = await http.get('/api/v1/jobs').set(key).expect(200);
      assert.equal(firstAnswer.headers['x-ratelimit-limit'], String(LIMIT));
      assert.equal(firstAnswer.headers['x-ratelimit-remaining'], String(LIMIT - 1));
      await http.get('/api/v1/resumes').set(key).expect(200);
      await http.get('/api/v1/embeddings/status').set(key).expect(200);

      const limited = await http.get('/api/v1/resumes').set(key).set('X-Request-Id', 'limited-1').expect(429);
      assert.deepEqual(Object.keys(limited.body).sort(), ['code', 'details', 'message', 'requestId', 'statusCode']);
      assert.equal(limited.body.statusCode, 429);
      assert.equal(limited.body.code, 'RATE_LIMITED');
      assert.equal(limited.body.requestId, 'limited-1');
      assert.equal(limited.body.details.limit, LIMIT);
      const retryAfter = Number(limited.headers['retry-after']);
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${limited.headers['retry-after']}`);
      assert.equal(limited.body.details.retryAfterSeconds, retryAfter);
      assert.equal(await rejections(first), rejectedBefore + 1, 'the rejection is counted in /metrics');

      // Another key has its own budget.
      await http
        .get('/api/v1/resumes')
        .set(await freshKey(first))
        .expect(200);
    });

    it('never limits health checks and metrics', async () => {
      const http = apiClient(first);
      const key = await freshKey(first);
      for (let i = 0; i < LIMIT; i++) await http.get('/api/v1/jobs').set(key).expect(200);
      await http.get('/api/v1/jobs').set(key).expect(429);
      for (let i = 0; i < LIMIT + 2; i++) {
        await http.get('/health/live').set(key).expect(200);
        await http.get('/health/ready').set(key).expect(200);
        await http.get('/metrics').set(key).expect(200);
      }
    });

    it("applies the organisation's own limit when the key carries one", async () => {
      const http = apiClient(first);
      const strict = await freshKey(first, { rateLimitPerMinute: 1 });
      await http.get('/api/v1/jobs').set(strict).expect(200);
      const limited = await http.get('/api/v1/jobs').set(strict).expect(429);
      assert.equal(limited.body.details.limit, 1);

      const generous = await freshKey(first, { rateLimitPerMinute: LIMIT + 2 });
      for (let i = 0; i < LIMIT + 2; i++) await http.get('/api/v1/jobs').set(generous).expect(200);
      await http.get('/api/v1/jobs').set(generous).expect(429);
    });

    it('shares one budget between two instances through Redis; in memory each instance counts alone', async () => {
      const key = await freshKey(first);
      if (!overrides.databaseUrl) {
        // Each in-memory PGlite instance has its own database: the second learns the same key too.
        const keyHash = hashApiKey(key.Authorization.slice('Bearer '.length));
        const row = await first.get(PrismaClient).apiKey.findFirstOrThrow({ where: { keyHash } });
        await second.get(PrismaClient).apiKey.create({ data: row });
      }
      await apiClient(first).get('/api/v1/jobs').set(key).expect(200);
      await apiClient(second).get('/api/v1/jobs').set(key).expect(200);
      await apiClient(first).get('/api/v1/jobs').set(key).expect(200);
      if (overrides.redisUrl) {
        // The budget of 3 is spent across both instances: each refuses now.
        await apiClient(second).get('/api/v1/jobs').set(key).expect(429);
        await apiClient(first).get('/api/v1/jobs').set(key).expect(429);
      } else {
        // 2 hits on the first instance, 1 on the second: each has room for its own third.
        await apiClient(first).get('/api/v1/jobs').set(key).expect(200);
        await apiClient(first).get('/api/v1/jobs').set(key).expect(429);
        await apiClient(second).get('/api/v1/jobs').set(key).expect(200);
        await apiClient(second).get('/api/v1/jobs').set(key).expect(200);
        await apiClient(second).get('/api/v1/jobs').set(key).expect(429);
      }
    });

    it('refuses requests without a key (401) before counting them: they spend no budget', async () => {
      // The API-key guard runs before the throttler (AppModule imports AuthModule first), so a
      // keyless request never reaches the limiter; only /health and /metrics are open, and unlimited.
      const anonymous = apiClient(second, { apiKey: null });
      for (let i = 0; i < LIMIT + 2; i++) {
        const refused = await anonymous.get('/api/v1/jobs').expect(401);
        assert.equal(refused.body.code, 'UNAUTHENTICATED');
        assert.equal(refused.headers['x-ratelimit-limit'], undefined);
      }
      await apiClient(second)
        .get('/api/v1/jobs')
        .set(await freshKey(second))
        .expect(200);
    });
  });
}

describe('rate limits while Redis is unreachable', () => {
  let app: INestApplication;

  before(async () => {
    app = await startTestApp({ databaseUrl: null, pgliteDataDir: 'memory://', redisUrl: 'redis://127.0.0.1:6399', rateLimitPerMinute: 2 });
  });

  after(async () => {
    await app?.close();
  });

  it('fails open to counting in memory: requests are served, and still limited', async () => {
    const http = apiClient(app);
    const key = await freshKey(app);
    await http.get('/api/v1/jobs').set(key).expect(200);
    await http.get('/api/v1/jobs').set(key).expect(200);
    const limited = await http.get('/api/v1/jobs').set(key).expect(429);
    assert.equal(limited.body.code, 'RATE_LIMITED');
  });
});
