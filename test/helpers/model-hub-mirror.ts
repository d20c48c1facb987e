import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

/**
 * A local stand-in for the Hugging Face hub (`<host>/<model>/resolve/<revision>/<file>`) serving a
 * model directory, so the real download path of transformers.js runs without the internet. Requests
 * are held until `release()`: a download that takes as long as the test wants. `start(port)` on a
 * port that refused connections until then plays a hub that comes back.
 */
export class ModelHubMirror {
  readonly requests: string[] = [];
  private server: Server | null = null;
  private held: Array<() => void> = [];
  private released = false;

  constructor(private readonly modelsDir: string) {}

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests.push(`${req.method} ${req.url}`);
      const serve = () => {
        const match = /^\/(.+?)\/resolve\/[^/]+\/(.+)$/.exec(decodeURIComponent((req.url ?? '').split('?')[0]));
        const file = match ? normalize(join(this.modelsDir, match[1], match[2])) : '';
        if (!match || !file.startsWith(this.modelsDir) || !existsSync(file)) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-length': statSync(file).size, 'content-type': 'application/octet-stream' });
        if (req.method === 'HEAD') res.end();
        else createReadStream(file).pipe(res);
      };
      if (this.released) serve();
      else this.held.push(serve);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  release(): void {
    this.released = true;
    for (const serve of this.held.splice(0)) serve();
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
