import 'reflect-metadata';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Test } from '@nestjs/testing';
import { SkillsModule } from '../../skills/skills.module.js';
import { SkillExtractor } from '../../skills/skill-extractor.js';
import { ResumeParser } from './resume-parser.js';
import { buildResumeCorpus, FIXTURE_NOW } from '../../../test/fixtures/generate-fixtures.js';

const now = new Date('2025-06-15T12:00:00Z');
const parser = new ResumeParser(SkillExtractor.shared());

const SAMPLE = `JOSÉ O'BRIEN-GARCÍA
Senior Software Engineer
Austin, TX | (512) 555-0147 | jose.obrien@example.com | linkedin.com/in/jose-ob | github.com/joseob

SUMMARY
Backend engineer building distributed systems in Go and Node.js.

EXPERIENCE
Senior Software Engineer — Acme Corp, Austin, TX        Jan 2019 – Present
• Built microservices in Go and TypeScript on Kubernetes (k8s) and AWS.
Software Engineer | Initech | Jun 2017 - Dec 2019
• Developed REST APIs with Node.js and Express.

EDUCATION
B.S. in Computer Science, University of Texas at Austin, 2014

SKILLS
Languages: Go, TypeScript, Python, C, R
Tools: Docker, Terraform, Git

LANGUAGES
English (native), Spanish (fluent)

CERTIFICATIONS
AWS Certified Solutions Architect – Associate (2021)
`;

describe('ResumeParser', () => {
  it('parses a complete resume', () => {
    const r = parser.parse(SAMPLE, { now });
    assert.equal(r.name, "José O'Brien-García");
    assert.equal(r.email, 'jose.obrien@example.com');
    assert.equal(r.phone, '+15125550147');
    assert.equal(r.location, 'Austin, TX');
    assert.equal(r.links.linkedin, 'https://linkedin.com/in/jose-ob');
    assert.equal(r.links.github, 'https://github.com/joseob');
    assert.match(r.summary ?? '', /distributed systems/);
    assert.deepEqual(
      r.experience.map((e) => [e.title, e.company, e.start, e.end, e.current]),
      [
        ['Senior Software Engineer', 'Acme Corp', '2019-01', null, true],
        ['Software Engineer', 'Initech', '2017-06', '2019-12', false],
      ],
    );
    // Jun 2017 .. Jun 2025 without double counting 2019
    assert.equal(r.totalYearsExperience, 8.1);
    assert.equal(r.highestEducationLevel, 'bachelor');
    assert.equal(r.education[0].institution, 'University of Texas at Austin');
    const skills = Object.fromEntries(r.skills.map((s) => [s.name, s.foundIn]));
    for (const s of [
      'Go',
      'Node.js',
      'TypeScript',
      'Kubernetes',
      'AWS',
      'Python',
      'C',
      'R',
      'Docker',
      'Terraform',
      'Git',
      'REST APIs',
      'Express',
    ])
      assert.ok(skills[s], `skill ${s}`);
    assert.deepEqual(skills['Go'], ['summary', 'experience', 'skills']);
    assert.ok(!skills['Computer Science'], 'a degree field is not a claimed skill');
    assert.deepEqual(r.languages, ['English', 'Spanish']);
    assert.deepEqual(r.certifications, ['AWS Certified Solutions Architect – Associate']);
    assert.deepEqual(Object.keys(r.sections), ['summary', 'experience', 'education', 'skills', 'languages', 'certifications']);
  });

  it('survives empty and garbage input', () => {
    const empty = parser.parse('', { now });
    assert.equal(empty.name, null);
    assert.equal(empty.totalYearsExperience, null, 'no dated position: unknown, not 0');
    assert.deepEqual(empty.skills, []);
    const junk = parser.parse('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n\u0000\u0001\ufffd', { now });
    assert.deepEqual(junk.skills, []);
  });

  it('reads a terse resume: WORK heading, "Employer — Title" over a date line; unknown years stay null', () => {
    const text = [
      'J. Alvarez-Reyes, RN, BSN',
      'Oak Park, IL — jar@example.com — 708-555-0143',
      '',
      'RN w/ 5 yrs adult acute care. Charge RN.',
      '',
      'LICENSE/CERTS: IL RN (active) · BLS · ACLS',
      '',
      'WORK',
      'Rush Oak Park Hosp. — RN, 4 West (M/S-ortho), 36 beds',
      '10/2020–present',
      '— Post-op monitoring, wound vacs, med admin',
      '',
      'EDUCATION',
      'BSN — Rush University College of Nursing, 2020',
    ].join('\n');
    const r = parser.parse(text, { now });
    assert.equal(r.location, 'Oak Park, IL');
    assert.deepEqual(
      r.experience.map((e) => [e.title, e.company, e.start, e.current]),
      [['RN', 'Rush Oak Park Hosp.', '2020-10', true]],
    );
    assert.equal(r.totalYearsExperience, 4.8);
    const skills = r.skills.map((s) => s.name);
    assert.ok(skills.includes('Wound Care') && skills.includes('Medication Administration'), skills.join(', '));
    // a resume without any dated position: years unknown, not 0
    assert.equal(
      parser.parse('Jane Doe\nSkills: Python, SQL\nExperience\nBuilt data pipelines for a retailer.', { now }).totalYearsExperience,
      null,
    );
  });

  it('does not take the name line or an employer line as the location', () => {
    const r = parser.parse(
      'Laura Fischer, MS\nlaura@example.com\n\nExperience\nBiostatistician — Pennine Retail Ltd, Leeds, UK\n2019 – 2024',
      { now },
    );
    assert.equal(r.name, 'Laura Fischer');
    assert.equal(r.location, null);
    const employerOnly = parser.parse('Sam Lee\nsam@example.com\n\nExperience\nSoftware Engineer — Acme, Austin, TX\n2019 – 2024', { now });
    assert.equal(employerOnly.location, null, "an employer's city is not the candidate's");
  });

  it('is provided by Nest DI with the SkillsModule', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [SkillsModule], providers: [ResumeParser] }).compile();
    const p = moduleRef.get(ResumeParser);
    assert.equal(p.parse('Jane Doe\njane@x.com', { now }).email, 'jane@x.com');
    await moduleRef.close();
  });

  it('reaches the accuracy targets on the text corpus', () => {
    const corpus = buildResumeCorpus();
    assert.ok(corpus.length >= 24);
    let ok = 0;
    let fields = 0;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const f of corpus) {
      const r = parser.parse(f.text, { now: FIXTURE_NOW });
      const checks = [
        r.name?.toLowerCase() === f.truth.name.toLowerCase(),
        r.email === f.truth.email.toLowerCase(),
        r.phone === f.truth.phone,
        r.totalYearsExperience !== null && Math.abs(r.totalYearsExperience - f.truth.totalYearsExperience) <= 0.5,
        r.highestEducationLevel === f.truth.highestEducationLevel,
      ];
      ok += checks.filter(Boolean).length;
      fields += checks.length;
      const pred = new Set(r.skills.map((s) => s.name));
      const truth = new Set(f.truth.skills);
      for (const s of pred)
        if (truth.has(s)) tp++;
        else fp++;
      for (const s of truth) if (!pred.has(s)) fn++;
    }
    const p = tp / (tp + fp);
    const rc = tp / (tp + fn);
    assert.ok(ok / fields >= 0.9, `field accuracy ${ok / fields}`);
    assert.ok((2 * p * rc) / (p + rc) >= 0.85, `skill F1 ${(2 * p * rc) / (p + rc)}`);
  });
});
