import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SkillExtractor } from './skill-extractor.js';
import { tokenize } from './tokenize.js';
import { labelOf, sentenceRanges } from './requirement-cues.js';

const sx = SkillExtractor.shared();
const names = (text: string, section?: string) => sx.extract(text, section).map((m) => m.name);

describe('tokenize', () => {
  it('keeps the symbols of technology names', () => {
    const keys = tokenize('C++, C#, .NET, ASP.NET, Node.js and CI/CD; R&D').map((t) => t.key);
    assert.deepEqual(keys, ['c++', 'c#', '.net', 'asp.net', 'node.js', 'and', 'ci', 'cd', 'r', 'and', 'd']);
  });
});

describe('SkillExtractor.canonicalize', () => {
  it('maps aliases in any case to the canonical name', () => {
    assert.equal(sx.canonicalize('js'), 'JavaScript');
    assert.equal(sx.canonicalize('TS'), 'TypeScript');
    assert.equal(sx.canonicalize('k8s'), 'Kubernetes');
    assert.equal(sx.canonicalize('postgres'), 'PostgreSQL');
    assert.equal(sx.canonicalize('NodeJS'), 'Node.js');
    assert.equal(sx.canonicalize('node'), 'Node.js');
    assert.equal(sx.canonicalize('golang'), 'Go');
    assert.equal(sx.canonicalize('React.js'), 'React');
    assert.equal(sx.canonicalize('c#'), 'C#');
    assert.equal(sx.canonicalize('C++'), 'C++');
    assert.equal(sx.canonicalize('.net'), '.NET');
    assert.equal(sx.canonicalize('Amazon Web Services'), 'AWS');
    assert.equal(sx.canonicalize('search engine optimisation'), 'Search Engine Optimization');
    assert.equal(sx.canonicalize('definitely not a skill'), null);
  });
});

describe('SkillExtractor.impliedSkills', () => {
  it('gives the broader skills a product or framework implies, transitively, with where each came from', () => {
    const implied = sx.impliedSkills(['NestJS', 'Epic', 'Python']);
    assert.equal(implied.get('Node.js'), 'NestJS');
    assert.equal(implied.get('JavaScript'), 'NestJS', 'NestJS -> Node.js -> JavaScript');
    assert.equal(implied.get('Electronic Health Records'), 'Epic');
    assert.equal(implied.has('Python'), false, 'a skill the candidate has is not implied');
  });

  it('implies nothing upwards from a broad skill', () => {
    assert.equal(sx.impliedSkills(['Electronic Health Records', 'JavaScript']).size, 0);
    assert.equal(sx.impliedSkills([]).size, 0);
  });

  it('names only skills that exist in the dictionary', () => {
    for (const [broader, via] of sx.impliedSkills(['Tableau', 'Amazon EKS', 'Blue Yonder', 'Google Classroom'])) {
      assert.equal(sx.canonicalize(broader), broader);
      assert.equal(sx.canonicalize(via), via);
    }
  });
});

describe('SkillExtractor.extract', () => {
  it('finds symbol-heavy names with word boundaries', () => {
    const found = names('Built services in C++ and C# on .NET, a Node.js API, CI/CD with GitHub Actions.');
    for (const s of ['C++', 'C#', '.NET', 'Node.js', 'CI/CD', 'GitHub Actions']) assert.ok(found.includes(s), s);
    assert.ok(!found.includes('C'));
  });

  it('does not match inside other words', () => {
    assert.deepEqual(names('Javanese cuisine and reaction times'), []);
  });

  it('accepts ambiguous single letters only as items of a skills list', () => {
    assert.deepEqual(names('Languages: C, R, Python'), ['C', 'R', 'Python']);
    assert.ok(names('Programming: Go, Rust and Java').includes('Go'));
    assert.ok(!names('Reported to the C-level team about R&D plans and grade C results').some((n) => n === 'C' || n === 'R'));
    assert.ok(!names('We go to great lengths. Excel at customer empathy.').includes('Go'));
  });

  it('accepts common-word skills next to technical evidence', () => {
    assert.ok(names('Wrote microservices in Go on Kubernetes').includes('Go'));
    assert.ok(!names('I will go to the store in spring').includes('Go'));
    assert.ok(!names('In Spring 2019 we moved offices').includes('Spring'));
    assert.ok(names('Excel, Word, PowerPoint', 'skills').includes('Excel'));
  });

  it('treats everything in a skills section as list context', () => {
    const found = names('Go\nRust\nSwift', 'skills');
    assert.deepEqual(found, ['Go', 'Rust', 'Swift']);
  });

  it('ignores PDF structure tokens, URLs and e-mails', () => {
    const pdf =
      '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n5 0 obj << /Length 44 /Filter /FlateDecode >> stream\nendstream\n-- 1 of 2 --';
    assert.deepEqual(names(pdf, 'skills'), []);
    assert.deepEqual(names('see https://github.com/jane/react-go and jane.python@java.com'), []);
  });

  it('deduplicates and records matched text and sections', () => {
    const m = sx.extract('JS, JavaScript and javascript; TypeScript', 'skills');
    const js = m.find((x) => x.name === 'JavaScript')!;
    assert.deepEqual(js.matchedText, ['JS', 'JavaScript', 'javascript']);
    assert.deepEqual(js.sections, ['skills']);
    assert.equal(js.category, 'programming_language');
  });

  it('covers non-technical professions', () => {
    const found = names(
      'Provided patient care, wound care and IV therapy; documented in Epic and Cerner. Managed accounts payable, bank reconciliations and month-end close under GAAP. Lesson planning and classroom management. Forklift certified, inventory control.',
    );
    for (const s of [
      'Patient Care',
      'Wound Care',
      'IV Therapy',
      'Epic',
      'Cerner',
      'Accounts Payable',
      'Reconciliation',
      'Month-End Close',
      'GAAP',
      'Lesson Planning',
      'Classroom Management',
      'Forklift Operation',
      'Inventory Management',
    ])
      assert.ok(found.includes(s), s);
  });

  it('knows the wording recruiters use for the same skill', () => {
    assert.deepEqual(
      names('Ran the nominal ledger and month-end closedown for three entities.', 'experience').sort(),
      ['General Ledger', 'Month-End Close'].sort(),
    );
    assert.ok(names('Skills: closedown, VAT returns', 'skills').includes('Month-End Close'));
    assert.ok(!names('The plant closedown lasted two weeks.', 'experience').includes('Month-End Close'));
    assert.deepEqual(
      names('Post-op care: med admin, wound vacs, JP drains', 'experience')
        .filter((n) => n !== 'Surgery')
        .sort(),
      ['Medication Administration', 'Wound Care'].sort(),
    );
    assert.ok(names('Medication administration and NPWT dressing changes', 'experience').includes('Wound Care'));
    assert.equal(sx.canonicalize('nominal ledger'), 'General Ledger');
    assert.equal(sx.canonicalize('wound vac'), 'Wound Care');
  });

  // Speed is not asserted here (a loaded machine makes any bound flaky); this keeps a long text working.
  it('finds each skill of a long document once', () => {
    const para =
      'Led a team building React and Node.js services on AWS with Docker, Kubernetes and PostgreSQL; mentored engineers, improved CI/CD and reduced costs by 20%. ';
    const found = sx.extract(para.repeat(200)).map((skill) => skill.name); // ~5k words
    for (const skill of ['React', 'Node.js', 'Docker', 'Kubernetes', 'PostgreSQL']) assert.ok(found.includes(skill), skill);
    assert.equal(new Set(found).size, found.length);
  });
});

describe('SkillExtractor.extractJobSkills', () => {
  it('splits required and preferred by cues', () => {
    const r = sx.extractJobSkills({
      title: 'Senior Backend Engineer (Node.js)',
      description: 'You will build APIs on AWS.',
      requirements:
        'Must have: TypeScript, PostgreSQL\n5+ years with Docker\nNice to have:\n- Kubernetes\n- Go\nExperience with Kafka is a plus.',
    });
    // "Backend Engineer" is the role, not a Back-End Development requirement
    assert.deepEqual(r.required.sort(), ['Docker', 'Node.js', 'PostgreSQL', 'TypeScript'].sort());
    assert.deepEqual(r.preferred.sort(), ['AWS', 'Apache Kafka', 'Go', 'Kubernetes'].sort());
    assert.ok(r.mentions.some((m) => m.name === 'Node.js' && m.sections.includes('title')));
  });

  it('does not end a sentence at a dot inside a token ("Node.js")', () => {
    const r = sx.extractJobSkills({
      title: 'Backend Engineer',
      description: '',
      requirements: 'Strong TypeScript and Node.js (NestJS or Express)\nNice to have: Kubernetes, Redis',
    });
    assert.ok(r.required.includes('TypeScript'), `required: ${r.required.join(', ')}`);
    assert.ok(r.required.includes('Node.js'));
    assert.deepEqual(r.preferred.sort(), ['Kubernetes', 'Redis'].sort());
  });

  it('applies a label with its list on the same line to that line only', () => {
    const r = sx.extractJobSkills({
      title: 'Data Engineer',
      description: '',
      requirements: 'Nice to have: Kubernetes, Redis\nPython and SQL\nPreferred: Scala\nDocker',
    });
    assert.ok(
      ['Python', 'SQL', 'Docker'].every((s) => r.required.includes(s)),
      `required: ${r.required.join(', ')}`,
    );
    assert.deepEqual(r.preferred.sort(), ['Kubernetes', 'Redis', 'Scala'].sort());
  });

  it('applies a heading alone on its line to the following lines until the next heading', () => {
    const r = sx.extractJobSkills({
      title: 'Engineer',
      description: '',
      requirements: 'Requirements:\n- Python\nNice to have:\n- Kubernetes\n- Terraform\nMust have:\n- PostgreSQL',
    });
    assert.deepEqual(r.required.sort(), ['PostgreSQL', 'Python'].sort());
    assert.deepEqual(r.preferred.sort(), ['Kubernetes', 'Terraform'].sort());
    const colonless = sx.extractJobSkills({
      title: 'Engineer',
      description: '',
      requirements: 'Python\nPreferred qualifications\n- Kubernetes',
    });
    assert.deepEqual(colonless.preferred, ['Kubernetes']);
  });

  it('does not read a cue sentence without a period as a heading for later lines', () => {
    const r = sx.extractJobSkills({
      title: 'Engineer',
      description: '',
      requirements: 'Kafka experience is a plus\nDocker and PostgreSQL',
    });
    assert.deepEqual(r.preferred, ['Apache Kafka']);
    assert.ok(r.required.includes('Docker') && r.required.includes('PostgreSQL'), `required: ${r.required.join(', ')}`);
  });

  it('scopes a cue inside parentheses to the parentheses when they name a skill', () => {
    const r = sx.extractJobSkills({
      title: 'Nurse',
      description: '',
      requirements: 'Experience documenting in an EHR (Epic preferred)\nKubernetes (preferred)',
    });
    assert.ok(r.required.includes('Electronic Health Records'), `required: ${r.required.join(', ')}`);
    assert.ok(r.preferred.includes('Epic') && r.preferred.includes('Kubernetes'), `preferred: ${r.preferred.join(', ')}`);
  });

  it('defaults requirements to required', () => {
    const r = sx.extractJobSkills({ title: 'Accountant', description: '', requirements: 'QuickBooks, GAAP, Excel' });
    assert.deepEqual(r.required, ['QuickBooks', 'GAAP', 'Excel']);
    assert.deepEqual(r.preferred, []);
  });
});

describe('requirement cues', () => {
  it('splits sentences only at punctuation followed by a space or the end', () => {
    const text = 'Strong TypeScript and Node.js (NestJS). Kafka is a plus; Go 1.22 too';
    assert.deepEqual(
      sentenceRanges(text).map(([a, b]) => text.slice(a, b).trim()),
      ['Strong TypeScript and Node.js (NestJS).', 'Kafka is a plus;', 'Go 1.22 too'],
    );
  });

  it('tells standalone headings from labelled lines', () => {
    assert.deepEqual(labelOf('Nice to have:'), { labelLength: 13, labelMode: 'preferred', standalone: true });
    assert.equal(labelOf('Nice to have: Redis, Kafka').standalone, false);
    assert.equal(labelOf('Nice to have: Redis, Kafka').labelMode, 'preferred');
    assert.equal(labelOf('Preferred Qualifications').standalone, true);
    assert.equal(labelOf('Kafka experience a plus').standalone, false);
    assert.equal(labelOf('5+ years with Docker; stack: AWS').labelLength, 0);
  });
});

describe('SkillExtractor: ESCO skills, languages and roles', () => {
  const found = (text: string, section?: string) => sx.extract(text, section);

  it('gives every ESCO-backed skill its concept URI and type', () => {
    const [python] = found('Experience with Python.');
    assert.equal(python.name, 'Python');
    assert.match(python.escoUri ?? '', /^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f-]{36}$/);
    assert.equal(python.type, 'knowledge');
    assert.deepEqual(sx.describe('teamwork'), {
      name: 'Teamwork',
      escoUri: python.escoUri && sx.describe('work in teams').escoUri,
      type: 'transversal',
    });
  });

  it('matches surface variants of one transversal skill to one concept', () => {
    const uris = ['You are a team player.', 'You like to work in a team.', 'Teamwork matters here.', 'You work as part of a team.'].map(
      (t) => found(t).find((m) => m.type === 'transversal')?.escoUri,
    );
    assert.ok(uris[0]);
    assert.deepEqual(new Set(uris).size, 1, `one concept for every wording, got ${JSON.stringify(uris)}`);
  });

  it('reads languages with their CEFR level, and nationalities as no language', () => {
    const levels = (text: string) =>
      Object.fromEntries(
        found(text)
          .filter((m) => m.type === 'language')
          .map((m) => [m.name, m.level ?? null]),
      );
    assert.deepEqual(levels('Fluent English and German C1 required.'), { English: 'C1', German: 'C1' });
    assert.deepEqual(levels('Languages: Spanish (native), French - basic, Italian'), { Spanish: 'C2', French: 'A2', Italian: null });
    assert.deepEqual(levels('You speak Danish.'), { Danish: null });
    assert.deepEqual(levels('Experience with German engineering companies and French clients.'), {});
  });

  it('does not credit role titles or company descriptions as skills', () => {
    const names = (t: string) => found(t).map((m) => m.name);
    assert.ok(!names('Join us as a backend engineer.').includes('Back-End Development'));
    assert.ok(!names('We partner with POS software providers.').includes('Point of Sale'));
    assert.ok(!names('You report to the project manager.').includes('Project Management'));
    // the same skills are credited where they are skills
    assert.ok(names('Experience in backend development and POS systems.').includes('Back-End Development'));
    assert.ok(names('Experience in backend development and POS systems.').includes('Point of Sale'));
    assert.ok(names('Strong project management.').includes('Project Management'));
    // a named technology in a role title is still asked for
    assert.ok(names('Senior Java developer wanted.').includes('Java'));
  });

  it('needs a skills context for ESCO labels that are ordinary words, and a person for trait adjectives', () => {
    const names = (t: string) => found(t).map((m) => m.name);
    assert.ok(!names('You will lead the weekly meeting.').includes('Leadership'));
    assert.ok(names('You are proactive and structured.').includes('think proactively'));
    assert.ok(!names('We store structured data.').includes('work in an organised manner'));
  });
});
