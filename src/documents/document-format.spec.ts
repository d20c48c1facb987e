import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { small, zip } from '../../test/fixtures/resumes/hostile.js';
import { sniffFormat } from './document-format.js';
import { normalizeExtractedText } from './text-normalizer.js';
import { inspectZip } from './zip-inspector.js';

describe('sniffFormat', () => {
  it('detects by bytes, not names', () => {
    assert.deepEqual(sniffFormat(Buffer.from('%PDF-1.7\n...')), { format: 'pdf' });
    assert.deepEqual(sniffFormat(Buffer.from('Jane Doe\nEngineer\n')), { format: 'txt' });
    assert.equal(sniffFormat(Buffer.from('89504e470d0a1a0a', 'hex')).format, null);
    assert.equal(sniffFormat(Buffer.from('4d5a900003000000', 'hex')).format, null);
    assert.equal(sniffFormat(Buffer.alloc(200, 0)).format, null, 'NUL-filled data is binary');
  });
});

describe('inspectZip', () => {
  it('reads declared uncompressed sizes from the central directory without inflating', () => {
    const archive = zip([small('word/document.xml', Buffer.alloc(100_000, 0x41))]);
    const summary = inspectZip(archive)!;
    assert.equal(summary.entries, 1);
    assert.equal(summary.uncompressedBytes, 100_000);
    assert.deepEqual(summary.names, ['word/document.xml']);
    assert.ok(archive.length < 2_000, 'the archive itself is small');
  });

  it('returns null for a truncated archive', () => {
    const archive = zip([small('a.txt', 'hello')]);
    assert.equal(inspectZip(archive.subarray(0, archive.length - 10)), null);
  });
});

describe('normalizeExtractedText', () => {
  it('fixes ligatures, bullets, hyphenation and page markers, and counts control chars', () => {
    const { text, removedControlChars } = normalizeExtractedText('Of\uFB01ce manage-\nment\n• Led teams\n\n-- 1 of 2 --\nA\u0000B');
    assert.equal(text, 'Office management\n- Led teams\n\nAB');
    assert.equal(removedControlChars, 1);
  });
});
