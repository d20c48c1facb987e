import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resumeMatchingText } from './matching-text.js';

const RESUME = `Brittany Cole
Austin, TX | brittany.cole@example.com | (512) 555-0141 | linkedin.com/in/brittanycole

Summary
Brittany Cole is a technical recruiter with six years of experience hiring software engineers.

Experience
Senior Technical Recruiter — Lonestar Talent Partners, Austin, TX
2021 – Present
• Screen candidates on system design, REST and GraphQL.`;

describe('resumeMatchingText', () => {
  it('drops the name and the contact line, keeps the rest in order', () => {
    const text = resumeMatchingText(RESUME, { name: 'Brittany Cole' });
    assert.doesNotMatch(text, /Brittany|Cole\b/);
    assert.doesNotMatch(text, /example\.com|555|linkedin/);
    assert.equal(text.split('\n')[0], 'Summary');
    assert.match(text, /is a technical recruiter with six years/);
    assert.match(text, /Senior Technical Recruiter — Lonestar Talent Partners, Austin, TX\n2021 – Present/);
  });

  it('keeps credentials that follow the name', () => {
    const text = resumeMatchingText(
      'J. Alvarez-Reyes, RN, BSN\nOak Park, IL — jar.rn@example.com — 708-555-0143\n\nRN w/ 5 yrs adult acute care',
      {
        name: 'J. Alvarez-Reyes',
      },
    );
    assert.equal(text, 'RN, BSN\n\nRN w/ 5 yrs adult acute care');
  });

  it('blanks contact details inside a long line instead of dropping the line', () => {
    const long = `Contact jane.doe@example.com or +1 (312) 555-0176 about ${'distributed systems and data pipelines, '.repeat(6)}`;
    const text = resumeMatchingText(long, { name: null });
    assert.doesNotMatch(text, /example\.com|555/);
    assert.match(text, /distributed systems and data pipelines/);
  });

  it('makes resumes that differ only in name and contact details identical', () => {
    const other = RESUME.replaceAll('Brittany Cole', 'Darnell Washington')
      .replace('brittany.cole@example.com', 'dw@example.org')
      .replace('(512) 555-0141', '+1 737 555 0199')
      .replace('linkedin.com/in/brittanycole', 'github.com/dwash');
    assert.equal(resumeMatchingText(other, { name: 'Darnell Washington' }), resumeMatchingText(RESUME, { name: 'Brittany Cole' }));
  });

  it('leaves out personal sections: interests, referees, personal details', () => {
    const cv = [
      'Experience',
      'Staff Accountant, Denver, 2019 - Present',
      '',
      'Personal details',
      'Date of birth: 12 March 1971',
      'Nationality: Irish',
      '',
      'Skills',
      'GAAP, NetSuite',
      'Interests: church choir, grandchildren',
      'References',
      'Dr. Ann Smith, former manager',
    ].join('\n');
    assert.equal(resumeMatchingText(cv, { name: null }), 'Experience\nStaff Accountant, Denver, 2019 - Present\n\nSkills\nGAAP, NetSuite');
  });

  it('leaves a resume without a parsed name or contact details as it is', () => {
    const plain = 'Summary\nWarehouse lead, forklift certified.\n\nSkills\nWMS, inventory control';
    assert.equal(resumeMatchingText(plain, { name: null }), plain);
  });
});
