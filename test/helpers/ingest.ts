import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiClient } from './test-app.js';
import { renderDocx, renderPdf } from './resume-documents.js';

/** Lines of a distinct, parseable resume (the run id keeps resumes of different runs apart). */
export function resumeLines(i: number, run: string): string[] {
  return [
    `Candidate ${i} Sample`,
    `candidate${i}.${run}@example.com`,
    'SUMMARY',
    `Backend engineer number ${i} of run ${run}.`,
    'EXPERIENCE',
    `Backend Engineer, Acme ${i}`,
    '2018 - Present',
    'Built TypeScript and PostgreSQL services, deployed with Docker and Kubernetes.',
    'SKILLS',
    'TypeScript, PostgreSQL, Docker',
  ];
}

/** `count` resumes as PDF, DOCX and TXT in turn. */
export async function resumeFiles(count: number, run: string, from = 0): Promise<{ name: string; bytes: Buffer }[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, k) => {
      const i = from + k;
      const lines = resumeLines(i, run);
      switch (i % 3) {
        case 0:
          return { name: `candidate-${i}.pdf`, bytes: await renderPdf(lines) };
        case 1:
          return { name: `candidate-${i}.docx`, bytes: await renderDocx(lines) };
        default:
          return { name: `candidate-${i}.txt`, bytes: Buffer.from(lines.join('\n')) };
      }
    }),
  );
}

export interface IngestJobBody {
  id: string;
  status: 'queued' | 'processing' | 'completed';
  total: number;
  queued: number;
  processing: number;
  done: number;
  duplicate: number;
  failed: number;
  pending: number;
  completedAt: string | null;
  files: {
    index: number;
    fileName: string | null;
    externalId: string | null;
    status: string;
    resumeId: string | null;
    embeddingStatus: string | null;
    error: { code: string; message: string } | null;
  }[];
}

/** Polls the ingest job until every file has ended. */
export async function waitForIngest(http: ApiClient, id: string, timeoutMs = 180_000): Promise<IngestJobBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = (await http.get(`/api/v1/ingest-jobs/${id}`).expect(200)).body as IngestJobBody;
    if (body.status === 'completed') return body;
    if (Date.now() > deadline) assert.fail(`ingest job not completed in time: ${JSON.stringify({ ...body, files: undefined })}`);
    await sleep(100);
  }
}
