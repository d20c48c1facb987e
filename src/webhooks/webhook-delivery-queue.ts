import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { JobQueue } from '../queue/job-queue.js';
import { WebhookDeliverer } from './webhook-deliverer.js';
import { WebhooksRepository } from './webhooks.repository.js';

const DELIVER_JOB = 'webhook.deliver';

interface DeliverJob {
  deliveryId: string;
}

/** A delivery whose attempt failed and is due again: thrown so the queue retries the job after its backoff. */
class DeliveryRetryDue extends Error {
  override name = 'DeliveryRetryDue';
}

/**
 * Delivery jobs on the shared job queue (BullMQ with REDIS_URL, in-process otherwise): one per
 * delivery, carrying its id only, so any worker process can send it from the row. An attempt
 * that leaves the delivery pending throws, and the queue retries the job with exponential backoff
 * (WEBHOOK_RETRY_BASE_MS x 2^(n-1)) up to WEBHOOK_MAX_ATTEMPTS; the row records every attempt,
 * its final status and when the next attempt is due.
 */
@Injectable()
export class WebhookDeliveryQueue implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly queue: JobQueue,
    private readonly deliverer: WebhookDeliverer,
    private readonly repository: WebhooksRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queue.process<DeliverJob>(DELIVER_JOB, async ({ deliveryId }) => {
      const result = await this.deliverer.attempt(deliveryId);
      if (result?.recorded?.status === 'pending') throw new DeliveryRetryDue();
    });
  }

  /**
   * Deliveries left pending by a stopped process (the in-process queue forgets its jobs; a Redis
   * that lost them too) are queued again, each when its next attempt is due; the job id makes
   * this a no-op for jobs the queue still holds.
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      const pending = await this.repository.pendingDeliveries();
      for (const delivery of pending) {
        await this.enqueue(delivery.id, Math.max(0, (delivery.nextAttemptAt?.getTime() ?? 0) - Date.now()));
      }
    } catch (error) {
      this.logger.error(`Could not queue pending webhook deliveries again: ${error instanceof Error ? error.name : 'error'}`);
    }
  }

  enqueue(deliveryId: string, delayMs = 0): Promise<void> {
    return this.queue.add<DeliverJob>(
      DELIVER_JOB,
      { deliveryId },
      {
        attempts: this.config.webhookMaxAttempts,
        backoffMs: this.config.webhookRetryBaseMs,
        delayMs,
        jobId: `webhook-delivery-${deliveryId}`,
      },
    );
  }
}
