import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rateLimitTracker } from './api-throttler.guard.js';

describe('rateLimitTracker', () => {
  it('counts by API key when the request has one, by client address otherwise', () => {
    assert.equal(rateLimitTracker({ auth: { organizationId: 'o', keyId: 'k1', scopes: [] }, ip: '10.0.0.1' }), 'key:k1');
    assert.equal(rateLimitTracker({ ip: '10.0.0.1' }), 'ip:10.0.0.1');
    assert.equal(rateLimitTracker({ ip: undefined }), 'ip:unknown');
  });
});
