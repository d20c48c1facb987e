import type { INestApplication } from '@nestjs/common';
import axe from 'axe-core';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import request from 'supertest';
import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { DEFAULT_ORGANIZATION_ID } from '../../src/common/organization.js';
import { CONSOLE_DIR } from '../../src/console/console-assets.js';
import { imageOnlyPdf } from '../fixtures/resumes/hostile.js';
import { renderPdf } from '../helpers/resume-documents.js';
import { ApiClient, apiClient, startTestApp, testAdminKey } from '../helpers/test-app.js';

// The recruiter console (web/) against the real app on embedded PGlite: first what the API serves at /,
// then a real browser (Debian's chromium through playwright-core) walking a recruiter's path: sign in,
// drop three resumes (one a scanned PDF) through the bulk endpoint, drop one again (already stored), post a
// job, edit it in place, read the ranked candidates and their evidence, blind review, search, erase a person;
// and, on a server with lower bulk limits, uploads cut to them. Screenshots go to dist/screenshots/ (docs/console.png is one).

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** Without Chromium the browser tests skip, saying why (CI installs it). */
const BROWSER_SKIP = existsSync(CHROMIUM)
  ? false
  : `Chromium not found at ${CHROMIUM}: the console's browser tests are skipped (apt-get install -y chromium, or set CHROMIUM_PATH)`;
const SCREENSHOTS = resolve(import.meta.dirname, '..', '..', 'screenshots');

const DANA = [
  'Dana Scully',
  'Washington, DC | dana.scully@example.com | +1 202 555 0147',
  'SUMMARY',
  'Backend engineer building TypeScript and Node.js services on PostgreSQL.',
  'EXPERIENCE',
  'Senior Backend Engineer, Bureau Systems',
  '2016 - Present',
  'Node.js and TypeScript APIs on PostgreSQL; on-call for production databases.',
  'EDUCATION',
  'M.Sc. Computer Science, University of Maryland, 2015',
  'SKILLS',
  'TypeScript, Node.js, PostgreSQL, Docker',
];
const FOX = `Fox Mulder
Chapel Hill, NC | fox.mulder@example.com | +1 919 555 0110
SUMMARY
Data analyst: Python, pandas and SQL reports.
EXPERIENCE
Data Analyst, Archive Research
2019 - Present
Python notebooks and SQL reporting.
SKILLS
Python, pandas, SQL`;

// Code run in the page is typed by the tests' tsconfig, which has Node's types (File, atob) but not the
// DOM's: DataTransfer is declared here, and the rest is evaluated from strings.
declare const DataTransfer: new () => { items: { add(file: unknown): void } };

interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Signs in with a key that may read resumes: the resumes page opens. */
async function signIn(page: Page, key: string): Promise<void> {
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Resumes', level: 1 }).waitFor();
}

/** Drops files on a drop zone the way a browser does: a `drop` event whose DataTransfer holds them. */
async function dropFiles(page: Page, target: Locator, files: UploadFile[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    (list) => {
      const transfer = new DataTransfer();
      for (const file of list) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: file.mimeType }));
      }
      return transfer;
    },
    files.map((file) => ({ name: file.name, mimeType: file.mimeType, base64: file.buffer.toString('base64') })),
  );
  await target.dispatchEvent('drop', { dataTransfer });
}

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** axe-core's WCAG checks on the page as it is: no serious or critical violation (contrast, labels, names, roles). */
async function assertAccessible(page: Page, where: string): Promise<void> {
  // page.evaluate runs outside the page's CSP, which rightly refuses injected scripts.
  await page.evaluate(axe.source);
  const violations = await page.evaluate<AxeViolation[]>(
    `axe.run(document, { resultTypes: ['violations'] }).then((results) => results.violations)`,
  );
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  assert.deepEqual(
    serious.map((violation) => `${violation.id} (${violation.help}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
    [],
    `accessibility of ${where}`,
  );
}

/** Nothing wider than the window at a laptop's size (no sideways scrolling). */
async function assertFitsWidth(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
    '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
  );
  assert.ok(scrollWidth <= innerWidth, `${where}: ${scrollWidth}px wide in a ${innerWidth}px window`);
}

let app: INestApplication;
let http: ApiClient;
let origin: string;

before(async () => {
  assert.ok(
    existsSync(join(CONSOLE_DIR, 'index.html')),
    `the console is not built (${CONSOLE_DIR}): npm test builds it (npm run build:web)`,
  );
  app = await startTestApp({ databaseUrl: null, pgliteDataDir: 'memory://', redisUrl: null });
  await app.listen(0, '127.0.0.1');
  origin = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  http = apiClient(app);
});

after(async () => {
  await app?.close();
});

describe('the console as the API serves it', () => {
  it('serves the page at / under the API security headers, revalidated, and its hashed assets cached for a year', async () => {
    const page = await request(origin).get('/').expect(200);
    assert.match(page.headers['content-type'], /^text\/html/);
    assert.equal(page.headers['cache-control'], 'no-cache');
    const csp = page.headers['content-security-policy'];
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(page.text, /<script>|<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script (the CSP would block it)');
    assert.doesNotMatch(page.text, /https?:\/\//, 'nothing fetched from elsewhere');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    assert.ok(script, 'the page loads its bundle from /assets');
    const asset = await request(origin).get(script).expect(200);
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(asset.headers['content-type'], /javascript/);
  });

  it('leaves every API path to the API: keys still required, docs, health and metrics as before, 404s in the API shape', async () => {
    const unauthenticated = await request(origin).get('/api/v1/resumes').expect(401);
    assert.equal(unauthenticated.body.code, 'UNAUTHENTICATED');
    await request(origin).get('/api/docs').expect(200);
    await request(origin).get('/health/live').expect(200);
    await request(origin).get('/metrics').expect(200);
    const missing = await request(origin).get('/no-such-page').expect(404);
    assert.equal(missing.body.code, 'NOT_FOUND');
  });
});

describe('the recruiter console in a real browser', { skip: BROWSER_SKIP }, () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Requests the console made to anywhere but the app itself (it must work offline). */
  const elsewhere: string[] = [];
  const ids: { dana?: string; fox?: string } = {};
  let danaPdf: Buffer;

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const main = () => page.locator('main');
  const announcement = () => page.locator('.announcement');

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin)) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });
    page = await context.newPage();
    // The machine is shared: waits are generous (nothing here measures speed).
    page.setDefaultTimeout(60_000);
  });

  after(async () => {
    await browser?.close();
  });

  it('says when a key is wrong, and when it lacks a scope', async () => {
    await page.goto(`${origin}/`);
    await assertAccessible(page, 'the sign-in page');
    await page.getByLabel('API key').fill('hm_live_not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('This API key is not valid').waitFor();
    await shot('sign-in-wrong-key');

    const { key: jobsOnly } = await app
      .get(ApiKeysService)
      .create(DEFAULT_ORGANIZATION_ID, { name: 'console jobs reader', scopes: ['jobs:read'] });
    await page.getByLabel('API key').fill(jobsOnly);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await announcement().getByText('it lacks the scope resumes:read').waitFor();
    await main().getByRole('alert').getByText('lacks the scope resumes:read').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    assert.equal(await page.evaluate('sessionStorage.getItem("hirematch.apiKey")'), null, 'signing out forgets the key');
  });

  it('signs in with the admin key, kept in session storage only', async () => {
    await signIn(page, testAdminKey(app));
    assert.equal(await page.evaluate('sessionStorage.getItem("hirematch.apiKey")'), testAdminKey(app));
    assert.equal(await page.evaluate('localStorage.length'), 0, 'nothing kept beyond the tab');
    await page.reload();
    await page.getByRole('heading', { name: 'Resumes', level: 1 }).waitFor();
    await assertAccessible(page, 'the resumes page');
  });

  it('uploads three dropped resumes in one bulk request with progress from its ingest job, and says in words why the scanned one was refused', async () => {
    danaPdf = await renderPdf(DANA);
    const streams: Array<{ status: number; type: string | undefined }> = [];
    const onResponse = (response: { url(): string; status(): number; headers(): Record<string, string> }) => {
      if (response.url().endsWith('/events')) streams.push({ status: response.status(), type: response.headers()['content-type'] });
    };
    page.on('response', onResponse);
    const bulk = page.waitForResponse((response) => response.url().endsWith('/api/v1/resumes/bulk'));
    await dropFiles(page, page.getByText('Drop resumes here'), [
      { name: 'dana-scully.pdf', mimeType: 'application/pdf', buffer: danaPdf },
      { name: 'fox-mulder.txt', mimeType: 'text/plain', buffer: Buffer.from(FOX) },
      { name: 'scanned.pdf', mimeType: 'application/pdf', buffer: await imageOnlyPdf() },
    ]);
    const accepted = await bulk;
    assert.equal(accepted.status(), 202, 'one bulk request, answered with an ingest job');
    const ingestJob = (await accepted.json()) as { id: string; total: number; status: string };
    assert.equal(ingestJob.total, 3);
    await page.getByText('Done: 2 of 3 stored, 1 refused').waitFor();
    page.off('response', onResponse);
    if (ingestJob.status !== 'completed') {
      // Not yet done when accepted: the console followed the job's progress stream (read with fetch, with the key).
      assert.ok(streams.length > 0, 'the progress stream was read');
      assert.deepEqual(streams[0], { status: 200, type: 'text/event-stream; charset=utf-8' });
    }
    const followed = (await http.get(`/api/v1/ingest-jobs/${ingestJob.id}`).expect(200)).body as { status: string; failed: number };
    assert.deepEqual([followed.status, followed.failed], ['completed', 1], 'the console showed what the ingest job says');
    const files = page.getByRole('list', { name: 'Files' }).getByRole('listitem');
    assert.equal(await files.count(), 3);
    assert.equal(await page.getByRole('progressbar').count(), 4, 'one bar per file and one overall');
    const scanned = files.filter({ hasText: 'scanned.pdf' });
    await scanned.getByText('Refused').waitFor();
    await scanned.getByRole('alert').getByText('This PDF is a scanned image: it has no text layer to read.').waitFor();
    for (const name of ['dana-scully.pdf', 'fox-mulder.txt']) await files.filter({ hasText: name }).getByText('Stored').waitFor();
    await announcement().getByText('Upload finished: 2 stored, 1 refused.').waitFor();
    // The list below shows who was parsed out of them.
    await main().getByRole('link', { name: 'Dana Scully' }).waitFor();
    await main().getByRole('link', { name: 'Fox Mulder' }).waitFor();
    await shot('resumes-uploaded');
    await assertAccessible(page, 'the resumes page after an upload');
    const stored = (await http.get('/api/v1/resumes').expect(200)).body.items as Array<{ id: string; parsed: { name: string } }>;
    ids.dana = stored.find((resume) => resume.parsed.name === 'Dana Scully')?.id;
    ids.fox = stored.find((resume) => resume.parsed.name === 'Fox Mulder')?.id;
    assert.ok(ids.dana && ids.fox && stored.length === 2, 'the refused file stored nothing');

    await page.getByLabel('Find resumes').fill('pandas');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await main().getByText('1 resume matching “pandas”.').waitFor();
    assert.equal(await main().getByRole('link', { name: 'Dana Scully' }).count(), 0);
  });

  it('says a file dropped again is already stored, counted apart from stored and refused, and stores nothing new', async () => {
    await dropFiles(page, page.getByText('Drop resumes here'), [{ name: 'dana-again.pdf', mimeType: 'application/pdf', buffer: danaPdf }]);
    await page.getByText('Done: 0 of 1 stored, 1 already stored').waitFor();
    const file = page.getByRole('list', { name: 'Files' }).getByRole('listitem').filter({ hasText: 'dana-again.pdf' });
    await file.getByText('Already stored: same file').waitFor();
    assert.equal(
      await file.getByRole('link', { name: 'Open' }).getAttribute('href'),
      `#/resumes/${ids.dana}`,
      'it links the resume that holds it',
    );
    await announcement().getByText('Upload finished: 0 stored, 1 already stored.').waitFor();
    await shot('resumes-duplicate');
    assert.equal((await http.get('/api/v1/resumes').expect(200)).body.total, 2, 'no new resume');
  });

  it('shows the parsed fields and skills of a resume, and finds more like it', async () => {
    await page.goto(`${origin}/#/resumes/${ids.dana}`);
    await page.getByRole('heading', { name: 'Dana Scully', level: 1 }).waitFor();
    await main().getByText('dana.scully@example.com').waitFor();
    const skills = page.getByRole('region', { name: /^Skills/ });
    for (const skill of ['TypeScript', 'Node.js', 'PostgreSQL']) await skills.getByRole('cell', { name: skill, exact: true }).waitFor();
    await page.getByRole('region', { name: 'Experience' }).getByText('Senior Backend Engineer').waitFor();
    await page.getByRole('button', { name: 'Find similar resumes' }).click();
    await page.getByRole('region', { name: 'More like this' }).getByRole('link', { name: 'Fox Mulder' }).waitFor();
    await shot('resume-detail');
    await assertAccessible(page, 'a resume');
  });

  it('previews a job’s required and preferred skills before saving, then ranks candidates with their evidence', async () => {
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await page.getByRole('link', { name: 'New job' }).click();
    await page.getByLabel('Title').fill('Senior Backend Engineer');
    await page.getByLabel('Description').fill('Build our matching APIs in TypeScript on PostgreSQL.');
    await page.getByLabel('Requirements').fill('Required: Node.js, TypeScript, PostgreSQL, 5+ years. Nice to have: Kubernetes.');
    await page.getByLabel('Location').fill('Washington, DC');
    const preview = page.getByRole('region', { name: 'What the job will be matched on' });
    const required = preview.getByRole('list').first();
    for (const skill of ['Node.js', 'TypeScript', 'PostgreSQL']) await required.getByText(skill, { exact: true }).waitFor();
    await preview.getByRole('list').nth(1).getByText('Kubernetes', { exact: true }).waitFor();
    await preview.getByText('5 years').waitFor();
    assert.equal((await http.get('/api/v1/jobs').expect(200)).body.total, 0, 'the preview stored nothing');
    await shot('job-preview');
    await assertAccessible(page, 'the job editor');

    await page.getByRole('button', { name: 'Save and rank candidates' }).click();
    await page.getByRole('heading', { name: 'Senior Backend Engineer', level: 1 }).waitFor();
    await main().getByText('2 candidates, best first.').waitFor();
    const dana = page.locator('li.candidate').filter({ has: page.getByRole('link', { name: 'Dana Scully' }) });
    const fox = page.locator('li.candidate').filter({ has: page.getByRole('link', { name: 'Fox Mulder' }) });
    for (const part of ['Semantic', 'Skills', 'Other'])
      await dana.locator('.score-bar').filter({ hasText: part }).getByText(/\d+%/).waitFor();
    const danaMatched = dana.getByRole('heading', { name: 'Matched skills' }).locator('xpath=following-sibling::ul[1]');
    for (const skill of ['Node.js', 'TypeScript', 'PostgreSQL']) await danaMatched.getByText(skill, { exact: true }).waitFor();
    const foxMissing = fox.getByRole('heading', { name: 'Missing required skills' }).locator('xpath=following-sibling::ul[1]');
    for (const skill of ['Node.js', 'TypeScript', 'PostgreSQL']) await foxMissing.getByText(skill, { exact: true }).waitFor();
    await dana.getByText(/years of 5 years asked — meets it/).waitFor();
    await dana.getByText('master — no requirement').waitFor();
    await dana.getByText('(job: Washington, DC)', { exact: false }).waitFor();

    await dana.getByRole('button', { name: 'Explain this match' }).click();
    await dana.getByText('Written by HireMatch’s rules.').waitFor();
    await shot('candidates');
    await assertAccessible(page, 'the ranked candidates');

    // Filters: only candidates with Python (Fox), then a minimum score nobody reaches.
    await page.getByLabel('Must have skills').fill('Python');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await main().getByText('1 candidate, best first.').waitFor();
    assert.equal(await page.locator('li.candidate').count(), 1);
    await fox.waitFor();
    await page.getByLabel('Must have skills').fill('');
    await page.getByLabel('Minimum score (%)').fill('100');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await main().getByText('No candidate passes these filters.').waitFor();
    await page.getByLabel('Minimum score (%)').fill('');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await main().getByText('2 candidates, best first.').waitFor();
  });

  it('edits the job in place (PATCH), prefilled, and ranks the candidates again on the changed requirements', async () => {
    const jobId = /#\/jobs\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    assert.ok(jobId, page.url());
    await page.getByRole('link', { name: 'Edit job' }).click();
    await page.getByRole('heading', { name: 'Edit job', level: 1 }).waitFor();
    assert.equal(
      await main()
        .getByText(/\bcopy\b/i)
        .count(),
      0,
      'no word of copies any more',
    );
    // Filled in once the job has loaded (a string predicate would be eval'd: the CSP forbids it).
    await page.locator('#job-title:not(:placeholder-shown)').waitFor();
    assert.equal(await page.getByLabel('Title').inputValue(), 'Senior Backend Engineer');
    assert.match(await page.getByLabel('Requirements').inputValue(), /Nice to have: Kubernetes/);
    await page.getByLabel('Title').fill('Staff Backend Engineer');
    await page.getByLabel('Requirements').fill('Required: Node.js, TypeScript, PostgreSQL, Python, 5+ years. Nice to have: Kubernetes.');
    const preview = page.getByRole('region', { name: 'What the job will be matched on' });
    await preview.getByRole('list').first().getByText('Python', { exact: true }).waitFor();
    await assertAccessible(page, 'the job editor, editing');
    const patched = page.waitForResponse((response) => response.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Save and rank candidates' }).click();
    const answer = await patched;
    assert.equal(answer.url(), `${origin}/api/v1/jobs/${jobId}`);
    assert.equal(answer.status(), 200);
    await page.getByRole('heading', { name: 'Staff Backend Engineer', level: 1 }).waitFor();
    assert.equal(page.url(), `${origin}/#/jobs/${jobId}`, 'the same job');
    await main().getByText('2 candidates, best first.').waitFor();
    // The evidence follows the new requirements: Python is now required, which Fox has and Dana lacks.
    const dana = page.locator('li.candidate').filter({ has: page.getByRole('link', { name: 'Dana Scully' }) });
    const fox = page.locator('li.candidate').filter({ has: page.getByRole('link', { name: 'Fox Mulder' }) });
    await dana
      .getByRole('heading', { name: 'Missing required skills' })
      .locator('xpath=following-sibling::ul[1]')
      .getByText('Python', { exact: true })
      .waitFor();
    await fox
      .getByRole('heading', { name: 'Matched skills' })
      .locator('xpath=following-sibling::ul[1]')
      .getByText('Python', { exact: true })
      .waitFor();
    const jobs = (await http.get('/api/v1/jobs').expect(200)).body.items as Array<{ id: string; title: string; requirements: string }>;
    assert.deepEqual(
      jobs.map((job) => [job.id, job.title]),
      [[jobId, 'Staff Backend Engineer']],
      'edited, not copied',
    );
    assert.match(jobs[0].requirements, /Python/);
  });

  it('hides names, contact details and file names everywhere under blind review, and asks the API to redact them', async () => {
    const blindRanking = page.waitForResponse(
      (response) => response.url().includes('/candidates?') && response.url().includes('blind=true'),
    );
    await page.getByRole('switch', { name: 'Blind review' }).check();
    const ranking = (await (await blindRanking).json()) as { items: Array<{ label: string | null }> };
    assert.deepEqual(
      ranking.items.map((item) => item.label),
      [null, null],
      'the API itself left the names out',
    );
    await main()
      .getByRole('link', { name: `Candidate ${ids.dana!.slice(0, 8)}` })
      .waitFor();
    await main()
      .getByRole('link', { name: `Candidate ${ids.fox!.slice(0, 8)}` })
      .waitFor();
    const visible = async () => `${await page.title()}\n${await page.locator('body').innerText()}`;
    for (const secret of ['Dana', 'Scully', 'Fox', 'Mulder']) assert.ok(!(await visible()).includes(secret), `${secret} on the ranking`);
    await shot('candidates-blind');

    await page.getByRole('link', { name: 'Resumes', exact: true }).click();
    await main().getByText('2 resumes.').waitFor();
    await main()
      .getByRole('link', { name: `Candidate ${ids.dana!.slice(0, 8)}` })
      .click();
    await main().getByText('Hidden for blind review').waitFor();
    for (const secret of ['Dana', 'Scully', 'dana.scully@example.com', '202 555', 'dana-scully.pdf']) {
      assert.ok(!(await visible()).includes(secret), `${secret} on the resume`);
    }
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByLabel('Search for').fill('TypeScript PostgreSQL backend engineer');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await main()
      .getByRole('link', { name: `Candidate ${ids.dana!.slice(0, 8)}` })
      .waitFor();
    for (const secret of ['Dana', 'Scully', 'Fox', 'Mulder']) assert.ok(!(await visible()).includes(secret), `${secret} in the search`);
    await assertAccessible(page, 'the search page under blind review');

    await page.getByRole('switch', { name: 'Blind review' }).uncheck();
    await page.getByRole('link', { name: 'Resumes', exact: true }).click();
    await main().getByRole('link', { name: 'Dana Scully' }).waitFor();
  });

  it('searches in each of the three modes', async () => {
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByLabel('Search for').fill('pandas SQL reports');
    for (const mode of ['Words', 'Meaning', 'Hybrid']) {
      const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/matching/similarity-search'));
      await page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const body = (await (await answered).json()) as { mode: string; results: Array<{ id: string }> };
      assert.equal(body.mode, { Words: 'keyword', Meaning: 'vector', Hybrid: 'hybrid' }[mode]);
      await main().getByRole('link', { name: 'Fox Mulder' }).waitFor();
    }
    await shot('search');
  });

  it('erases a person after a confirmation that the keyboard can cancel and confirm', async () => {
    await page.goto(`${origin}/#/resumes/${ids.dana}`);
    await page.getByRole('heading', { name: 'Dana Scully', level: 1 }).waitFor();
    const erase = page.getByRole('button', { name: 'Erase this person' });
    await erase.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Erase Dana Scully?' });
    await dialog.getByText('dana.scully@example.com').waitFor();
    await shot('erase-confirmation');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await http.get(`/api/v1/resumes/${ids.dana}`).expect(200);

    await erase.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Erase for good' }).focus();
    await page.keyboard.press('Enter');
    await announcement().getByText('Erased Dana Scully: 1 resume deleted.').waitFor();
    await page.getByRole('heading', { name: 'Resumes', level: 1 }).waitFor();
    await main().getByText('1 resume.').waitFor();
    assert.equal(await main().getByRole('link', { name: 'Dana Scully' }).count(), 0);
    await http.get(`/api/v1/resumes/${ids.dana}`).expect(404);
    await http.get(`/api/v1/resumes/${ids.fox}`).expect(200);
  });

  it('fits a laptop screen, and never fetched anything from another origin', async () => {
    for (const viewport of [
      { width: 1280, height: 720 },
      { width: 1024, height: 768 },
    ]) {
      await page.setViewportSize(viewport);
      for (const hash of ['#/resumes', `#/resumes/${ids.fox}`, '#/jobs', '#/jobs/new', '#/search']) {
        await page.goto(`${origin}/${hash}`);
        await page.locator('main h1').waitFor();
        await assertFitsWidth(page, `${hash} at ${viewport.width}px`);
      }
    }
    assert.deepEqual(elsewhere, []);
  });
});

describe('the console under lower bulk limits than its own batch sizes', { skip: BROWSER_SKIP }, () => {
  let limited: INestApplication;
  let browser: Browser;
  let limitedOrigin: string;

  before(async () => {
    // An operator's lower limit: two files per request (the console's own batches hold 50).
    limited = await startTestApp({ databaseUrl: null, pgliteDataDir: 'memory://', redisUrl: null, ingestMaxFiles: 2 });
    await limited.listen(0, '127.0.0.1');
    limitedOrigin = `http://127.0.0.1:${(limited.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  });

  after(async () => {
    await browser?.close();
    await limited?.close();
  });

  it("reads the server's limits and cuts five dropped resumes into requests it accepts", async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    const batches: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/api/v1/resumes/bulk')) batches.push(response.status());
    });
    await page.goto(`${limitedOrigin}/`);
    await signIn(page, testAdminKey(limited));
    const people = ['Ada Byron', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'];
    await dropFiles(
      page,
      page.getByText('Drop resumes here'),
      people.map((name, i) => ({
        name: `person-${i}.txt`,
        mimeType: 'text/plain',
        buffer: Buffer.from(`${name}\n${name.split(' ')[0].toLowerCase()}@example.com\nSKILLS\nTypeScript, SQL`),
      })),
    );
    await page.getByText('Done: 5 of 5 stored').waitFor();
    assert.deepEqual(batches, [202, 202, 202], 'three requests of at most two files, none refused');
    const stored = (await apiClient(limited).get('/api/v1/resumes').expect(200)).body as { total: number };
    assert.equal(stored.total, 5);
  });
});
