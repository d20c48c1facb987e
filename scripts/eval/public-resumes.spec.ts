import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPublicResumes, occupationTitle, stratifiedSample } from './public-resumes.js';

const items = ['A', 'B', 'C', 'D'].flatMap((category, c) => Array.from({ length: 3 + c }, (_, i) => ({ id: `${category}${i}`, category })));

describe('public resumes (eval)', () => {
  it('draws the same stratified sample for a seed, whatever the input order', () => {
    const one = stratifiedSample(items, { perCategory: 3, categories: 2, seed: 7 });
    const two = stratifiedSample([...items].reverse(), { perCategory: 3, categories: 2, seed: 7 });
    assert.deepEqual(
      one.map((x) => x.id),
      two.map((x) => x.id),
    );
    const categories = new Set(one.map((x) => x.category));
    assert.equal(categories.size, 2);
    for (const category of categories) assert.equal(one.filter((x) => x.category === category).length, 3);
  });

  it('skips categories with too few resumes and returns fewer categories when fewer qualify', () => {
    const sample = stratifiedSample(items, { perCategory: 5, categories: 4, seed: 1 });
    assert.deepEqual([...new Set(sample.map((x) => x.category))], ['C', 'D']);
    assert.equal(sample.length, 10);
  });

  it('names the occupation as a job title', () => {
    assert.equal(occupationTitle('INFORMATION-TECHNOLOGY'), 'Information Technology');
    assert.equal(occupationTitle('HR'), 'HR');
    assert.equal(occupationTitle('CHEF'), 'Chef');
  });

  it('reads category folders of PDF/TXT files and the CSV with resume text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'public-resumes-'));
    try {
      assert.deepEqual(listPublicResumes(join(dir, 'absent')), []);
      mkdirSync(join(dir, 'CHEF'));
      writeFileSync(join(dir, 'CHEF', '12.txt'), 'Sous chef');
      writeFileSync(join(dir, 'CHEF', 'notes.md'), 'ignored');
      writeFileSync(join(dir, 'Resume.csv'), 'ID,Category\n12,CHEF\n');
      const folders = listPublicResumes(dir);
      assert.deepEqual(
        folders.map(({ id, category }) => ({ id, category })),
        [{ id: '12', category: 'CHEF' }],
      );
      assert.equal(folders[0].load().buffer.toString(), 'Sous chef');
      writeFileSync(join(dir, 'Resume.csv'), 'ID,Resume_str,Resume_html,Category\n7,"Line one\nline two",<p/>,HR\n');
      const csv = listPublicResumes(dir);
      assert.deepEqual(
        csv.map(({ id, category }) => ({ id, category })),
        [{ id: '7', category: 'HR' }],
      );
      assert.equal(csv[0].load().name, '7.txt');
      assert.equal(csv[0].load().buffer.toString(), 'Line one\nline two');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
