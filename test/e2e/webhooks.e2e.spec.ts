import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_ORGANIZATION_ID } from '../../src/common/organization.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { WebhookDeliveryQueue } from '../../src/webhooks/webhook-delivery-queue.js';
import { testBackends } from '../helpers/backends.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

// The receiver check of README.md ("Verifying a delivery"), as a receiver would write it.
function verifyHireMatchSignature(rawBody: string, header: string, secret: string, toleranceSeconds = 300): boolean {
  const parts = header.split(',').map((pair) => pair.split('=', 2));
  const t = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  // One v1 per signing secret: two while a rotation runs (any one that matches will do).
  return parts
    .filter(([key]) => key === 'v1')
    .map(([, value]) => Buffer.from(value ?? '', 'hex'))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
}

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1: answers each path with the statuses queued for it, then 200. */
class Receiver {
  readonly received: Received[] = [];
  private readonly statuses = new Map<string, number[]>();
  private server!: Server;

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        this.received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.statusCode = this.statuses.get(path)?.shift() ?? 200;
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  url(path: string, host = '127.0.0.1'): string {
    return `http://${host}:${(this.server.address() as AddressInfo).port}${path}`;
  }

  answer(path: string, ...statuses: number[]): void {
    this.statuses.set(path, statuses);
  }

  at(path: string): Received[] {
    return this.received.filter((request) => request.path === path);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls until `check` returns a value (deliveries are asynchronous); fails with `what` after 20 s. */
async function eventually<T>(what: string, check: () => Promise<T | undefined | null | false> | T | undefined | null | false): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface DeliveryRow {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  attemptLog: { attempt: number; statusCode: number | null; error: string | null; durationMs: number }[];
}

const run = randomUUID().slice(0, 8);
/** Bytes of their own per upload: the same bytes again would be a 200 duplicate, with no new resume.ready. */
const JANE = (upload: string) =>
  Buffer.from(
    `Jane Roe\njane.roe@example.com | +44 113 496 0734\nSUMMARY\nTriage nurse ${run} (${upload})\nSKILLS\nTriage, patient care, TypeScript`,
  );
const JOB = { title: 'Triage nurse', description: `Emergency department ${run}`, requirements: 'Required: triage, patient care.' };

for (const backend of testBackends()) {
  describe(`webhooks on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    let receiver: Receiver;

    const create = async (path: string, events: string[], client: ApiClient = http) =>
      (
        await client
          .post('/api/v1/webhooks')
          .send({ url: receiver.url(path), events })
          .expect(201)
      ).body as {
        id: string;
        secret: string;
      };
    const deliveries = async (id: string, client: ApiClient = http) =>
      (await client.get(`/api/v1/webhooks/${id}/deliveries`).expect(200)).body.items as DeliveryRow[];

    before(async () => {
      receiver = await new Receiver().start();
      app = await startTestApp({
        ...(await backend.setup()),
        backfillIntervalMs: 0,
        webhookAllowedHosts: ['127.0.0.1', 'localhost'],
        webhookRetryBaseMs: 100,
        webhookMaxAttempts: 3,
      });
      http = apiClient(app);
    });

    after(async () => {
      await app?.close();
      await receiver?.close();
      await backend.teardown();
    });

    it('delivers resume.ready to a local receiver, signed as the README shows; the log says succeeded; no personal data', async () => {
      const hook = await create('/resumes', ['resume.ready']);
      assert.match(hook.secret, /^whsec_[A-Za-z0-9_-]{43}$/);
      const shown = (await http.get(`/api/v1/webhooks/${hook.id}`).expect(200)).body as Record<string, unknown>;
      assert.equal(shown.secret, undefined, 'the secret is shown once');
      assert.deepEqual(shown.events, ['resume.ready']);

      const resumeId = (await http.post('/api/v1/resumes').attach('file', JANE('signed'), 'jane-roe.txt').expect(201)).body.id as string;
      const request = await eventually('the resume.ready delivery', () =>
        receiver.at('/resumes').find((r) => (JSON.parse(r.body) as { data: { resumeId?: string } }).data.resumeId === resumeId),
      );
      const signature = request.headers['hirematch-signature'] as string;
      assert.match(signature, /^t=\d+,v1=[0-9a-f]{64}$/);
      assert.equal(verifyHireMatchSignature(request.body, signature, hook.secret), true, 'valid signature');
      assert.equal(verifyHireMatchSignature(request.body, signature, `${hook.secret}x`), false, 'another secret does not verify');
      assert.equal(verifyHireMatchSignature(`${request.body} `, signature, hook.secret), false, 'another body does not verify');
      const stale = `t=${Math.floor(Date.now() / 1000) - 301},v1=${createHmac('sha256', hook.secret)
        .update(`${Math.floor(Date.now() / 1000) - 301}.${request.body}`)
        .digest('hex')}`;
      assert.equal(verifyHireMatchSignature(request.body, stale, hook.secret), false, 'older than the replay window');
      assert.equal(request.headers['content-type'], 'application/json');
      assert.equal(request.headers['hirematch-event'], 'resume.ready');

      const body = JSON.parse(request.body) as { id: string; type: string; createdAt: string; data: Record<string, unknown> };
      assert.match(body.id, /^evt_/);
      assert.equal(body.type, 'resume.ready');
      assert.ok(!Number.isNaN(Date.parse(body.createdAt)));
      assert.deepEqual(body.data, { resumeId });
      assert.doesNotMatch(request.body, /jane|roe|example\.com|496|organizationId/i);

      const row = await eventually('the succeeded delivery', async () =>
        (await deliveries(hook.id)).find((d) => d.eventId === body.id && d.status === 'succeeded'),
      );
      assert.equal(row.id, request.headers['hirematch-delivery']);
      assert.equal(row.eventType, 'resume.ready');
      assert.equal(row.attempts, 1);
      assert.equal(row.lastStatusCode, 200);
      assert.equal(row.nextAttemptAt, null);
    });

    it('retries a delivery the receiver answered 500, on the queue with backoff: the log shows 2 attempts', async () => {
      receiver.answer('/flaky', 500);
      const hook = await create('/flaky', ['job.ready']);
      const jobId = (await http.post('/api/v1/jobs').send(JOB).expect(201)).body.id as string;
      const row = await eventually('the delivery to succeed on its second attempt', async () =>
        (await deliveries(hook.id)).find((d) => d.status === 'succeeded'),
      );
      assert.equal(row.attempts, 2);
      assert.deepEqual(
        row.attemptLog.map((a) => [a.attempt, a.statusCode]),
        [
          [1, 500],
          [2, 200],
        ],
      );
      assert.equal(row.attemptLog[0].error, 'The receiver answered HTTP 500');
      const requests = receiver.at('/flaky');
      assert.equal(requests.length, 2);
      assert.equal(requests[0].body, requests[1].body, 'every attempt sends the same event');
      assert.equal(requests[0].headers['hirematch-delivery'], requests[1].headers['hirematch-delivery']);
      assert.deepEqual((JSON.parse(requests[1].body) as { data: unknown }).data, { jobId });
      for (const r of requests) assert.ok(verifyHireMatchSignature(r.body, r.headers['hirematch-signature'] as string, hook.secret));
    });

    it('gives up after WEBHOOK_MAX_ATTEMPTS: failed, with every attempt in the log', async () => {
      receiver.answer('/down', 503, 502, 500, 500);
      const hook = await create('/down', ['job.ready']);
      await http.post('/api/v1/jobs').send(JOB).expect(201);
      const row = await eventually('the delivery to fail', async () => (await deliveries(hook.id)).find((d) => d.status === 'failed'));
      assert.equal(row.attempts, 3);
      assert.deepEqual(
        row.attemptLog.map((a) => a.statusCode),
        [503, 502, 500],
      );
      assert.equal(row.nextAttemptAt, null);
      assert.equal(receiver.at('/down').length, 3);
    });

    it('delivers only the events a webhook subscribed to, and nothing to an inactive webhook', async () => {
      const jobsOnly = await create('/jobs-only', ['job.ready']);
      const paused = await create('/paused', ['resume.ready', 'job.ready']);
      const resumesOnly = await create('/resumes-only', ['resume.ready']);
      const patched = await http.patch(`/api/v1/webhooks/${paused.id}`).send({ active: false }).expect(200);
      assert.equal(patched.body.active, false);
      await http.post('/api/v1/resumes').attach('file', JANE('subscribed'), 'jane-roe.txt').expect(201);
      // Deliveries of one event are stored for every subscriber in one transaction.
      await eventually('the resume.ready delivery', async () => (await deliveries(resumesOnly.id)).length > 0);
      assert.deepEqual(await deliveries(jobsOnly.id), []);
      assert.deepEqual(await deliveries(paused.id), []);
      assert.deepEqual(receiver.at('/jobs-only'), []);
      assert.deepEqual(receiver.at('/paused'), []);
    });

    it('queues deliveries left pending by a stopped process again at start-up', async () => {
      const hook = await create('/recovered', ['resume.ready']);
      // A delivery stored before a restart whose job the in-process queue forgot.
      const body = JSON.stringify({ id: `evt_recovered${run}`, type: 'resume.ready', createdAt: new Date().toISOString(), data: {} });
      const row = await app.get(PrismaClient).webhookDelivery.create({
        data: {
          organizationId: DEFAULT_ORGANIZATION_ID,
          webhookId: hook.id,
          eventId: `evt_recovered${run}`,
          eventType: 'resume.ready',
          body,
        },
      });
      await app.get(WebhookDeliveryQueue).onApplicationBootstrap();
      const [request] = await eventually('the recovered delivery', () => receiver.at('/recovered').length > 0 && receiver.at('/recovered'));
      assert.equal(request.body, body);
      assert.equal(request.headers['hirematch-delivery'], row.id);
      await eventually('the log to say succeeded', async () =>
        (await deliveries(hook.id)).find((d) => d.id === row.id && d.status === 'succeeded'),
      );
    });

    it('pings a webhook now and says the outcome; the ping is in the delivery log', async () => {
      const hook = await create('/ping', ['resume.failed']);
      const ping = (await http.post(`/api/v1/webhooks/${hook.id}/ping`).expect(200)).body as Record<string, unknown>;
      assert.equal(ping.status, 'succeeded');
      assert.equal(ping.statusCode, 200);
      assert.equal(ping.error, null);
      const [request] = receiver.at('/ping');
      assert.equal(request.headers['hirematch-event'], 'ping');
      assert.ok(verifyHireMatchSignature(request.body, request.headers['hirematch-signature'] as string, hook.secret));
      assert.deepEqual(JSON.parse(request.body).data, { webhookId: hook.id });
      const [row] = await deliveries(hook.id);
      assert.equal(row.id, ping.deliveryId);
      assert.equal(row.eventType, 'ping');
      assert.equal(row.status, 'succeeded');

      receiver.answer('/ping', 500);
      const failed = (await http.post(`/api/v1/webhooks/${hook.id}/ping`).expect(200)).body as Record<string, unknown>;
      assert.equal(failed.status, 'failed');
      assert.equal(failed.statusCode, 500);
      const rows = await deliveries(hook.id);
      assert.equal(rows.find((d) => d.id === failed.deliveryId)?.status, 'failed', 'a failed ping is not retried');
    });

    it('rotates the secret: both sign until the previous one expires, then only the new one; 0 ends the old one at once', async () => {
      const hook = await create('/rotate', ['resume.failed']);
      const signature = async () => {
        await http.post(`/api/v1/webhooks/${hook.id}/ping`).expect(200);
        const request = receiver.at('/rotate').at(-1)!;
        return { body: request.body, header: request.headers['hirematch-signature'] as string };
      };
      const before = await signature();
      assert.equal(before.header.match(/v1=/g)?.length, 1);

      const rotated = (await http.post(`/api/v1/webhooks/${hook.id}/rotate-secret`).send({}).expect(200)).body as {
        secret: string;
        previousSecretExpiresAt: string;
      };
      assert.match(rotated.secret, /^whsec_/);
      assert.notEqual(rotated.secret, hook.secret);
      const graceHours = (Date.parse(rotated.previousSecretExpiresAt) - Date.now()) / 3_600_000;
      assert.ok(graceHours > 23.9 && graceHours < 24.01, `a day's grace by default, was ${graceHours} h`);
      assert.equal(
        (await http.get(`/api/v1/webhooks/${hook.id}`).expect(200)).body.previousSecretExpiresAt,
        rotated.previousSecretExpiresAt,
      );
      const during = await signature();
      assert.equal(during.header.match(/v1=/g)?.length, 2);
      assert.ok(verifyHireMatchSignature(during.body, during.header, rotated.secret), 'the new secret verifies');
      assert.ok(verifyHireMatchSignature(during.body, during.header, hook.secret), 'the previous secret still verifies');

      // The grace period ends (the database's clock decides): only the new secret signs.
      await app.get(PrismaClient)
        .$executeRaw`UPDATE webhooks SET previous_secret_expires_at = now() - interval '1 second' WHERE id = ${hook.id}::uuid`;
      const after = await signature();
      assert.equal(after.header.match(/v1=/g)?.length, 1);
      assert.ok(verifyHireMatchSignature(after.body, after.header, rotated.secret));
      assert.ok(!verifyHireMatchSignature(after.body, after.header, hook.secret), 'the previous secret no longer verifies');
      assert.equal((await http.get(`/api/v1/webhooks/${hook.id}`).expect(200)).body.previousSecretExpiresAt, null);

      const leaked = (await http.post(`/api/v1/webhooks/${hook.id}/rotate-secret`).send({ previousSecretValidForSeconds: 0 }).expect(200))
        .body as { secret: string; previousSecretExpiresAt: string | null };
      assert.equal(leaked.previousSecretExpiresAt, null);
      const now = await signature();
      assert.equal(now.header.match(/v1=/g)?.length, 1);
      assert.ok(verifyHireMatchSignature(now.body, now.header, leaked.secret));
      assert.ok(!verifyHireMatchSignature(now.body, now.header, rotated.secret), 'the leaked secret stops at once');

      const refuse = async (body: object) => {
        const res = await http.post(`/api/v1/webhooks/${hook.id}/rotate-secret`).send(body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.body.code, 'VALIDATION_FAILED', JSON.stringify(body));
      };
      await refuse({ previousSecretValidForSeconds: -1 });
      await refuse({ previousSecretValidForSeconds: 7 * 24 * 3600 + 1 });
      await refuse({ previousSecretValidForSeconds: 1.5 });
      await refuse({ secret: 'mine' });
      await http.post(`/api/v1/webhooks/${randomUUID()}/rotate-secret`).send({}).expect(404);
    });

    it('lists, changes and deletes webhooks; the allow-list lets a host name that resolves to loopback in', async () => {
      const hook = (
        await http
          .post('/api/v1/webhooks')
          .send({ url: receiver.url('/local', 'localhost'), events: ['ingest.completed'], description: 'local' })
          .expect(201)
      ).body as { id: string };
      const page = (await http.get('/api/v1/webhooks?limit=100').expect(200)).body as { items: { id: string }[]; total: number };
      assert.ok(page.items.some((w) => w.id === hook.id));
      assert.ok(page.total >= page.items.length);
      const changed = (
        await http
          .patch(`/api/v1/webhooks/${hook.id}`)
          .send({ events: ['resume.failed', 'ingest.completed'], description: null })
          .expect(200)
      ).body;
      assert.deepEqual(changed.events, ['resume.failed', 'ingest.completed']);
      assert.deepEqual((await http.patch(`/api/v1/webhooks/${hook.id}`).send({}).expect(200)).body.events, changed.events);
      assert.equal(changed.description, null);
      await http.delete(`/api/v1/webhooks/${hook.id}`).expect(204);
      await http.get(`/api/v1/webhooks/${hook.id}`).expect(404);
      await http.get(`/api/v1/webhooks/${hook.id}/deliveries`).expect(404);
    });

    it("keeps organisations apart: another organisation's webhooks and deliveries are 404", async () => {
      const hook = await create('/tenant-a', ['job.ready']);
      const other = (
        await http
          .post('/api/v1/organizations')
          .send({ name: `Webhook tenant ${run}` })
          .expect(201)
      ).body.id as string;
      const key = (
        await http
          .post('/api/v1/api-keys')
          .send({ name: 'b', scopes: ['webhooks:manage'], organizationId: other })
          .expect(201)
      ).body.key as string;
      const b = apiClient(app, { apiKey: key });
      for (const path of [`/api/v1/webhooks/${hook.id}`, `/api/v1/webhooks/${hook.id}/deliveries`]) {
        assert.equal((await b.get(path).expect(404)).body.code, 'NOT_FOUND');
      }
      await b.post(`/api/v1/webhooks/${hook.id}/ping`).expect(404);
      await b.patch(`/api/v1/webhooks/${hook.id}`).send({ active: false }).expect(404);
      await b.delete(`/api/v1/webhooks/${hook.id}`).expect(404);
      assert.deepEqual((await b.get('/api/v1/webhooks').expect(200)).body.items, []);
      assert.equal((await http.get(`/api/v1/webhooks/${hook.id}`).expect(200)).body.active, true);
      // Organisation B's events never reach A's webhook.
      const before = receiver.at('/tenant-a').length;
      const bAdmin = (
        await http
          .post('/api/v1/api-keys')
          .send({ name: 'b jobs', scopes: ['jobs:write', 'webhooks:manage'], organizationId: other })
          .expect(201)
      ).body.key as string;
      const bHook = (
        await apiClient(app, { apiKey: bAdmin })
          .post('/api/v1/webhooks')
          .send({ url: receiver.url('/tenant-b'), events: ['job.ready'] })
          .expect(201)
      ).body.id as string;
      await apiClient(app, { apiKey: bAdmin }).post('/api/v1/jobs').send(JOB).expect(201);
      await eventually("B's delivery", async () =>
        (await deliveries(bHook, apiClient(app, { apiKey: bAdmin }))).some((d) => d.status === 'succeeded'),
      );
      assert.equal(receiver.at('/tenant-a').length, before);
      await apiClient(app, {
        apiKey: (
          await http
            .post('/api/v1/api-keys')
            .send({ name: 'no hooks', scopes: ['jobs:read'] })
            .expect(201)
        ).body.key as string,
      })
        .get('/api/v1/webhooks')
        .expect(403);
    });

    it('refuses bad input with a code', async () => {
      const refuse = async (body: object, code: string) => {
        const res = await http.post('/api/v1/webhooks').send(body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.body.code, code, JSON.stringify(body));
      };
      const url = receiver.url('/bad');
      await refuse({ url: 'not a url', events: ['resume.ready'] }, 'WEBHOOK_URL_INVALID');
      await refuse({ url: 'ftp://127.0.0.1/x', events: ['resume.ready'] }, 'WEBHOOK_URL_INVALID');
      await refuse({ url: url.replace('http://', 'http://user:pw@'), events: ['resume.ready'] }, 'WEBHOOK_URL_INVALID');
      await refuse({ url, events: [] }, 'VALIDATION_FAILED');
      await refuse({ url, events: ['resume.deleted'] }, 'VALIDATION_FAILED');
      await refuse({ url, events: ['ping'] }, 'VALIDATION_FAILED');
      await refuse({ url, events: ['resume.ready', 'resume.ready'] }, 'VALIDATION_FAILED');
      await refuse({ url, events: ['resume.ready'], secret: 'mine' }, 'VALIDATION_FAILED');
      await refuse({ events: ['resume.ready'] }, 'VALIDATION_FAILED');
      await http.get('/api/v1/webhooks/not-a-uuid').expect(400);
    });
  });
}

describe('webhook receivers on private addresses without WEBHOOK_ALLOWED_HOSTS (SSRF)', () => {
  let app: INestApplication;
  let http: ApiClient;
  let receiver: Receiver;

  before(async () => {
    receiver = await new Receiver().start();
    app = await startTestApp({
      databaseUrl: null,
      pgliteDataDir: 'memory://',
      redisUrl: null,
      backfillIntervalMs: 0,
      webhookAllowedHosts: [],
    });
    http = apiClient(app);
  });

  after(async () => {
    await app?.close();
    await receiver?.close();
  });

  it('refuses loopback, the metadata address, private networks and a host name resolving to loopback: 400 WEBHOOK_URL_FORBIDDEN', async () => {
    for (const url of [
      'http://127.0.0.1/',
      receiver.url('/hook'),
      receiver.url('/hook', 'localhost'),
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.8/hook',
      'http://192.168.1.20/hook',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://0x7f000001/hook',
      'http://0.0.0.0:8080/',
    ]) {
      const res = await http.post('/api/v1/webhooks').send({ url, events: ['resume.ready'] });
      assert.equal(res.status, 400, url);
      assert.equal(res.body.code, 'WEBHOOK_URL_FORBIDDEN', url);
    }
    assert.deepEqual((await http.get('/api/v1/webhooks').expect(200)).body.items, []);
  });

  it('checks again when delivering: a stored URL that points at a private address is not called', async () => {
    const created = (
      await http
        .post('/api/v1/webhooks')
        .send({ url: 'http://93.184.215.14/hook', events: ['resume.ready'] })
        .expect(201)
    ).body as { id: string };
    // As if the host had been re-pointed since registration (DNS rebinding).
    await app.get(PrismaClient).webhook.update({ where: { id: created.id }, data: { url: receiver.url('/rebound') } });
    const ping = (await http.post(`/api/v1/webhooks/${created.id}/ping`).expect(200)).body as Record<string, unknown>;
    assert.equal(ping.status, 'failed');
    assert.equal(ping.statusCode, null);
    assert.match(String(ping.error), /private, loopback or reserved/);
    assert.deepEqual(receiver.received, []);
    const row = (await http.get(`/api/v1/webhooks/${created.id}/deliveries`).expect(200)).body.items[0] as DeliveryRow;
    assert.equal(row.status, 'failed');
  });
});
