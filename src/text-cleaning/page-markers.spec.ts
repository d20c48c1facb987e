import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PAGE_FOOTER_LINE, PAGE_MARKER_LINE } from './page-markers.js';

describe('page markers', () => {
  it('match the lines pdf-parse writes between pages, however spaced', () => {
    for (const line of ['-- 1 of 2 --', '  --2 of 12--  ', '--  3  of 3  --']) assert.ok(PAGE_MARKER_LINE.test(line), line);
    for (const line of ['Led 1 of 2 teams -- daily', '-- 1 of 2 -- Summary', 'Page 1 of 2']) assert.ok(!PAGE_MARKER_LINE.test(line), line);
  });

  it('match page-number footers, not sentences that mention pages', () => {
    for (const line of ['Page 1 of 2', 'page 2 / 3', '  PAGE 3 OF 3 ']) assert.ok(PAGE_FOOTER_LINE.test(line), line);
    for (const line of ['Wrote page 1 of the handbook', 'Page 1']) assert.ok(!PAGE_FOOTER_LINE.test(line), line);
  });
});
