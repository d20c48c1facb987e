import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { WebhookDeliverer } from './webhook-deliverer.js';

/** A delivery whose attempt failed and is due again: the queue retries the job after its backoff. */
class RetryLater extends Error {}

/**
 * Delivery jobs: one per delivery, carrying its id only. An attempt that leaves the delivery
 * pending throws, so the queue retries it with exponential backoff (WEBHOOK_RETRY_BASE_MS x
 * 2^(n-1)), up to WEBHOOK_MAX_ATTEMPTS; the row records each attempt and the final status.
 */
@Injectable()
export class WebhookDeliveryQueue implements OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly deliverer: WebhookDeliverer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  enqueue(deliveryId: string): Promise<void> {
    this.schedule(deliveryId, 1, 0);
    return Promise.resolve();
  }

  onModuleDestroy(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** The job's handler: one attempt; throws when another is due. */
  private async handle(deliveryId: string): Promise<void> {
    const result = await this.deliverer.attempt(deliveryId);
    if (result?.recorded?.status === 'pending') throw new RetryLater(result.outcome.error ?? 'failed');
  }

  private schedule(deliveryId: string, attempt: number, delayMs: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.handle(deliveryId).catch((error: unknown) => {
        if (attempt >= this.config.webhookMaxAttempts) return;
        if (!(error instanceof RetryLater)) this.logger.error(`Webhook delivery ${deliveryId} attempt failed: ${String(error)}`);
        this.schedule(deliveryId, attempt + 1, this.config.webhookRetryBaseMs * 2 ** (attempt - 1));
      });
    }, delayMs);
    this.timers.add(timer);
  }
}
