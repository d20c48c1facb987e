import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testBackends } from '../helpers/backends.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

// Blind review (`blind=true`) on resume reads, rankings and searches; the resume list's `q`; the
// side-effect-free job preview. What the recruiter console relies on, through the API itself.

const DANA = `Dana Scully
Washington, DC | dana.scully@example.com | +1 202 555 0147 | linkedin.com/in/danascully | github.com/dscully

SUMMARY
Dana Scully is a backend engineer. Dana builds TypeScript and Node.js services on PostgreSQL.

EXPERIENCE
Senior Backend Engineer, Bureau Systems
2016 - Present
Node.js and TypeScript APIs on PostgreSQL; on-call for production databases.

EDUCATION
M.Sc. Computer Science, University of Maryland, 2015

SKILLS
TypeScript, Node.js, PostgreSQL, Docker`;

const FOX = `Fox Mulder
Chapel Hill, NC | fox.mulder@example.com | +1 919 555 0110

SUMMARY
Data analyst: Python, pandas and SQL reports.

EXPERIENCE
Data Analyst, Archive Research
2019 - Present
Python notebooks, SQL reporting.

SKILLS
Python, pandas, SQL`;

const JOB = {
  title: 'Senior Backend Engineer',
  description: 'Build our matching APIs in TypeScript on PostgreSQL.',
  requirements: 'Required: Node.js, TypeScript, PostgreSQL, 5+ years. Nice to have: Kubernetes.',
  location: 'Washington, DC',
};

/** Every place a resume response could name the person. */
function assertNoIdentity(body: unknown, who: string[]): void {
  const text = JSON.stringify(body);
  for (const word of who) assert.ok(!text.toLowerCase().includes(word.toLowerCase()), `"${word}" leaked: ${text.slice(0, 400)}`);
}

const DANA_IDENTITY = ['Dana', 'Scully', 'dana.scully@example.com', '555 0147', '2025550147', 'linkedin.com', 'github.com', 'dana.txt'];
const FOX_IDENTITY = ['Fox', 'Mulder', 'fox.mulder@example.com', '9195550110', 'fox.txt'];

for (const backend of testBackends()) {
  describe(`blind review, resume list search and job preview on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    let dana: string;
    let fox: string;
    let jobId: string;

    before(async () => {
      app = await startTestApp(await backend.setup());
      http = apiClient(app);
      dana = (await http.post('/api/v1/resumes').attach('file', Buffer.from(DANA), 'dana.txt').expect(201)).body.id;
      fox = (await http.post('/api/v1/resumes').attach('file', Buffer.from(FOX), 'fox.txt').expect(201)).body.id;
      jobId = (await http.post('/api/v1/jobs').send(JOB).expect(201)).body.id;
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    it('reads a resume without name, contact, links or file name under blind=true, and with them otherwise', async () => {
      const open = await http.get(`/api/v1/resumes/${dana}`).query({ include: 'text' }).expect(200);
      // The parser found them: otherwise the blind read below would prove nothing.
      assert.equal(open.body.parsed.name, 'Dana Scully');
      assert.equal(open.body.parsed.email, 'dana.scully@example.com');
      assert.ok(open.body.parsed.phone);
      assert.ok(open.body.parsed.links.linkedin && open.body.parsed.links.github);
      assert.equal(open.body.fileName, 'dana.txt');

      const blind = await http.get(`/api/v1/resumes/${dana}`).query({ include: 'text', blind: 'true' }).expect(200);
      assert.equal(blind.body.parsed.name, null);
      assert.equal(blind.body.parsed.email, null);
      assert.equal(blind.body.parsed.phone, null);
      assert.deepEqual(blind.body.parsed.links, { linkedin: null, github: null, web: [] });
      assert.equal(blind.body.fileName, null);
      assertNoIdentity(blind.body, DANA_IDENTITY);
      // The evidence stays: skills, experience, education, location, and the work in the text.
      assert.deepEqual(blind.body.skills, open.body.skills);
      assert.deepEqual(blind.body.parsed.experience, open.body.parsed.experience);
      assert.deepEqual(blind.body.parsed.education, open.body.parsed.education);
      assert.equal(blind.body.parsed.location, open.body.parsed.location);
      assert.match(blind.body.parsed.summary, /is a backend engineer/);
      assert.match(blind.body.text, /Node\.js and TypeScript APIs on PostgreSQL/);

      const explicit = await http.get(`/api/v1/resumes/${dana}`).query({ blind: 'false' }).expect(200);
      assert.equal(explicit.body.parsed.name, 'Dana Scully');
      const invalid = await http.get(`/api/v1/resumes/${dana}`).query({ blind: 'yes' }).expect(400);
      assert.equal(invalid.body.code, 'VALIDATION_FAILED');
    });

    it('lists resumes blind, and searches the list by skill, location, name or file name', async () => {
      const blind = await http.get('/api/v1/resumes').query({ blind: 'true' }).expect(200);
      assert.equal(blind.body.total, 2);
      assertNoIdentity(blind.body, [...DANA_IDENTITY, ...FOX_IDENTITY]);

      const ids = async (query: Record<string, string>) =>
        ((await http.get('/api/v1/resumes').query(query).expect(200)).body.items as Array<{ id: string }>).map((item) => item.id);
      assert.deepEqual(await ids({ q: 'pandas' }), [fox], 'a skill');
      assert.deepEqual(await ids({ q: 'washington' }), [dana], 'part of the location, any case');
      assert.deepEqual(await ids({ q: 'scully' }), [dana], 'the name');
      assert.deepEqual(await ids({ q: 'FOX.TXT' }), [fox], 'the file name');
      assert.deepEqual(await ids({ q: 'example.com' }), [fox, dana], 'e-mails, newest first');
      assert.deepEqual(await ids({ q: '%' }), [], 'LIKE wildcards are literal');
      // Blind: the name no longer finds anyone (that would tell who is who); skills still do.
      assert.deepEqual(await ids({ q: 'scully', blind: 'true' }), []);
      assert.deepEqual(await ids({ q: 'typescript', blind: 'true' }), [dana]);
      const page = await http.get('/api/v1/resumes').query({ q: 'example.com', limit: 1, offset: 1 }).expect(200);
      assert.deepEqual({ total: page.body.total, ids: page.body.items.map((item: { id: string }) => item.id) }, { total: 2, ids: [dana] });
    });

    it('ranks candidates with the evidence of every part, and blind=true drops the names but not one score', async () => {
      const open = await http.get(`/api/v1/jobs/${jobId}/candidates`).expect(200);
      assert.equal(open.body.total, 2);
      const danaMatch = open.body.items.find((item: { id: string }) => item.id === dana);
      assert.equal(danaMatch.label, 'Dana Scully');
      for (const skill of ['Node.js', 'PostgreSQL', 'TypeScript'])
        assert.ok(danaMatch.parts.skills.required.matched.includes(skill), skill);
      assert.deepEqual(danaMatch.parts.skills.preferred.missing, ['Kubernetes']);
      assert.equal(danaMatch.parts.other.experience.requiredYears, 5);
      assert.ok(danaMatch.parts.other.experience.candidateYears >= 5);
      assert.equal(danaMatch.parts.other.education.candidateLevel, 'master');
      assert.equal(danaMatch.parts.other.location.jobLocation, 'Washington, DC');
      assert.ok(Array.isArray(danaMatch.parts.skills.implied) && Array.isArray(danaMatch.parts.skills.unbacked));
      assert.equal(Math.round(danaMatch.weights.semantic * 10), 6);

      const blind = await http.get(`/api/v1/jobs/${jobId}/candidates`).query({ blind: 'true' }).expect(200);
      assertNoIdentity(blind.body, [...DANA_IDENTITY, ...FOX_IDENTITY]);
      assert.deepEqual(
        blind.body.items.map((item: { label: string | null }) => item.label),
        [null, null],
      );
      // Same candidates, same order, same scores: blind review changes what is shown, never the ranking.
      const withoutLabel = (items: Array<{ label: unknown }>) => items.map((item) => ({ ...item, label: undefined }));
      assert.deepEqual(withoutLabel(blind.body.items), withoutLabel(open.body.items));
      // Jobs carry no personal data: the flag is accepted there and changes nothing.
      const jobs = await http.get(`/api/v1/resumes/${dana}/jobs`).query({ blind: 'true' }).expect(200);
      assert.equal(jobs.body.items[0].label, JOB.title);
    });

    it('leaves names out of resume searches and "more like this" under blind=true, but not job titles', async () => {
      for (const mode of ['vector', 'keyword', 'hybrid']) {
        const open = await http
          .post('/api/v1/matching/similarity-search')
          .send({ query: 'TypeScript PostgreSQL backend engineer', target: 'resumes', mode })
          .expect(200);
        assert.ok(
          open.body.results.some((hit: { label: string }) => hit.label === 'Dana Scully'),
          mode,
        );
        const blind = await http
          .post('/api/v1/matching/similarity-search')
          .send({ query: 'TypeScript PostgreSQL backend engineer', target: 'resumes', mode, blind: true })
          .expect(200);
        assert.deepEqual(
          blind.body.results.map((hit: { id: string }) => hit.id),
          open.body.results.map((hit: { id: string }) => hit.id),
          mode,
        );
        assertNoIdentity(blind.body, [...DANA_IDENTITY, ...FOX_IDENTITY]);
      }
      const similar = await http.post(`/api/v1/resumes/${fox}/similar`).send({ blind: true }).expect(200);
      assert.deepEqual(
        similar.body.results.map((hit: { id: string; label: string | null }) => [hit.id, hit.label]),
        [[dana, null]],
      );
      const jobs = await http
        .post('/api/v1/matching/similarity-search')
        .send({ query: 'backend engineer', target: 'jobs', mode: 'keyword', blind: true })
        .expect(200);
      assert.equal(jobs.body.results[0].label, JOB.title);
    });

    it('previews the skills a job would be matched on without storing or embedding it', async () => {
      const before = (await http.get('/api/v1/jobs').expect(200)).body.total;
      const preview = await http
        .post('/api/v1/jobs/preview')
        .send({ ...JOB, title: 'Platform Engineer', preferredSkills: ['Terraform'] })
        .expect(200);
      const sorted = (list: string[]) => [...list].sort();
      assert.deepEqual(sorted(preview.body.parsed.requiredSkills), ['Node.js', 'PostgreSQL', 'TypeScript']);
      assert.deepEqual(sorted(preview.body.parsed.preferredSkills), ['Kubernetes', 'Terraform']);
      assert.equal(preview.body.minYearsExperience, 5);
      assert.deepEqual(sorted(preview.body.skills), ['Kubernetes', 'Node.js', 'PostgreSQL', 'Terraform', 'TypeScript']);
      // The job stored from the same body gets exactly what the preview showed.
      const stored = await http
        .post('/api/v1/jobs')
        .send({ ...JOB, title: 'Platform Engineer', preferredSkills: ['Terraform'] })
        .expect(201);
      assert.deepEqual(stored.body.parsed, preview.body.parsed);
      assert.equal(stored.body.minYearsExperience, preview.body.minYearsExperience);
      assert.equal((await http.get('/api/v1/jobs').expect(200)).body.total, before + 1, 'only the POST /jobs stored a job');
      const invalid = await http.post('/api/v1/jobs/preview').send({ title: 'x', description: 'short' }).expect(400);
      assert.equal(invalid.body.code, 'VALIDATION_FAILED');
    });
  });
}
