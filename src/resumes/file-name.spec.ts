import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_FILE_NAME_LENGTH, sanitizeFileName } from './file-name.js';

describe('sanitizeFileName', () => {
  it('keeps ordinary and non-ASCII names as they are (NFC)', () => {
    assert.equal(sanitizeFileName('jane-doe.pdf'), 'jane-doe.pdf');
    assert.equal(sanitizeFileName('Zoë Müller – CV.pdf'), 'Zoë Müller – CV.pdf');
    assert.equal(sanitizeFileName('Zoe\u0308.pdf'), 'Zoë.pdf');
    assert.equal(sanitizeFileName('履歴書.docx'), '履歴書.docx');
  });

  it('removes control and bidi-override characters and path segments', () => {
    assert.equal(sanitizeFileName('cv\u0000\u0007\u001b[31m.txt'), 'cv[31m.txt');
    assert.equal(sanitizeFileName('cv\u202Efdp.exe'), 'cvfdp.exe');
    assert.equal(sanitizeFileName('C:\\Users\\jane\\cv.pdf'), 'cv.pdf');
    assert.equal(sanitizeFileName('../../etc/passwd'), 'passwd');
    assert.equal(sanitizeFileName('line\r\nbreak.pdf'), 'linebreak.pdf');
  });

  it('is null when nothing is left', () => {
    assert.equal(sanitizeFileName(undefined), null);
    assert.equal(sanitizeFileName(''), null);
    assert.equal(sanitizeFileName('\u0000\u0001 '), null);
    assert.equal(sanitizeFileName('dir/'), null);
  });

  it('bounds the length and keeps the extension', () => {
    const long = sanitizeFileName('é'.repeat(1_000) + '.pdf')!;
    assert.equal([...long].length, MAX_FILE_NAME_LENGTH);
    assert.ok(long.endsWith('é.pdf'));
    const emoji = sanitizeFileName('😀'.repeat(300))!;
    assert.equal([...emoji].length, MAX_FILE_NAME_LENGTH);
    assert.ok(!/[\ud800-\udfff]$/.test(emoji.slice(-1)) || emoji.endsWith('😀'), 'no split surrogate pair');
  });
});
