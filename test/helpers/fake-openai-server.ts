import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeLlmBehaviour = 'ok' | 'slow' | 'error';

/** The part of a chat-completions request the specs look at. */
interface ChatCompletionRequest {
  model?: string;
  messages?: unknown[];
}

/**
 * A local OpenAI-compatible chat-completions server on 127.0.0.1 for the LLM explanation path:
 * answers, hangs past the client's timeout, or fails with 500, and records what it was sent.
 */
export class FakeOpenAiServer {
  behaviour: FakeLlmBehaviour = 'ok';
  readonly requests: Array<{ path: string; authorization?: string; body: ChatCompletionRequest }> = [];
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = JSON.parse((await readBody(req)) || '{}') as ChatCompletionRequest;
    this.requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
    if (this.behaviour === 'error') {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'boom' } }));
      return;
    }
    if (this.behaviour === 'slow') {
      setTimeout(() => res.writeHead(200).end('{}'), 3_000).unref();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: 'chatcmpl-test',
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'A strong fit: the LLM says so.' } }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    );
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
