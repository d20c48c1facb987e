import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectHeading, splitSections } from './sections.js';

describe('detectHeading', () => {
  it('recognises heading variants', () => {
    assert.equal(detectHeading('EXPERIENCE')?.name, 'experience');
    assert.equal(detectHeading('Work History:')?.name, 'experience');
    assert.equal(detectHeading('— Professional Experience —')?.name, 'experience');
    assert.equal(detectHeading('E X P E R I E N C E')?.name, 'experience');
    assert.equal(detectHeading('Education & Training')?.name, 'education');
    assert.equal(detectHeading('Core Competencies')?.name, 'skills');
    assert.equal(detectHeading('Licenses & Certifications')?.name, 'certifications');
    assert.equal(detectHeading('Berufserfahrung')?.name, 'experience');
    assert.equal(detectHeading('Compétences')?.name, 'skills');
    assert.equal(detectHeading('WORK')?.name, 'experience');
    assert.equal(detectHeading('ADDITIONAL')?.name, 'additional');
    assert.deepEqual(detectHeading('LICENSE/CERTS: IL RN (active) · BLS'), {
      name: 'certifications',
      heading: 'LICENSE/CERTS',
      rest: 'IL RN (active) · BLS',
    });
    assert.equal(detectHeading('Work: 5 days a week'), null);
  });

  it('reads inline headings for list sections only', () => {
    assert.deepEqual(detectHeading('Skills: Python, SQL'), { name: 'skills', heading: 'Skills', rest: 'Python, SQL' });
    assert.equal(detectHeading('Experience: 5 years in retail'), null);
    assert.equal(detectHeading('Led the experience redesign for 3 products'), null);
  });
});

describe('splitSections', () => {
  it('splits header and sections and records the headings', () => {
    const s = splitSections('Jane Doe\njane@x.com\n\nSUMMARY\nHello\nEXPERIENCE\nDev at X\nSkills\nLanguages: Go, Python\nTools: Git');
    assert.deepEqual(s.header, ['Jane Doe', 'jane@x.com', '']);
    assert.deepEqual(
      s.sections.map((x) => x.name),
      ['summary', 'experience', 'skills'],
    );
    assert.deepEqual(s.headings, { summary: 'SUMMARY', experience: 'EXPERIENCE', skills: 'Skills' });
    // "Languages:" inside the skills section is a sub-label, not the languages section
    assert.deepEqual(s.sections[2].lines, ['Languages: Go, Python', 'Tools: Git']);
  });
});
