import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { href, parseRoute, type Route } from './routes.js';

const ID = '5b3f6f0e-8a51-4a7e-9d0c-2f1f0b8e4a11';

describe('console routes', () => {
  it('round-trips every page through the hash', () => {
    const routes: Route[] = [
      { page: 'resumes' },
      { page: 'resume', id: ID },
      { page: 'jobs' },
      { page: 'new-job' },
      { page: 'edit-job', id: ID },
      { page: 'job', id: ID },
      { page: 'search' },
    ];
    for (const route of routes) assert.deepEqual(parseRoute(href(route)), route);
  });

  it('sends anything unknown, or an id that is not one, to the resumes page', () => {
    for (const hash of ['', '#', '#/', '#/nope', '#/resumes/not-a-uuid', `#/jobs/${ID}/copy`, '#/jobs/not-a-uuid/edit']) {
      assert.deepEqual(parseRoute(hash), { page: 'resumes' }, hash);
    }
  });
});
