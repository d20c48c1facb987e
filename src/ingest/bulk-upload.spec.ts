import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../common/domain-error.js';
import { small, zip } from '../../test/fixtures/resumes/hostile.js';
import { assembleBulkFiles, parseFileMetadata } from './bulk-upload.js';
import { isZipBatch, readZipBatch } from './zip-batch.js';

const limits = { maxEntries: 5, maxEntryBytes: 1000, maxTotalBytes: 2500, maxRequestBytes: 10_000 };
const code = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'no error';
};

describe('zip batches', () => {
  it('tells a batch zip from a DOCX by its directory, even when a stored entry holds the DOCX marker', () => {
    const docx = zip([small('[Content_Types].xml', '<Types/>'), small('word/document.xml', '<w:document/>')]);
    assert.equal(isZipBatch(docx), false);
    const stored = { ...small('inner.docx', docx), method: 0 as const, compressed: docx, size: docx.length };
    assert.equal(isZipBatch(zip([stored])), true);
    assert.equal(isZipBatch(Buffer.from('%PDF-1.7')), false);
  });

  it('inflates entries in order, skipping folders, dot files and macOS forks', () => {
    const entries = readZipBatch(
      zip([small('a/one.txt', 'one'), small('a/', ''), small('.DS_Store', 'x'), small('__MACOSX/._one.txt', 'x'), small('two.txt', 'two')]),
      limits,
    );
    assert.deepEqual(
      entries.map((e) => [e.name, e.bytes.toString()]),
      [
        ['a/one.txt', 'one'],
        ['two.txt', 'two'],
      ],
    );
  });

  it('bounds entries, each entry (whatever size it declares) and the total', () => {
    assert.equal(
      code(() => readZipBatch(zip(Array.from({ length: 6 }, (_, i) => small(`${i}.txt`, 'x'))), limits)),
      'TOO_MANY_FILES',
    );
    const lying = { ...small('big.txt', Buffer.alloc(5000, 0x61)), size: 10 };
    assert.equal(
      code(() => readZipBatch(zip([lying]), limits)),
      'FILE_TOO_LARGE',
    );
    assert.equal(
      code(() => readZipBatch(zip([0, 1, 2].map((i) => small(`${i}.txt`, Buffer.alloc(900, 0x61)))), limits)),
      'ARCHIVE_TOO_LARGE',
    );
    assert.equal(
      code(() => readZipBatch(Buffer.from('PK\u0003\u0004garbage'), limits)),
      'CORRUPT_DOCUMENT',
    );
  });
});

describe('bulk metadata', () => {
  it('parses entries and refuses anything else with a code', () => {
    assert.deepEqual(parseFileMetadata(undefined, 5), []);
    assert.deepEqual(parseFileMetadata('[{"fileName":"a.pdf","externalId":"x","tags":["t"]}]', 5), [
      { fileName: 'a.pdf', externalId: 'x', source: undefined, tags: ['t'] },
    ]);
    assert.equal(
      code(() => parseFileMetadata('[{', 5)),
      'MALFORMED_JSON',
    );
    assert.equal(
      code(() => parseFileMetadata('{}', 5)),
      'VALIDATION_FAILED',
    );
    assert.equal(
      code(() => parseFileMetadata('[{"fileName":"a","x":1}]', 5)),
      'VALIDATION_FAILED',
    );
    assert.equal(
      code(() => parseFileMetadata('[{"externalId":"x"}]', 5)),
      'VALIDATION_FAILED',
    );
    assert.equal(
      code(() => parseFileMetadata('[{"fileName":"a","externalId":"a\\u0000b"}]', 5)),
      'INVALID_CHARACTERS',
    );
  });

  it('matches metadata to files by sanitized name, in order for repeated names, and refuses entries naming no file', () => {
    const parts = [
      { buffer: Buffer.from('one'), originalname: 'cv.txt' },
      { buffer: Buffer.from('two'), originalname: 'cv.txt' },
      { buffer: Buffer.from('three'), originalname: 'other.txt' },
    ];
    const files = assembleBulkFiles(
      parts,
      parseFileMetadata('[{"fileName":"cv.txt","externalId":"1"},{"fileName":"cv.txt","externalId":"2"}]', 5),
      limits,
    );
    assert.deepEqual(
      files.map((f) => [f.fileName, f.externalId]),
      [
        ['cv.txt', '1'],
        ['cv.txt', '2'],
        ['other.txt', undefined],
      ],
    );
    assert.equal(
      code(() => assembleBulkFiles(parts, [{ fileName: 'missing.txt' }], limits)),
      'VALIDATION_FAILED',
    );
    assert.equal(
      code(() => assembleBulkFiles([], [], limits)),
      'FILE_REQUIRED',
    );
    const batch = { buffer: zip(Array.from({ length: 4 }, (_, i) => small(`${i}.txt`, 'x'))), originalname: 'b.zip' };
    assert.equal(
      code(() => assembleBulkFiles([batch, ...parts], [], limits)),
      'TOO_MANY_FILES',
    );
  });
});
