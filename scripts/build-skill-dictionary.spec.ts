import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

// From dist/scripts/ (compiled) back to the repository.
const root = resolve(import.meta.dirname, '..', '..');
const rawData = resolve(root, '..', 'shared', 'data', 'skills');
const escoData = resolve(root, '..', 'shared', 'data', 'esco');

describe('skill dictionary builder', () => {
  it(
    'rebuilds the committed dictionary byte for byte from scripts/skills-data',
    {
      skip:
        (!existsSync(join(rawData, 'onet_technology_skills.tsv')) || !existsSync(join(escoData, 'skills_en.csv'))) &&
        `raw taxonomies not found in ${rawData} and ${escoData}`,
    },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'hirematch-skills-'));
      try {
        const out = join(dir, 'skill-dictionary.json');
        execFileSync(
          process.execPath,
          [join(root, 'scripts', 'build-skill-dictionary.mjs'), '--data', rawData, '--esco', escoData, '--out', out],
          {
            stdio: 'pipe',
          },
        );
        assert.ok(
          readFileSync(out).equals(readFileSync(join(root, 'src', 'skills', 'skill-dictionary.json'))),
          'run npm run skills:build and commit the result',
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('stops with a message naming the missing raw files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hirematch-skills-'));
    try {
      const run = () =>
        execFileSync(
          process.execPath,
          [join(root, 'scripts', 'build-skill-dictionary.mjs'), '--data', dir, '--esco', dir, '--out', join(dir, 'x.json')],
          {
            stdio: 'pipe',
          },
        );
      assert.throws(run, (error: { status: number; stderr: Buffer }) => {
        assert.equal(error.status, 1);
        assert.match(error.stderr.toString(), /Missing .*onet_technology_skills\.tsv and .*skills_en\.csv and .*occupations_en\.csv/);
        return true;
      });
      assert.equal(existsSync(join(dir, 'x.json')), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
