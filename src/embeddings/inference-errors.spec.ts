import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModelNotReadyError } from './embedding-model.js';
import { deserializeError, serializeError, WorkBudgetExceededError } from './inference-errors.js';
import { ModelDownloadTimeoutError } from './model-download.js';
import { classifyModelLoadError } from './model-load-error.js';

describe('errors crossing the inference thread', () => {
  it('keeps message, name, code and the whole cause chain through structured clone', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const fetchFailed = new TypeError('fetch failed', { cause: refused });
    const loadFailed = new Error('Could not load tokenizer.json', { cause: fetchFailed });
    const back = deserializeError(structuredClone(serializeError(loadFailed)));
    assert.equal(back.message, 'Could not load tokenizer.json');
    assert.ok(back.cause instanceof TypeError);
    assert.equal(back.cause.message, 'fetch failed');
    const root = back.cause.cause as Error & { code?: string };
    assert.equal(root.message, 'connect ECONNREFUSED 127.0.0.1:9');
    assert.equal(root.code, 'ECONNREFUSED');
    assert.match(back.stack ?? '', /Could not load tokenizer.json/);
  });

  it('gives the classes callers test with instanceof their class back', () => {
    assert.ok(deserializeError(serializeError(new WorkBudgetExceededError('too many windows'))) instanceof WorkBudgetExceededError);
    const notReady = deserializeError(serializeError(new ModelNotReadyError('not loaded')));
    assert.ok(notReady instanceof ModelNotReadyError);
    assert.equal(notReady.name, 'ModelNotReadyError');
    const other = deserializeError(serializeError(Object.assign(new Error('x'), { name: 'OrtError' })));
    assert.equal(other.name, 'OrtError');
  });

  it('keeps what the model-load classifier reads: a timed-out download and an HTTP status', () => {
    const url = 'http://mirror.test/Xenova/all-MiniLM-L6-v2/resolve/main/tokenizer.json';
    const timeout = deserializeError(structuredClone(serializeError(new ModelDownloadTimeoutError(url, 100))));
    assert.equal((timeout as Error & { url?: string }).url, url);
    assert.equal(classifyModelLoadError(timeout).cause, 'timeout');
    assert.equal(classifyModelLoadError(timeout).url, url);
    const gone = deserializeError(structuredClone(serializeError(Object.assign(new Error('Not Found'), { status: 404 }))));
    assert.equal(classifyModelLoadError(gone).cause, 'http-404');
  });

  it('turns a thrown non-error into an Error with its text', () => {
    assert.equal(deserializeError(serializeError('plain string')).message, 'plain string');
  });
});
