import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { small, zip } from '../../test/fixtures/resumes/hostile.js';
import { sniffFormat } from './document-format.js';
import { inspectZip } from './zip-inspector.js';

describe('sniffFormat', () => {
  it('detects by bytes, not names', () => {
    assert.deepEqual(sniffFormat(Buffer.from('%PDF-1.7\n...')), { format: 'pdf' });
    assert.deepEqual(sniffFormat(Buffer.from('Jane Doe\nEngineer\n')), { format: 'txt' });
    assert.equal(sniffFormat(Buffer.from('89504e470d0a1a0a', 'hex')).format, null);
    assert.equal(sniffFormat(Buffer.from('4d5a900003000000', 'hex')).format, null);
    assert.equal(sniffFormat(Buffer.alloc(200, 0)).format, null, 'NUL-filled data is binary');
  });

  it('refuses text formats that are not a resume, and names them', () => {
    const detected = (text: string) => {
      const result = sniffFormat(Buffer.from(text));
      return result.format === null ? result.detected : result.format;
    };
    assert.equal(detected('{"name":"Jane Doe","skills":["TypeScript"]}'), 'JSON document');
    assert.equal(detected('\uFEFF  [{"name":"Jane"}, 2]'), 'JSON document');
    assert.equal(detected('{ "name": "cut short'), 'JSON document');
    assert.equal(detected('<!DOCTYPE html><html><body>Jane</body></html>'), 'HTML document');
    assert.equal(detected('<!-- saved from Word --><html lang="en">'), 'HTML document');
    assert.equal(detected('<div class="resume">Jane</div>'), 'HTML or XML markup');
    assert.equal(detected('<?xml version="1.0"?><resume><name>Jane</name></resume>'), 'XML document');
    assert.equal(detected('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'SVG image');
    assert.equal(detected('#!/bin/sh\nrm -rf /tmp/x\n'), 'executable script');
    assert.equal(detected('%!PS-Adobe-3.0\n'), 'PostScript document');
  });

  it('still reads prose that merely starts like those formats', () => {
    for (const text of [
      'MZ Consulting\nJane Doe, Engineer',
      '[Jane Doe]\nSoftware Engineer\nSkills: TypeScript',
      '{Jane Doe} Engineer',
      '< 5 years in sales, Jane Doe',
      'Jane Doe\n<b>not markup at the start</b>',
    ]) {
      assert.deepEqual(sniffFormat(Buffer.from(text)), { format: 'txt' }, text);
    }
  });

  it('names refused binary formats', () => {
    const detected = (hex: string) =>
      (sniffFormat(Buffer.concat([Buffer.from(hex, 'hex'), Buffer.alloc(64, 0)])) as { detected: string }).detected;
    assert.equal(detected('ffd8ffe0'), 'JPEG image');
    assert.equal(detected('474946383961'), 'GIF image');
    assert.equal(detected('524946460000000057454250'), 'WebP image');
    assert.equal(detected('7f454c46'), 'ELF executable');
    assert.equal(detected('cffaedfe'), 'Mach-O executable');
    assert.equal(detected('4d5a9000'), 'Windows executable');
    assert.equal(detected('0061736d'), 'WebAssembly module');
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
