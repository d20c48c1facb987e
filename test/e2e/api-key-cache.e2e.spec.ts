import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { testBackends } from '../helpers/backends.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

// A TTL far longer than a spec, and none at all: no assertion here depends on timing.
for (const ttlMs of [60_000, 0]) {
  for (const backend of testBackends()) {
    describe(`authenticated API keys remembered for ${ttlMs} ms on ${backend.name}`, () => {
      let app: INestApplication;
      let admin: ApiClient;

      before(async () => {
        app = await startTestApp({ ...(await backend.setup()), apiKeyCacheTtlMs: ttlMs });
        admin = apiClient(app);
      });

      after(async () => {
        await app?.close();
        await backend.teardown();
      });

      /** A fresh key that has just authenticated once (so it is in the cache, when there is one). */
      const usedKey = async () => {
        const created = (
          await admin
            .post('/api/v1/api-keys')
            .send({ name: 'cache', scopes: ['jobs:read'] })
            .expect(201)
        ).body as {
          id: string;
          key: string;
        };
        await apiClient(app, { apiKey: created.key }).get('/api/v1/jobs').expect(200);
        return created;
      };

      it('refuses a key revoked through the API from the next request on', async () => {
        const { id, key } = await usedKey();
        await admin.delete(`/api/v1/api-keys/${id}`).expect(200);
        const refused = await apiClient(app, { apiKey: key }).get('/api/v1/jobs').expect(401);
        assert.equal(refused.body.code, 'UNAUTHENTICATED');
      });

      it(
        ttlMs > 0
          ? 'accepts a key revoked by another process (the admin CLI) until its entry expires'
          : 'refuses a key revoked by another process (the admin CLI) at once',
        async () => {
          const { id, key } = await usedKey();
          // What `npm run admin -- key revoke` does: a write this process knows nothing of.
          await app.get(PrismaClient).apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
          await apiClient(app, { apiKey: key })
            .get('/api/v1/jobs')
            .expect(ttlMs > 0 ? 200 : 401);
        },
      );

      it("reads an organisation's keys afresh once its settings change: they carry its rate limit", async () => {
        const organization = (await admin.post('/api/v1/organizations').send({ name: 'Cached tenant' }).expect(201)).body.id as string;
        const { key } = (
          await admin
            .post('/api/v1/api-keys')
            .send({ name: 'tenant', scopes: ['jobs:read'], organizationId: organization })
            .expect(201)
        ).body as { key: string };
        const tenant = apiClient(app, { apiKey: key });
        await tenant.get('/api/v1/jobs').expect(200);
        // One request already counts this minute: with the new limit (1) the next one is over it.
        await admin.patch(`/api/v1/organizations/${organization}`).send({ rateLimitPerMinute: 1 }).expect(200);
        const limited = await tenant.get('/api/v1/jobs').expect(429);
        assert.equal(limited.body.code, 'RATE_LIMITED');
      });
    });
  }
}
