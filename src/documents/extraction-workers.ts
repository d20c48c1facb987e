import { Logger } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { ErrorCode } from '../common/error-codes.js';
import type { DocumentFormat } from './document-format.js';
import type { ExtractionRequest, ExtractionResponse } from './extraction.worker.js';
import { ExtractionFailure, ExtractionLimits, RawExtraction } from './extractors.js';

export interface NormalizedExtraction extends RawExtraction {
  /** NUL / control characters the normaliser removed. */
  removedControlChars: number;
}

interface Slot {
  worker: Worker;
  /** Resolves once the worker has loaded its parsers; the extraction timeout starts after it. */
  ready: Promise<void>;
  busy: boolean;
}

/**
 * A small pool of extraction worker threads. PDF and DOCX parsing are CPU-bound and can be made
 * pathological; in a worker they cannot hold the API's event loop, a timeout TERMINATES the worker
 * (a Promise race alone would leave it running), and each worker's heap is capped.
 */
export class ExtractionWorkers {
  private readonly logger = new Logger(ExtractionWorkers.name);
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<() => void> = [];
  private nextId = 1;

  constructor(private readonly options: { size: number; timeoutMs: number; maxHeapMb: number }) {}

  /** The extracted text, already cleaned (cleanDocumentText) in the worker. */
  async run(format: DocumentFormat, bytes: Buffer, limits: ExtractionLimits): Promise<NormalizedExtraction> {
    const slot = await this.acquire();
    const id = this.nextId++;
    // A copy is transferred: the caller's buffer stays intact and nothing is cloned twice.
    const copy = new Uint8Array(bytes);
    try {
      await slot.ready;
      return await new Promise<NormalizedExtraction>((resolve, reject) => {
        const timer = setTimeout(() => {
          cleanup();
          this.replace(slot);
          reject(new ExtractionFailure(ErrorCode.EXTRACTION_TIMEOUT, `Text extraction took longer than ${this.options.timeoutMs} ms`));
        }, this.options.timeoutMs);
        const onMessage = (response: ExtractionResponse) => {
          if (response.id !== id) return;
          cleanup();
          if (response.ok) resolve({ text: response.text, pages: response.pages, removedControlChars: response.removedControlChars });
          else reject(new ExtractionFailure(response.code, response.message));
        };
        const onError = (error: Error) => {
          cleanup();
          this.replace(slot);
          // Out of memory (resourceLimits) or a crash inside a parser: the file is at fault.
          reject(new ExtractionFailure(ErrorCode.CORRUPT_DOCUMENT, `The document could not be processed: ${error.message}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          slot.worker.off('message', onMessage);
          slot.worker.off('error', onError);
        };
        slot.worker.on('message', onMessage);
        slot.worker.on('error', onError);
        slot.worker.postMessage({ id, format, bytes: copy, limits } satisfies ExtractionRequest, [copy.buffer]);
      });
    } finally {
      this.release(slot);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots.length = 0;
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      const idle = this.slots.find((slot) => !slot.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (this.slots.length < this.options.size) {
        const slot = { ...this.spawn(), busy: true };
        this.slots.push(slot);
        return slot;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(slot: Slot): void {
    slot.busy = false;
    this.waiting.shift()?.();
  }

  /** Starts one worker ahead of the first upload, so that upload does not wait for parsers to load. */
  warmUp(): void {
    if (!this.slots.length) this.slots.push({ ...this.spawn(), busy: false });
  }

  private replace(slot: Slot): void {
    void slot.worker.terminate();
    Object.assign(slot, this.spawn());
    this.logger.warn('Extraction worker replaced after a timeout or crash');
  }

  private spawn(): { worker: Worker; ready: Promise<void> } {
    const worker = new Worker(new URL('./extraction.worker.js', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
    });
    worker.unref();
    // Errors during a job are handled by run(); an idle worker that dies is dropped from the pool.
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      const index = this.slots.findIndex((slot) => slot.worker === worker && !slot.busy);
      if (index >= 0) this.slots.splice(index, 1);
    });
    const ready = new Promise<void>((resolve, reject) => {
      const onReady = (message: { ready?: boolean }) => {
        if (!message?.ready) return;
        worker.off('message', onReady);
        resolve();
      };
      worker.on('message', onReady);
      worker.once('error', reject);
    });
    ready.catch(() => undefined);
    return { worker, ready };
  }
}
