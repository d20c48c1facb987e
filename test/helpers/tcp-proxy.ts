import { createServer, Server, Socket } from 'node:net';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

export type ProxyMode = 'pass' | 'cut' | 'stall' | 'slow';

/**
 * A TCP proxy in front of a real dependency (PostgreSQL, Redis) that a fault test can break the
 * way networks break:
 * - `cut`: every open connection is reset and new ones are refused (a killed server);
 * - `stall`: connections stay open but no byte moves either way, and new ones hang (a partition);
 * - `slow`: every chunk is delayed by `delayMs` (a congested link);
 * - `pass`: back to normal; stalled bytes flow again.
 * Hand-written (about 100 lines) because it must hold bytes and sockets in ways no proxy package offers.
 */
export class TcpProxy {
  private server: Server | null = null;
  private mode: ProxyMode = 'pass';
  private delayMs = 0;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket; held: Array<() => void> }>();

  constructor(private readonly target: { host: string; port: number }) {}

  /** Listens on an ephemeral port of 127.0.0.1 and returns it. */
  async start(): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  /** A URL like `target` pointing at the proxy instead. */
  url(targetUrl: string): string {
    const url = new URL(targetUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  cut(): void {
    this.mode = 'cut';
    for (const pair of this.pairs) {
      pair.client.resetAndDestroy();
      pair.upstream.destroy();
    }
    this.pairs.clear();
  }

  stall(): void {
    this.mode = 'stall';
  }

  slow(delayMs: number): void {
    this.mode = 'slow';
    this.delayMs = delayMs;
  }

  restore(): void {
    this.mode = 'pass';
    for (const pair of this.pairs) for (const release of pair.held.splice(0)) release();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private accept(client: Socket): void {
    if (this.mode === 'cut') {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(this.target.port, this.target.host);
    const pair = { client, upstream, held: [] as Array<() => void> };
    this.pairs.add(pair);
    const drop = (): void => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    this.pipe(client, upstream, pair.held);
    this.pipe(upstream, client, pair.held);
  }

  /** Forwards chunks in order; while stalled or slow they queue, so order is always kept. */
  private pipe(from: Socket, to: Socket, held: Array<() => void>): void {
    const queue: Buffer[] = [];
    let flushing = false;
    const flush = (): void => {
      if (flushing) return;
      if (this.mode === 'stall') {
        held.push(flush);
        return;
      }
      const chunk = queue.shift();
      if (!chunk) return;
      const write = (): void => {
        flushing = false;
        if (!to.destroyed) to.write(chunk);
        flush();
      };
      flushing = true;
      if (this.mode === 'slow') setTimeout(write, this.delayMs);
      else write();
    };
    from.on('data', (chunk: Buffer) => {
      queue.push(chunk);
      flush();
    });
  }
}
