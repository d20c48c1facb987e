/**
 * Gathers concurrent single-item calls into batches for `run`; each caller gets its own result.
 * When idle it waits `windowMs` for company (0: the next macrotask, which still collects calls
 * made in the same tick); while a batch runs, new calls simply queue and go together, up to
 * `maxBatch`, as soon as it finishes. One batch runs at a time.
 */
export class MicroBatcher<I, O> {
  private queue: Array<{ item: I; resolve: (value: O) => void; reject: (error: unknown) => void }> = [];
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  batches = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: { windowMs: number; maxBatch: number },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.busy) return;
      if (this.queue.length >= this.options.maxBatch) void this.drain();
      else this.timer ??= setTimeout(() => void this.drain(), this.options.windowMs);
    });
  }

  private async drain(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length) {
        const pending = this.queue.splice(0, this.options.maxBatch);
        this.batches++;
        try {
          const results = await this.run(pending.map((p) => p.item));
          pending.forEach((p, i) => p.resolve(results[i]));
        } catch (error) {
          pending.forEach((p) => p.reject(error));
        }
      }
    } finally {
      this.busy = false;
    }
  }
}
