import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { describe, it } from 'node:test';
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
    const zip = buildZip([{ name: 'word/document.xml', data: Buffer.alloc(100_000, 0x41) }]);
    const summary = inspectZip(zip)!;
    assert.equal(summary.entries, 1);
    assert.equal(summary.uncompressedBytes, 100_000);
    assert.deepEqual(summary.names, ['word/document.xml']);
    assert.ok(zip.length < 2_000, 'the archive itself is small');
  });

  it('returns null for a truncated archive', () => {
    const zip = buildZip([{ name: 'a.txt', data: Buffer.from('hello') }]);
    assert.equal(inspectZip(zip.subarray(0, zip.length - 10)), null);
  });
});

describe('normalizeExtractedText', () => {
  it('fixes ligatures, bullets, hyphenation and page markers, and counts control chars', () => {
    const { text, removedControlChars } = normalizeExtractedText('Of\uFB01ce manage-\nment\n• Led teams\n\n-- 1 of 2 --\nA\u0000B');
    assert.equal(text, 'Office management\n- Led teams\n\nAB');
    assert.equal(removedControlChars, 1);
  });
});

/** A minimal valid zip (deflate) built by hand, so the test depends on no zip library. */
function buildZip(files: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name);
    const compressed = deflateRawSync(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
