import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../common/error-codes.js';
import { isForbiddenAddress, parseWebhookUrl, WebhookAddressPolicy } from './webhook-address-policy.js';

describe('webhook address policy (SSRF)', () => {
  it('forbids loopback, private, link-local, CGNAT, unique-local, multicast and reserved addresses, IPv4-mapped ones too', () => {
    for (const address of [
      '127.0.0.1',
      '127.255.0.9',
      '0.0.0.0',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:169.254.169.254',
      '::ffff:10.0.0.1',
    ]) {
      assert.equal(isForbiddenAddress(address), true, address);
    }
  });

  it('allows public addresses', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
      assert.equal(isForbiddenAddress(address), false, address);
    }
  });

  it('refuses literal private hosts in any notation, unless the allow-list names the host, address or network', async () => {
    const closed = new WebhookAddressPolicy([], 1000);
    for (const url of [
      'http://127.0.0.1/',
      'http://0x7f.1/',
      'http://2130706433/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::1]:8080/',
      'http://169.254.169.254/',
    ]) {
      await assert.rejects(
        closed.vet(parseWebhookUrl(url)),
        (error: { code?: string }) => error.code === ErrorCode.WEBHOOK_URL_FORBIDDEN,
        url,
      );
    }
    assert.deepEqual(await closed.vet(parseWebhookUrl('https://93.184.215.14/hook')), { address: '93.184.215.14', family: 4 });
    const open = new WebhookAddressPolicy(['127.0.0.0/8', '::1', 'hooks.internal'], 1000);
    assert.deepEqual(await open.vet(parseWebhookUrl('http://127.0.0.2:9000/')), { address: '127.0.0.2', family: 4 });
    assert.deepEqual(await open.vet(parseWebhookUrl('http://[::1]/')), { address: '::1', family: 6 });
    await assert.rejects(
      open.vet(parseWebhookUrl('http://10.0.0.1/')),
      (error: { code?: string }) => error.code === ErrorCode.WEBHOOK_URL_FORBIDDEN,
    );
  });

  it('takes absolute http(s) URLs only, without credentials or fragment', () => {
    for (const url of [
      'not a url',
      'ftp://example.com/',
      'file:///etc/passwd',
      'http://user:secret@example.com/',
      'https://example.com/#x',
      '/relative',
    ]) {
      assert.throws(
        () => parseWebhookUrl(url),
        (error: { code?: string }) => error.code === ErrorCode.WEBHOOK_URL_INVALID,
        url,
      );
    }
    assert.equal(parseWebhookUrl('HTTPS://Example.COM/hook?x=1').toString(), 'https://example.com/hook?x=1');
  });
});
