import CircuitBreaker from 'opossum';

export interface BreakerOptions {
  /** Failures within `failureWindowMs` that open the breaker (3 in 60 s by default). */
  failureThreshold: number;
  failureWindowMs: number;
  /** How long the breaker stays open before letting one trial call through (half-open). */
  resetTimeoutMs: number;
  /** A model call slower than this counts as a failure. */
  timeoutMs: number;
  /** Errors that say nothing about the dependency's health (the caller's fault, or the caller gave up): not counted. */
  isCallerError?: (error: unknown) => boolean;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * opossum around a flaky dependency (the model, the LLM). opossum opens on an error PERCENTAGE; the rule here is a count
 * ("3 failures in 60 s"), so its percentage rule is switched off and this class opens it by count.
 * opossum still does the rest: rejecting while open, half-open after resetTimeout, close on success.
 */
export class CountingCircuitBreaker<A extends unknown[], R> {
  private readonly breaker: CircuitBreaker<A, R>;
  private recentFailures: number[] = [];
  readonly counts = { failures: 0, successes: 0, rejections: 0, timeouts: 0, opened: 0 };

  constructor(
    action: (...args: A) => Promise<R>,
    private readonly options: BreakerOptions,
  ) {
    this.breaker = new CircuitBreaker(action, {
      timeout: options.timeoutMs,
      resetTimeout: options.resetTimeoutMs,
      errorThresholdPercentage: 100, // never by percentage: see recordFailure
      rollingCountTimeout: options.failureWindowMs,
      volumeThreshold: Number.MAX_SAFE_INTEGER,
      errorFilter: (error: unknown) => options.isCallerError?.(error) ?? false,
    });
    this.breaker.on('failure', () => this.recordFailure());
    this.breaker.on('success', () => this.counts.successes++);
    this.breaker.on('reject', () => this.counts.rejections++);
    this.breaker.on('timeout', () => this.counts.timeouts++);
    this.breaker.on('open', () => this.counts.opened++);
    this.breaker.on('close', () => (this.recentFailures = []));
  }

  /** Called every time the breaker closes again (after a successful half-open trial). */
  onClose(listener: () => void): void {
    this.breaker.on('close', listener);
  }

  fire(...args: A): Promise<R> {
    return this.breaker.fire(...args);
  }

  get state(): BreakerState {
    if (this.breaker.opened) return 'open';
    return this.breaker.halfOpen ? 'half-open' : 'closed';
  }

  shutdown(): void {
    this.breaker.shutdown();
  }

  private recordFailure(): void {
    this.counts.failures++;
    const now = Date.now();
    this.recentFailures = this.recentFailures.filter((at) => now - at < this.options.failureWindowMs);
    this.recentFailures.push(now);
    if (this.recentFailures.length >= this.options.failureThreshold && !this.breaker.opened) this.breaker.open();
  }
}

export function isBreakerOpenError(error: unknown): boolean {
  return (error as { code?: string })?.code === 'EOPENBREAKER';
}
