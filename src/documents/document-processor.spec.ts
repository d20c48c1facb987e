import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PDFDocument from 'pdfkit';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { loadConfig } from '../config/app-config.js';
import { DocumentProcessor } from './document-processor.js';

function twoColumnPdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', margin: 40 });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.fontSize(10);
    // A sidebar column and a main column side by side, as many resume templates do.
    doc.text('SKILLS\nPython\nSQL\nTableau', 40, 100, { width: 150 });
    doc.text('EXPERIENCE\nData Analyst, Foo Ltd\nJan 2019 - Present\nBuilt dashboards for the finance team.', 220, 100, { width: 330 });
    doc.end();
  });
}

describe('DocumentProcessor', () => {
  const processor = new DocumentProcessor(loadConfig({}));
  before(() => processor.onModuleInit());
  after(() => processor.onApplicationShutdown());

  it('keeps each column of a two-column PDF together, in reading order', async () => {
    const { text, format, pages } = await processor.extract(await twoColumnPdf());
    assert.equal(format, 'pdf');
    assert.equal(pages, 1);
    assert.match(text, /SKILLS\nPython\nSQL\nTableau\nEXPERIENCE\nData Analyst, Foo Ltd/);
    assert.doesNotMatch(text, /-- 1 of 1 --/, 'page markers are stripped');
  });

  it('reads text files as UTF-8 and keeps non-Latin names intact', async () => {
    const { text, mimeType } = await processor.extract(Buffer.from('Σοφία Παπαδοπούλου\n李小龙\nJosé O\u2019Neill-Smith\n'));
    assert.equal(mimeType, 'text/plain');
    assert.equal(text, 'Σοφία Παπαδοπούλου\n李小龙\nJosé O\u2019Neill-Smith');
  });

  it('rejects by content, not by name', async () => {
    await assert.rejects(
      processor.extract(Buffer.from('GIF89a\u0001\u0000')),
      (error: unknown) => error instanceof DomainError && error.code === ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    );
  });
});
