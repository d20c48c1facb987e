/**
 * Work budgets of the embedding path, as pure functions. Characters are checked before any
 * normalisation (the cost of NFC and the regexes grows with the text); windows are known only once
 * the inference worker has tokenised a text, so the queue is measured in ESTIMATED windows.
 */

/**
 * Characters one window covers, roughly: 254 word pieces of English at ~4 characters each. Only an
 * estimate for admission control; the exact window limit is applied after tokenising.
 */
export const CHARS_PER_WINDOW_ESTIMATE = 1000;

export function estimateWindows(chars: number): number {
  return Math.max(1, Math.ceil(chars / CHARS_PER_WINDOW_ESTIMATE));
}

/** Why these texts exceed the budget, or null when they fit. Cheap: lengths only. */
export function budgetProblem(texts: string[], limits: { maxTextChars: number; maxRequestChars: number }): string | null {
  let total = 0;
  for (const text of texts) {
    if (text.length > limits.maxTextChars) {
      return `A text of ${text.length} characters exceeds the ${limits.maxTextChars}-character budget per text`;
    }
    total += text.length;
  }
  if (total > limits.maxRequestChars) {
    return `${total} characters in one request exceed the ${limits.maxRequestChars}-character budget per request`;
  }
  return null;
}

/**
 * Admission control: the estimated windows admitted and not yet finished. A request that would push
 * the total over `maxWindows` is refused at once (unless nothing is queued, so one request within the
 * per-request budget always gets through).
 */
export class WindowQueue {
  private admitted = 0;

  constructor(
    private readonly maxWindows: number,
    /** ONNX time per window, for Retry-After (about 25 ms for a full window on 2 cores, BENCHMARKS.md). */
    private readonly msPerWindow = 25,
  ) {}

  get windows(): number {
    return this.admitted;
  }

  /** Admits `windows` and returns their release, or null when the queue is full. */
  tryAdmit(windows: number): (() => void) | null {
    if (this.admitted > 0 && this.admitted + windows > this.maxWindows) return null;
    return this.count(windows);
  }

  /** Counted without admission (background work): it still makes interactive callers wait. */
  force(windows: number): () => void {
    return this.count(windows);
  }

  /** Counts `windows` as queued until the returned release is called (once; later calls do nothing). */
  private count(windows: number): () => void {
    this.admitted += windows;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.admitted -= windows;
    };
  }

  /** Seconds after which the current queue should have drained (at least 1). */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.admitted * this.msPerWindow) / 1000));
  }
}
