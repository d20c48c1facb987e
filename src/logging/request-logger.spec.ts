import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestLogLevel } from './request-logger.js';

describe('requestLogLevel', () => {
  it('logs successes as info, client errors as warnings and server errors as errors', () => {
    assert.equal(requestLogLevel(200), 'info');
    assert.equal(requestLogLevel(304), 'info');
    assert.equal(requestLogLevel(400), 'warn');
    assert.equal(requestLogLevel(429), 'warn');
    assert.equal(requestLogLevel(500), 'error');
    assert.equal(requestLogLevel(503), 'error');
  });

  it('logs a response that failed to complete as an error whatever its status', () => {
    assert.equal(requestLogLevel(200, new Error('socket hang up')), 'error');
  });
});
