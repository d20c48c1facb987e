import type { INestApplication } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { EmbeddingModel } from '../../src/embeddings/embedding-model.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { buildHostileCases, small, zip } from '../fixtures/resumes/hostile.js';
import { testBackends } from '../helpers/backends.js';
import { FaultyEmbeddingModel, withFaultyModel } from '../helpers/faulty-embedding-model.js';
import { IngestJobBody, resumeFiles, waitForIngest } from '../helpers/ingest.js';
import { renderDocx } from '../helpers/resume-documents.js';
import { ApiClient, apiClient, startTestApp, testAdminKey } from '../helpers/test-app.js';

const run = randomUUID().slice(0, 8);
const MiB = 1024 * 1024;
const HOSTILE = ['corrupt-pdf', 'encrypted-pdf', 'image-only-pdf', 'zip-bomb-docx', 'png-as-pdf'];

for (const backend of testBackends()) {
  describe(`bulk ingest on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    let model: FaultyEmbeddingModel;
    let baseUrl: string;
    const events: { type: string; payload: Record<string, unknown> }[] = [];

    before(async () => {
      app = await startTestApp(
        {
          ...(await backend.setup()),
          backfillIntervalMs: 0,
          ingestMaxFiles: 60,
          ingestMaxTotalBytes: 3 * MiB,
          maxUploadBytes: 1 * MiB,
          maxArchiveUncompressedBytes: 2 * MiB,
          workerConcurrency: 3,
        },
        withFaultyModel,
      );
      http = apiClient(app);
      model = app.get<EmbeddingModel, FaultyEmbeddingModel>(EmbeddingModel);
      const emitter = app.get(EventEmitter2);
      for (const type of ['resume.failed', 'ingest.completed'])
        emitter.on(type, (payload: Record<string, unknown>) => events.push({ type, payload }));
      await app.listen(0, '127.0.0.1');
      baseUrl = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    it('takes 50 files at once (5 hostile), answers 202, and ends every file: done, or failed with its typed code', async () => {
      const good = await resumeFiles(45, run);
      const hostile = (await buildHostileCases()).filter((c) => HOSTILE.includes(c.name));
      assert.equal(hostile.length, 5);
      const request = http.post('/api/v1/resumes/bulk');
      // Hostile files spread through the batch.
      const order: ({ kind: 'good'; i: number } | { kind: 'hostile'; i: number })[] = [];
      for (let i = 0; i < 45; i++) {
        order.push({ kind: 'good', i });
        if (i % 9 === 4) order.push({ kind: 'hostile', i: order.filter((o) => o.kind === 'hostile').length });
      }
      for (const item of order) {
        if (item.kind === 'good') request.attach('files', good[item.i].bytes, good[item.i].name);
        else request.attach('files', hostile[item.i].buffer, `${hostile[item.i].name}-${hostile[item.i].filename}`);
      }
      request.field('metadata', JSON.stringify([{ fileName: good[0].name, externalId: `ext-${run}`, source: 'e2e', tags: ['bulk'] }]));
      const accepted = await request.expect(202);
      const job = accepted.body as IngestJobBody;
      assert.equal(job.total, 50);
      assert.notEqual(job.status, 'completed');
      assert.equal(job.files.length, 50);
      assert.equal(job.files[0].externalId, `ext-${run}`);

      const ended = await waitForIngest(http, job.id);
      assert.equal(ended.done, 45, JSON.stringify(ended.files.filter((f) => f.status !== 'done')));
      assert.equal(ended.failed, 5);
      assert.equal(ended.queued + ended.processing + ended.duplicate, 0);
      assert.ok(ended.completedAt);
      for (const [k, item] of order.entries()) {
        const file = ended.files[k];
        assert.equal(file.index, k);
        if (item.kind === 'good') {
          assert.equal(file.status, 'done');
          assert.equal(file.error, null);
          assert.ok(file.resumeId);
        } else {
          assert.equal(file.status, 'failed');
          assert.equal(file.resumeId, null);
          assert.equal(file.error?.code, hostile[item.i].expectedCode, hostile[item.i].name);
        }
      }
      // Every done file is one stored resume, readable as any other.
      const stored = await http.get(`/api/v1/resumes/${ended.files[0].resumeId}`).expect(200);
      assert.equal(stored.body.fileName, good[0].name);
      // Events: one resume.failed per failed file (the file name in the payload only), ingest.completed exactly once.
      const failed = events.filter((e) => e.type === 'resume.failed' && e.payload.ingestJobId === job.id);
      assert.equal(failed.length, 5);
      assert.ok(failed.every((e) => typeof e.payload.code === 'string' && typeof e.payload.fileName === 'string'));
      const completed = events.filter((e) => e.type === 'ingest.completed' && e.payload.ingestJobId === job.id);
      assert.equal(completed.length, 1);
      assert.deepEqual(
        { total: completed[0].payload.total, done: completed[0].payload.done, failed: completed[0].payload.failed },
        { total: 50, done: 45, failed: 5 },
      );
      // The bytes waited in the database and are gone once processed.
      const prisma = app.get(PrismaClient);
      assert.equal(await prisma.ingestFileBytes.count(), 0);
      // Listed, newest first.
      const list = await http.get('/api/v1/ingest-jobs?limit=5').expect(200);
      assert.equal(list.body.items[0].id, job.id);
      assert.equal(list.body.items[0].done, 45);
      assert.equal(list.body.items[0].files, undefined);
    });

    it('opens a zip of resumes as a batch (a DOCX inside stays one file), and metadata names zip entries', async () => {
      const [pdf, docx, txt] = await resumeFiles(3, run, 100);
      const archive = zip([
        small(`batch/${pdf.name}`, pdf.bytes),
        small(docx.name, docx.bytes),
        small(txt.name, txt.bytes),
        small('__MACOSX/._x', 'junk'),
      ]);
      const accepted = await http
        .post('/api/v1/resumes/bulk')
        .attach('files', archive, 'batch.zip')
        .field('metadata', JSON.stringify([{ fileName: docx.name, externalId: `zip-${run}` }]))
        .expect(202);
      assert.equal(accepted.body.total, 3);
      const ended = await waitForIngest(http, accepted.body.id as string);
      assert.equal(ended.done, 3, JSON.stringify(ended.files));
      assert.deepEqual(
        ended.files.map((f) => f.fileName),
        [pdf.name, docx.name, txt.name],
      );
      assert.equal(ended.files[1].externalId, `zip-${run}`);
      // A lone DOCX is a file, not a batch.
      const lone = await http
        .post('/api/v1/resumes/bulk')
        .attach('files', await renderDocx(['Solo Person', 'SKILLS', `Go ${run}`]), 'solo.docx')
        .expect(202);
      assert.equal(lone.body.total, 1);
      assert.equal((await waitForIngest(http, lone.body.id as string)).done, 1);
    });

    it('streams progress as Server-Sent Events until a completed event, then ends the stream', async () => {
      const files = await resumeFiles(6, run, 200);
      const request = http.post('/api/v1/resumes/bulk');
      for (const file of files) request.attach('files', file.bytes, file.name);
      const id = (await request.expect(202)).body.id as string;
      const response = await fetch(`${baseUrl}/api/v1/ingest-jobs/${id}/events`, {
        headers: { authorization: `Bearer ${testAdminKey(app)}` },
      });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
      // The stream ends by itself after `completed`: reading it to the end terminates.
      const text = await response.text();
      const received = text
        .split('\n\n')
        .filter(Boolean)
        .map((block) => {
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = JSON.parse(/^data: (.+)$/m.exec(block)?.[1] ?? 'null') as IngestJobBody;
          return { event, data };
        });
      assert.ok(received.length >= 2, text);
      assert.equal(received[0].event, 'progress');
      const last = received[received.length - 1];
      assert.equal(last.event, 'completed');
      assert.equal(last.data.status, 'completed');
      assert.equal(last.data.done, 6);
      assert.ok(received.slice(0, -1).every((r) => r.event === 'progress'));
      // Counts only move forward.
      const ended = received.map((r) => r.data.done + r.data.failed + r.data.duplicate);
      assert.deepEqual(
        ended,
        [...ended].sort((a, b) => a - b),
      );
      // Unknown job: a plain 404 before any stream.
      const missing = await fetch(`${baseUrl}/api/v1/ingest-jobs/${randomUUID()}/events`, {
        headers: { authorization: `Bearer ${testAdminKey(app)}` },
      });
      assert.equal(missing.status, 404);
      assert.equal(((await missing.json()) as { code: string }).code, 'NOT_FOUND');
    });

    it('keeps resumes stored while the model is down as pending, and reports them', async () => {
      model.failing = true;
      try {
        const files = await resumeFiles(2, run, 300);
        const request = http.post('/api/v1/resumes/bulk');
        for (const file of files) request.attach('files', file.bytes, file.name);
        const ended = await waitForIngest(http, (await request.expect(202)).body.id as string);
        assert.equal(ended.done, 2);
        assert.equal(ended.pending, 2);
        assert.ok(ended.files.every((f) => f.status === 'done' && f.embeddingStatus === 'pending'));
      } finally {
        model.failing = false;
      }
    });

    it('states its limits, refuses what they forbid with 4xx codes, and stores nothing', async () => {
      // The configured limits, as a client reads them before cutting its selection into requests.
      const limits = (await http.get('/api/v1/resumes/bulk/limits').expect(200)).body as Record<string, number>;
      assert.deepEqual(limits, { maxFiles: 60, maxFileBytes: MiB, maxRequestBytes: 3 * MiB, maxInflatedBytes: 2 * MiB });
      const before = (await http.get('/api/v1/ingest-jobs').expect(200)).body.total as number;
      const txt = Buffer.from(`Refused Person\nSKILLS\nRust ${run}`);
      const many = http.post('/api/v1/resumes/bulk');
      for (let i = 0; i < limits.maxFiles + 1; i++) many.attach('files', txt, `r${i}.txt`);
      assert.equal((await many.expect(413)).body.code, 'TOO_MANY_FILES');

      const big = http.post('/api/v1/resumes/bulk');
      for (let i = 0; i < 4; i++) big.attach('files', Buffer.alloc(0.9 * MiB, 0x61), `big${i}.txt`);
      assert.equal((await big.expect(413)).body.code, 'BATCH_TOO_LARGE');

      const oneTooLarge = await http
        .post('/api/v1/resumes/bulk')
        .attach('files', Buffer.alloc(MiB + 1, 0x61), 'huge.txt')
        .expect(413);
      assert.equal(oneTooLarge.body.code, 'FILE_TOO_LARGE');

      const manyEntries = zip(Array.from({ length: 61 }, (_, i) => small(`r${i}.txt`, txt)));
      assert.equal(
        (await http.post('/api/v1/resumes/bulk').attach('files', manyEntries, 'many.zip').expect(413)).body.code,
        'TOO_MANY_FILES',
      );
      const bombEntry = zip([small('bomb.txt', Buffer.alloc(MiB + 10, 0x61))]);
      assert.equal(
        (await http.post('/api/v1/resumes/bulk').attach('files', bombEntry, 'bomb.zip').expect(413)).body.code,
        'FILE_TOO_LARGE',
      );
      const inflatesTooMuch = zip([0, 1, 2].map((i) => small(`part${i}.txt`, Buffer.alloc(0.9 * MiB, 0x61))));
      assert.equal(
        (await http.post('/api/v1/resumes/bulk').attach('files', inflatesTooMuch, 'wide.zip').expect(413)).body.code,
        'ARCHIVE_TOO_LARGE',
      );

      assert.equal((await http.post('/api/v1/resumes/bulk').field('metadata', '[]').expect(400)).body.code, 'FILE_REQUIRED');
      const badJson = await http.post('/api/v1/resumes/bulk').attach('files', txt, 'a.txt').field('metadata', '[{').expect(400);
      assert.equal(badJson.body.code, 'MALFORMED_JSON');
      const unknownFile = await http
        .post('/api/v1/resumes/bulk')
        .attach('files', txt, 'a.txt')
        .field('metadata', JSON.stringify([{ fileName: 'nope.pdf', externalId: 'x' }]))
        .expect(400);
      assert.equal(unknownFile.body.code, 'VALIDATION_FAILED');
      const unknownKey = await http
        .post('/api/v1/resumes/bulk')
        .attach('files', txt, 'a.txt')
        .field('metadata', JSON.stringify([{ fileName: 'a.txt', owner: 'x' }]))
        .expect(400);
      assert.equal(unknownKey.body.code, 'VALIDATION_FAILED');

      assert.equal((await http.get('/api/v1/ingest-jobs').expect(200)).body.total, before);
    });

    it("keeps ingest jobs to their organisation: another organisation's key gets 404 and an empty list", async () => {
      const id = (
        await http
          .post('/api/v1/resumes/bulk')
          .attach('files', Buffer.from(`Own Person\nSKILLS\nElixir ${run}`), 'own.txt')
          .expect(202)
      ).body.id as string;
      const organization = (
        await http
          .post('/api/v1/organizations')
          .send({ name: `ingest tenant ${run}` })
          .expect(201)
      ).body.id as string;
      const key = (
        await http
          .post('/api/v1/api-keys')
          .send({ name: 'tenant', scopes: ['resumes:read', 'resumes:write'], organizationId: organization })
          .expect(201)
      ).body.key as string;
      const other = apiClient(app, { apiKey: key });
      assert.equal((await other.get(`/api/v1/ingest-jobs/${id}`).expect(404)).body.code, 'NOT_FOUND');
      assert.equal((await other.get(`/api/v1/ingest-jobs/${id}/events`).expect(404)).body.code, 'NOT_FOUND');
      assert.equal((await other.get('/api/v1/ingest-jobs').expect(200)).body.total, 0);
      await waitForIngest(http, id);
    });
  });
}
