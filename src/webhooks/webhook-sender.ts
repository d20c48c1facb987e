import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { VettedAddress } from './webhook-address-policy.js';

/** One HTTP attempt of a delivery, as the log records it. */
export interface AttemptOutcome {
  /** The receiver's status code; null when no response came (connection refused, timeout...). */
  statusCode: number | null;
  /** Why the attempt failed, in our words (never the receiver's body); null on success. */
  error: string | null;
  durationMs: number;
  succeeded: boolean;
}

export interface WebhookRequest {
  url: URL;
  /** The address the policy vetted: the connection goes there, whatever DNS says now. */
  address: VettedAddress;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** A receiver's answer is drained, never stored: at most this much is read before the socket is dropped. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs one delivery. A 2xx is success; anything else (a redirect too: they are not followed, so a
 * receiver cannot bounce the request to a private address) is a failure with its status code.
 */
export function sendWebhook(request: WebhookRequest): Promise<AttemptOutcome> {
  const started = performance.now();
  const duration = () => Math.round(performance.now() - started);
  // Pinning the vetted address here closes the DNS-rebinding gap between the check and the connect;
  // TLS still verifies the certificate against the URL's host name.
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: request.address.address, family: request.address.family }]);
    else callback(null, request.address.address, request.address.family);
  };
  const transport = request.url.protocol === 'https:' ? https : http;
  return new Promise<AttemptOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<AttemptOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, durationMs: duration() });
    };
    const outgoing = transport.request(
      request.url,
      {
        method: 'POST',
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
        lookup,
        agent: false,
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) response.destroy();
        });
        const done = () => {
          const ok = statusCode >= 200 && statusCode < 300;
          finish({ statusCode, succeeded: ok, error: ok ? null : `The receiver answered HTTP ${statusCode}` });
        };
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    // One deadline for connecting, sending and the answer: a receiver that trickles bytes cannot hold a worker.
    const timer = setTimeout(() => {
      finish({ statusCode: null, succeeded: false, error: `No answer within ${request.timeoutMs} ms` });
      outgoing.destroy();
    }, request.timeoutMs);
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      finish({ statusCode: null, succeeded: false, error: `Could not deliver: ${error.code ?? error.name}` });
    });
    outgoing.end(request.body);
  });
}
