import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API_KEY_PREFIX, generateApiKey, hashApiKey, looksLikeApiKey, presentedApiKey } from './api-key-format.js';
import { missingScopes } from './scopes.js';

describe('API key format', () => {
  it('makes prefixed keys of 32 random bytes, stored only as their sha256', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    assert.ok(a.key.startsWith(API_KEY_PREFIX));
    assert.equal(Buffer.from(a.key.slice(API_KEY_PREFIX.length), 'base64url').length, 32);
    assert.notEqual(a.key, b.key);
    assert.equal(a.hash, hashApiKey(a.key));
    assert.match(a.hash, /^[0-9a-f]{64}$/);
    assert.ok(!a.hash.includes(a.key.slice(API_KEY_PREFIX.length)));
    assert.ok(a.key.startsWith(a.displayPrefix) && a.displayPrefix.length < 16);
    assert.ok(looksLikeApiKey(a.key));
    assert.ok(!looksLikeApiKey('hm_live_short'));
    assert.ok(!looksLikeApiKey('Bearer ' + a.key));
  });

  it('reads the key from Authorization: Bearer or X-API-Key', () => {
    assert.equal(presentedApiKey({ authorization: 'Bearer hm_live_abc' }), 'hm_live_abc');
    assert.equal(presentedApiKey({ authorization: 'bearer   hm_live_abc ' }), 'hm_live_abc');
    assert.equal(presentedApiKey({ 'x-api-key': ' hm_live_xyz ' }), 'hm_live_xyz');
    assert.equal(presentedApiKey({ authorization: 'Basic dXNlcjpwYXNz' }), null);
    assert.equal(presentedApiKey({}), null);
  });

  it('lists the scopes a key lacks', () => {
    assert.deepEqual(missingScopes(['resumes:read'], ['resumes:read']), []);
    assert.deepEqual(missingScopes(['resumes:read'], ['resumes:write', 'resumes:read']), ['resumes:write']);
    assert.deepEqual(missingScopes(['admin'], ['matching']), ['matching']);
  });
});
