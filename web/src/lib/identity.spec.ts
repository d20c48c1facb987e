import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commaList, fileSize, percent, years } from './format.js';
import { candidateName, uploadName } from './identity.js';

const ID = '5b3f6f0e-8a51-4a7e-9d0c-2f1f0b8e4a11';

describe('how the console names candidates', () => {
  it('shows the name, else the file name, and under blind review neither', () => {
    assert.equal(candidateName({ id: ID, name: 'Jane Doe', fileName: 'jane.pdf' }, false), 'Jane Doe');
    assert.equal(candidateName({ id: ID, name: null, fileName: 'jane.pdf' }, false), 'jane.pdf');
    assert.equal(candidateName({ id: ID, name: 'Jane Doe', fileName: 'jane.pdf' }, true), 'Candidate 5b3f6f0e');
    assert.equal(candidateName({ id: ID }, false), 'Candidate 5b3f6f0e');
  });

  it('names files being uploaded by position and type under blind review', () => {
    assert.equal(uploadName({ name: 'jane-doe.pdf' }, 1, 3, false), 'jane-doe.pdf');
    assert.equal(uploadName({ name: 'jane-doe.pdf' }, 1, 3, true), 'File 2 of 3 (PDF)');
    assert.equal(uploadName({ name: 'resume' }, 0, 1, true), 'File 1 of 1');
  });
});

describe('formatting', () => {
  it('formats scores, years, sizes and comma lists', () => {
    assert.equal(percent(0.714), '71%');
    assert.equal(percent(null), 'n/a');
    assert.equal(years(6.54), '6.5 years');
    assert.equal(years(1), '1 year');
    assert.equal(years(null), 'unknown');
    assert.equal(fileSize(2048), '2 KB');
    assert.equal(fileSize(3 * 1024 * 1024), '3 MB');
    assert.deepEqual(commaList(' Node.js, TypeScript ,, Node.js'), ['Node.js', 'TypeScript']);
  });
});
