import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateLabelledSet, type LabelledSet } from './labelled-set.js';

/** Finds the repository root (the folder holding package.json) from this file, in scripts/eval/ or dist/scripts/eval/. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = resolve(dir, '..');
    if (parent === dir) throw new Error('package.json not found');
    dir = parent;
  }
  return dir;
}

const FIXTURE = join(repoRoot(), 'test', 'fixtures', 'matching', 'labelled-set.json');

describe('labelled matching set', () => {
  const data = JSON.parse(readFileSync(FIXTURE, 'utf8')) as LabelledSet;

  it('is valid', () => {
    assert.deepEqual(validateLabelledSet(data), []);
  });

  it('has several professions, ~40 resumes of realistic length and graded near-misses', () => {
    assert.ok(data.jobs.length >= 8);
    assert.ok(data.resumes.length >= 40);
    for (const r of data.resumes) {
      const words = r.text.split(/\s+/).filter(Boolean).length;
      assert.ok(words >= 150 && words <= 400, `${r.id} has ${words} words`);
      assert.match(r.text, /@example\.(com|org)/, `${r.id} uses a fictitious email`);
    }
    for (const job of data.jobs) {
      const grades = Object.values(data.relevance[job.id]);
      assert.ok(grades.filter((g) => g === 1 || g === 2).length >= 3, `${job.id} has near-misses`);
    }
  });
});

describe('validateLabelledSet', () => {
  it('reports problems', () => {
    assert.deepEqual(validateLabelledSet(null), ['root must be an object']);
    const problems = validateLabelledSet({
      jobs: [{ id: 'j', title: 'T', description: 'D', location: 'L', requirements: ['r'], remote: false, minYearsExperience: 1 }],
      resumes: [
        { id: 'r1', label: 'x', text: 'y' },
        { id: 'r1', label: 'x', text: 'y' },
      ],
      relevance: { j: { r1: 4 }, other: {} },
    });
    assert.deepEqual(problems, [
      'duplicate resume id r1',
      'relevance.j.r1 must be 0, 1, 2 or 3',
      'relevance.j has no excellent (3) resume',
      'relevance grades unknown job other',
    ]);
  });
});
