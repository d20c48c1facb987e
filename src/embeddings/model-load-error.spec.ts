import assert from 'node:assert/strict';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createModelFetch } from './model-download.js';
import {
  classifyModelLoadError,
  describeModelLoadFailure,
  errorDetail,
  FailedDownload,
  IncompatibleModelError,
  ModelFilesMissingError,
  redactUrl,
} from './model-load-error.js';

/** What fetch really throws for a URL (the classifier must understand Node's own errors, not hand-made ones). */
async function fetchError(url: string, timeoutMs = 5_000): Promise<{ error: unknown; download: FailedDownload | null }> {
  let download: FailedDownload | null = null;
  const modelFetch = createModelFetch({ timeoutMs, onFailure: (failed) => (download ??= failed) });
  try {
    await (await modelFetch(url)).arrayBuffer();
  } catch (error) {
    return { error, download };
  }
  throw new Error(`${url} answered`);
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('classifyModelLoadError against real network failures', () => {
  const silent = createServer(() => {
    // Accepts the connection and never answers: a black-holed download.
  });
  const stalling = createServer((_req, res) => {
    res.writeHead(200, { 'content-length': '1000' });
    res.write('x'); // then nothing: a download that stops half-way
  });
  let silentPort = 0;
  let stallingPort = 0;
  let closedPort = 0;

  before(async () => {
    silentPort = await listen(silent);
    stallingPort = await listen(stalling);
    const closed = createServer();
    closedPort = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
  });

  after(() => {
    for (const server of [silent, stalling]) {
      server.closeAllConnections();
      server.close();
    }
  });

  it('DNS: a host that does not resolve', async () => {
    const { error, download } = await fetchError('http://hub.hirematch-test.invalid/Xenova/m/resolve/main/config.json');
    const failure = classifyModelLoadError(error, download);
    assert.equal(failure.cause, 'dns');
    assert.equal(failure.reason, 'hub unreachable (DNS)');
    assert.equal(failure.url, 'http://hub.hirematch-test.invalid/Xenova/m/resolve/main/config.json');
    assert.equal(failure.retryable, true);
  });

  it('refused: nothing listens on the port', async () => {
    const url = `http://127.0.0.1:${closedPort}/Xenova/m/resolve/main/config.json`;
    const { error, download } = await fetchError(url);
    const failure = classifyModelLoadError(error, download);
    assert.equal(failure.cause, 'refused');
    assert.equal(failure.url, url);
  });

  it('timeout: the server never answers (per-request timeout, not a 2-minute wait)', async () => {
    const { error, download } = await fetchError(`http://127.0.0.1:${silentPort}/config.json`, 200);
    assert.equal(classifyModelLoadError(error, download).cause, 'timeout');
  });

  it('timeout: the body stops arriving half-way', async () => {
    const { error, download } = await fetchError(`http://127.0.0.1:${stallingPort}/onnx/model.onnx`, 200);
    assert.equal(classifyModelLoadError(error, download).cause, 'timeout');
  });

  it('transformers.js hides the cause: the failed download recorded by the fetch still names it', () => {
    // A 404 on the tokenizer surfaces from transformers.js as this TypeError.
    const thrown = new TypeError("Cannot read properties of undefined (reading 'tokenizer_class')");
    const failure = classifyModelLoadError(thrown, { url: 'http://mirror/Xenova/m/resolve/main/tokenizer_config.json', status: 404 });
    assert.equal(failure.cause, 'http-404');
    assert.equal(failure.url, 'http://mirror/Xenova/m/resolve/main/tokenizer_config.json');
  });
});

describe('classifyModelLoadError on what transformers.js and the loader throw', () => {
  it('reads HTTP statuses from the error or its wording', () => {
    const withStatus = Object.assign(new Error('Unauthorized access to file: "https://huggingface.co/x/resolve/main/config.json".'), {
      status: 401,
    });
    assert.equal(classifyModelLoadError(withStatus).cause, 'http-401');
    assert.equal(classifyModelLoadError(new Error('Forbidden access to file: "https://h/x".')).cause, 'http-403');
    assert.equal(classifyModelLoadError(new Error('Could not locate file: "https://h/x".')).cause, 'http-404');
    const serverError = classifyModelLoadError(new Error('Internal server error error occurred while trying to load file: "h"'), {
      url: 'https://h/x',
      status: 500,
    });
    assert.equal(serverError.cause, 'http-other');
    assert.equal(serverError.reason, 'hub error (HTTP 500)');
  });

  it('prefers the network cause over a status seen on an optional file', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
    assert.equal(classifyModelLoadError(refused, { url: 'http://h/x', status: 404 }).cause, 'refused');
  });

  it('local files missing, incompatible model, and anything else', () => {
    assert.equal(classifyModelLoadError(new ModelFilesMissingError(['config.json'])).cause, 'files-missing');
    const local = new Error(
      '`local_files_only=true` or `env.allowRemoteModels=false` and file was not found locally at "/srv/m/config.json".',
    );
    assert.equal(classifyModelLoadError(local).cause, 'files-missing');
    const incompatible = classifyModelLoadError(new IncompatibleModelError('768-d'));
    assert.equal(incompatible.cause, 'incompatible');
    assert.equal(incompatible.retryable, false);
    const other = classifyModelLoadError(new Error('Protobuf parsing failed at /srv/models/x/onnx/model.onnx'));
    assert.equal(other.cause, 'other');
    assert.doesNotMatch(other.reason, /srv|Protobuf/, 'the safe reason carries no path and no raw error');
  });

  it('removes credentials from URLs', () => {
    assert.equal(redactUrl('https://user:secret@mirror.example/models/'), 'https://mirror.example/models/');
    assert.equal(redactUrl('https://huggingface.co/'), 'https://huggingface.co/');
    const failure = classifyModelLoadError(new Error('x'), { url: 'https://u:p@m/x', status: 404 });
    assert.equal(failure.url, 'https://m/x');
  });
});

describe('describeModelLoadFailure', () => {
  const source = { modelId: 'Xenova/all-MiniLM-L6-v2', modelPath: null, modelHubUrl: 'https://huggingface.co/' };

  it('names the URL, the cause and both ways out in one line', () => {
    const dns = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND huggingface.co'), { code: 'ENOTFOUND' }),
    });
    const url = 'https://huggingface.co/Xenova/all-MiniLM-L6-v2/resolve/main/tokenizer.json';
    const line = describeModelLoadFailure(classifyModelLoadError(dns, { url, error: dns }), source, errorDetail(dns), 2000);
    assert.ok(!line.includes('\n'));
    assert.match(line, new RegExp(url.replaceAll('.', '\\.')));
    assert.match(line, /hub unreachable \(DNS\)/);
    assert.match(line, /fetch failed: getaddrinfo ENOTFOUND huggingface\.co/);
    assert.match(line, /MODEL_PATH/);
    assert.match(line, /MODEL_HUB_URL/);
    assert.match(line, /Retrying in 2 s/);
  });

  it('for a local folder: says which, and that no retry is planned when none is', () => {
    const line = describeModelLoadFailure(
      classifyModelLoadError(new ModelFilesMissingError(['onnx/model.onnx'])),
      { ...source, modelPath: '/srv/models' },
      'model files missing: onnx/model.onnx',
      null,
    );
    assert.match(line, /MODEL_PATH=\/srv\/models/);
    assert.match(line, /onnx\/model\.onnx/);
    assert.match(line, /Not retrying/);
  });
});
