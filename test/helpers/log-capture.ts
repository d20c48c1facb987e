import type { LogOutput } from '../../src/logging/request-logger.js';

/** One JSON log line as pino writes it. */
export type LogEntry = Record<string, unknown> & { level: number; msg?: string };

/**
 * Collects the app's log lines (debug level: everything the app would ever log) for assertions.
 * nestjs-pino keeps one root logger per process, so a spec passes the same capture to every app it boots.
 */
export class LogCapture {
  readonly lines: string[] = [];
  readonly output: LogOutput = { level: 'debug', stream: { write: (chunk: string) => this.write(chunk) } };

  entries(): LogEntry[] {
    return this.lines.map((line) => JSON.parse(line) as LogEntry);
  }

  text(): string {
    return this.lines.join('\n');
  }

  /** The request's completion line(s), waiting for the response's 'finish' handler if it has not run yet. */
  async requestLines(requestId: string): Promise<LogEntry[]> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const found = this.entries().filter((entry) => entry.reqId === requestId && 'res' in entry);
      if (found.length) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return [];
  }

  private write(chunk: string): void {
    this.lines.push(...chunk.split('\n').filter(Boolean));
  }
}
