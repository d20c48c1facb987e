import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { withTimeout } from '../common/with-timeout.js';

/**
 * Addresses a webhook may not reach unless WEBHOOK_ALLOWED_HOSTS allows them: a receiver URL is
 * chosen by the API caller, so without this it could make the server call its own network (SSRF),
 * the cloud metadata service (169.254.169.254) or loopback services. IPv4-mapped IPv6 addresses
 * (`::ffff:127.0.0.1`) are checked as the IPv4 address they carry (net.BlockList does this).
 */
const FORBIDDEN_RANGES: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network"; 0.0.0.0 reaches loopback on Linux
  ['10.0.0.0', 8, 'ipv4'], // private
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'], // loopback
  ['169.254.0.0', 16, 'ipv4'], // link-local, cloud metadata
  ['172.16.0.0', 12, 'ipv4'], // private
  ['192.0.0.0', 24, 'ipv4'], // IETF protocol assignments
  ['192.0.2.0', 24, 'ipv4'], // documentation
  ['192.168.0.0', 16, 'ipv4'], // private
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['198.51.100.0', 24, 'ipv4'], // documentation
  ['203.0.113.0', 24, 'ipv4'], // documentation
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, broadcast
  ['::', 128, 'ipv6'], // unspecified
  ['::1', 128, 'ipv6'], // loopback
  ['64:ff9b::', 96, 'ipv6'], // NAT64: may carry a private IPv4 address
  ['64:ff9b:1::', 48, 'ipv6'], // local-use NAT64
  ['100::', 64, 'ipv6'], // discard
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['fc00::', 7, 'ipv6'], // unique local
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'], // site-local (deprecated)
  ['ff00::', 8, 'ipv6'], // multicast
];

const FORBIDDEN = new BlockList();
for (const [network, prefix, family] of FORBIDDEN_RANGES) FORBIDDEN.addSubnet(network, prefix, family);

/** A resolved address a delivery connects to (the one that was vetted: DNS is not asked again). */
export interface VettedAddress {
  address: string;
  family: 4 | 6;
}

function familyOf(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4';
}

/** Loopback, private, link-local, CGNAT, unique-local, multicast, reserved... (see FORBIDDEN_RANGES). */
export function isForbiddenAddress(address: string): boolean {
  return FORBIDDEN.check(address, familyOf(address));
}

/**
 * Parses a receiver URL: absolute http(s), no user name or password (they would be sent to a
 * third party and logged), no fragment. WEBHOOK_URL_INVALID otherwise.
 */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DomainError(ErrorCode.WEBHOOK_URL_INVALID, 'url must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DomainError(ErrorCode.WEBHOOK_URL_INVALID, 'url must use http or https');
  }
  if (url.username || url.password) throw new DomainError(ErrorCode.WEBHOOK_URL_INVALID, 'url must not carry a user name or password');
  if (url.hash) throw new DomainError(ErrorCode.WEBHOOK_URL_INVALID, 'url must not have a fragment (#...)');
  if (!url.hostname) throw new DomainError(ErrorCode.WEBHOOK_URL_INVALID, 'url must name a host');
  return url;
}

/** The host of a URL as DNS or an IP check wants it (`[::1]` -> `::1`). */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/**
 * Decides whether a receiver URL may be called, at registration and again before every attempt
 * (DNS rebinding: a name may resolve elsewhere later). Every address a name resolves to must be
 * allowed, and the delivery connects to the vetted address itself.
 */
export class WebhookAddressPolicy {
  private readonly allowedNames = new Set<string>();
  private readonly allowedNetworks = new BlockList();

  /**
   * `allowedHosts`: WEBHOOK_ALLOWED_HOSTS, host names, IP addresses and CIDRs (validated in app-config).
   * `lookupTimeoutMs`: a resolver that does not answer must not hold a request (or a worker) open.
   */
  constructor(
    allowedHosts: readonly string[],
    private readonly lookupTimeoutMs: number,
  ) {
    for (const entry of allowedHosts) {
      const [address, prefix] = entry.split('/');
      if (isIP(address) === 0) this.allowedNames.add(entry.toLowerCase());
      else if (prefix === undefined) this.allowedNetworks.addAddress(address, familyOf(address));
      else this.allowedNetworks.addSubnet(address, Number(prefix), familyOf(address));
    }
  }

  /** The address to connect to; WEBHOOK_URL_FORBIDDEN when the host is (or resolves to) a forbidden one or does not resolve. */
  async vet(url: URL): Promise<VettedAddress> {
    const host = hostOf(url);
    const addresses = await this.resolve(host);
    const nameAllowed = this.allowedNames.has(host);
    for (const { address } of addresses) {
      if (nameAllowed || this.allowedNetworks.check(address, familyOf(address))) continue;
      if (isForbiddenAddress(address)) {
        throw new DomainError(
          ErrorCode.WEBHOOK_URL_FORBIDDEN,
          `The webhook host ${isIP(host) ? 'is' : 'resolves to'} a private, loopback or reserved address (${address}); ` +
            'an operator may allow it with WEBHOOK_ALLOWED_HOSTS',
        );
      }
    }
    return addresses[0];
  }

  private async resolve(host: string): Promise<VettedAddress[]> {
    const literal = isIP(host);
    if (literal) return [{ address: host, family: literal as 4 | 6 }];
    try {
      const found = await withTimeout(lookup(host, { all: true, verbatim: true }), this.lookupTimeoutMs);
      if (found.length) return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
    } catch {
      // Reported below: the host does not resolve.
    }
    throw new DomainError(
      ErrorCode.WEBHOOK_URL_FORBIDDEN,
      `The webhook host ${host} does not resolve (or not within ${this.lookupTimeoutMs} ms)`,
    );
  }
}
