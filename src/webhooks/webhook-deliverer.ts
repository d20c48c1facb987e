import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { parseWebhookUrl, WebhookAddressPolicy } from './webhook-address-policy.js';
import { sendWebhook, type AttemptOutcome } from './webhook-sender.js';
import { previousSecretInForce, SIGNATURE_HEADER, signatureHeader } from './webhook-signature.js';
import { DeliveryToSend, RecordedAttempt, WebhooksRepository } from './webhooks.repository.js';

export interface DeliveryAttemptResult {
  outcome: AttemptOutcome;
  /** null: the delivery was no longer pending (already delivered or failed): nothing was sent. */
  recorded: RecordedAttempt | null;
}

/** The current secret, and the previous one while a rotation's grace period runs. */
function signingSecrets(webhook: DeliveryToSend['webhook']): string[] {
  const previous = previousSecretInForce(webhook);
  return previous ? [webhook.secret, previous.secret] : [webhook.secret];
}

/**
 * Makes one attempt of a delivery from its row alone (the queue job carries only the id), records
 * it on the row, and says whether another attempt is due. Never logs the URL (receivers put
 * tokens in query strings) or the body.
 */
@Injectable()
export class WebhookDeliverer {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly policy: WebhookAddressPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `final`: no retry whatever happens (a ping). null: no such delivery, or it is not pending. */
  async attempt(deliveryId: string, options: { final?: boolean } = {}): Promise<DeliveryAttemptResult | null> {
    const delivery = await this.repository.findDeliveryToSend(deliveryId);
    if (!delivery || delivery.status !== 'pending') return null;
    let outcome: AttemptOutcome;
    let final = options.final ?? false;
    if (!delivery.webhook.active && delivery.eventType !== 'ping') {
      outcome = { statusCode: null, error: 'The webhook was deactivated', durationMs: 0, succeeded: false };
      final = true;
    } else {
      try {
        const url = parseWebhookUrl(delivery.webhook.url);
        // Vetted again at every attempt: the host may resolve elsewhere since registration (DNS rebinding).
        const address = await this.policy.vet(url);
        const timestamp = Math.floor(Date.now() / 1000);
        outcome = await sendWebhook({
          url,
          address,
          body: delivery.body,
          timeoutMs: this.config.webhookTimeoutMs,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'HireMatch-Webhooks/1',
            [SIGNATURE_HEADER]: signatureHeader(signingSecrets(delivery.webhook), timestamp, delivery.body),
            'HireMatch-Event': delivery.eventType,
            'HireMatch-Delivery': delivery.id,
          },
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // A host that now resolves to a forbidden address: retried, since DNS may be fixed; nothing is sent.
        outcome = { statusCode: null, error: error.message, durationMs: 0, succeeded: false };
      }
    }
    const recorded = await this.repository.recordAttempt(delivery.id, outcome, {
      maxAttempts: this.config.webhookMaxAttempts,
      retryBaseMs: this.config.webhookRetryBaseMs,
      final,
    });
    if (recorded && !outcome.succeeded) {
      this.logger.warn(
        `Webhook ${delivery.webhookId} delivery ${delivery.id} (${delivery.eventType}) attempt ${recorded.attempts} failed: ` +
          `${outcome.statusCode ?? 'no response'}; ${recorded.status === 'pending' ? 'will retry' : 'giving up'}`,
      );
    }
    return { outcome, recorded };
  }
}
