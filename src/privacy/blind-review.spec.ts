import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResumeParser } from '../resumes/parsing/resume-parser.js';
import { blindLabels, blindParsedResume, blindResumeView, REDACTED } from './blind-review.js';

const RESUME = `Brittany Cole
Austin, TX | brittany.cole@example.com | (512) 555-0141 | linkedin.com/in/brittanycole | github.com/bcole

Summary
Brittany Cole is a backend engineer; Brittany has six years of TypeScript and PostgreSQL.

Experience
Senior Backend Engineer — Lonestar Software, Austin, TX
2019 – Present
Built APIs in TypeScript on PostgreSQL.

Education
B.Sc. Computer Science, University of Texas, 2018

Skills
TypeScript, PostgreSQL, Docker`;

describe('blind review', () => {
  const parsed = new ResumeParser().parse(RESUME, { now: new Date('2026-11-01T00:00:00Z') });

  it('redacts name, contact and links from the parsed fields, and the name from the summary', () => {
    // The parser found what blind review must hide (otherwise this test proves nothing).
    assert.equal(parsed.name, 'Brittany Cole');
    assert.ok(parsed.email && parsed.phone && parsed.links.linkedin && parsed.links.github);
    const blind = blindParsedResume(parsed);
    assert.equal(blind.name, null);
    assert.equal(blind.email, null);
    assert.equal(blind.phone, null);
    assert.deepEqual(blind.links, { linkedin: null, github: null, web: [] });
    assert.doesNotMatch(blind.summary ?? '', /Brittany|Cole/);
    assert.match(blind.summary ?? '', new RegExp(`^\\${REDACTED} is a backend engineer; \\${REDACTED} has six years`));
  });

  it('keeps the evidence a match is judged on', () => {
    const blind = blindParsedResume(parsed);
    assert.deepEqual(blind.skills, parsed.skills);
    assert.deepEqual(blind.experience, parsed.experience);
    assert.deepEqual(blind.education, parsed.education);
    assert.equal(blind.totalYearsExperience, parsed.totalYearsExperience);
    assert.equal(blind.location, parsed.location);
  });

  it('drops the file name and takes name, contact lines and links out of the text', () => {
    const view = blindResumeView({ id: 'r1', fileName: 'brittany-cole.pdf', parsed, text: RESUME });
    assert.equal(view.fileName, null);
    assert.equal(view.id, 'r1');
    assert.doesNotMatch(view.text ?? '', /Brittany|Cole|example\.com|555|linkedin|github/i);
    assert.match(view.text ?? '', /Built APIs in TypeScript on PostgreSQL\./);
    assert.match(view.text ?? '', /\[redacted\] has six years/);
    // Without the text asked for, none is added.
    assert.equal('text' in blindResumeView({ fileName: 'x.pdf', parsed }), false);
  });

  it('blanks ranking and search labels, nothing else', () => {
    const items = blindLabels([{ id: 'a', label: 'Brittany Cole', overallScore: 0.7 }]);
    assert.deepEqual(items, [{ id: 'a', label: null, overallScore: 0.7 }]);
  });
});
