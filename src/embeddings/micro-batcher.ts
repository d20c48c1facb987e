interface Entry<I, O> {
  item: I;
  signal?: AbortSignal;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
  onAbort?: () => void;
}

/**
 * Gathers concurrent single-item calls into batches for `run`; each caller gets its own result.
 * When idle it waits `windowMs` for company (0: the next macrotask, which still collects calls
 * made in the same tick); while a batch runs, new calls simply queue and go together, up to
 * `maxBatch`, as soon as it finishes. One batch runs at a time.
 *
 * A caller's AbortSignal takes its item out of the queue at once (its windows never reach the
 * model). Once its batch runs, the batch's own signal aborts only when EVERY caller in it gave up.
 */
export class MicroBatcher<I, O> {
  private queue: Array<Entry<I, O>> = [];
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  batches = 0;

  constructor(
    /** One result per item; an Error in place of a result fails that caller alone. */
    private readonly run: (items: I[], signal: AbortSignal) => Promise<Array<O | Error>>,
    private readonly options: { windowMs: number; maxBatch: number },
  ) {}

  /** Items waiting for a batch (not the running one). */
  get queued(): number {
    return this.queue.length;
  }

  submit(item: I, signal?: AbortSignal): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const entry: Entry<I, O> = { item, signal, resolve, reject };
      if (signal) {
        entry.onAbort = () => {
          const index = this.queue.indexOf(entry);
          if (index >= 0) this.queue.splice(index, 1);
          reject(abortReason(signal));
        };
        signal.addEventListener('abort', entry.onAbort, { once: true });
      }
      this.queue.push(entry);
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
        const batchAbort = new AbortController();
        const stillWaiting = new Set(pending);
        for (const entry of pending) {
          if (!entry.signal) continue;
          entry.signal.removeEventListener('abort', entry.onAbort!);
          entry.onAbort = () => {
            entry.reject(abortReason(entry.signal!));
            stillWaiting.delete(entry);
            if (!stillWaiting.size) batchAbort.abort(entry.signal!.reason);
          };
          entry.signal.addEventListener('abort', entry.onAbort, { once: true });
        }
        try {
          const results = await this.run(
            pending.map((p) => p.item),
            batchAbort.signal,
          );
          pending.forEach((p, i) => {
            const result = results[i];
            if (result instanceof Error) p.reject(result);
            else p.resolve(result);
          });
        } catch (error) {
          pending.forEach((p) => p.reject(error));
        } finally {
          for (const entry of pending) if (entry.onAbort) entry.signal!.removeEventListener('abort', entry.onAbort);
        }
      }
    } finally {
      this.busy = false;
    }
  }
}

/** Why the caller gave up, as an Error (AbortSignal.reason may be anything). */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}
