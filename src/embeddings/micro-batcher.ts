/**
 * Gathers concurrent single-item calls for `windowMs` (or until `maxBatch` items wait) and hands
 * them to `run` as ONE batch; each caller gets its own result back. One batch runs at a time, so
 * under load the next batch fills while the model is busy.
 */
export class MicroBatcher<I, O> {
  private queue: Array<{ item: I; resolve: (value: O) => void; reject: (error: unknown) => void }> = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  batches = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: { windowMs: number; maxBatch: number },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.windowMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const pending = this.queue.splice(0, this.options.maxBatch);
    if (!pending.length) return;
    if (this.queue.length) this.timer = setTimeout(() => this.flush(), this.options.windowMs);
    this.running = this.running.then(async () => {
      this.batches++;
      try {
        const results = await this.run(pending.map((p) => p.item));
        pending.forEach((p, i) => p.resolve(results[i]));
      } catch (error) {
        pending.forEach((p) => p.reject(error));
      }
    });
  }
}
