import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import type { PaginationQuery } from '../common/pagination.dto.js';
import type { DomainEventPayloads } from '../events/domain-events.js';
import { Webhook, WebhookDelivery } from '../generated/prisma/client.js';
import { parseWebhookUrl, WebhookAddressPolicy } from './webhook-address-policy.js';
import { WebhookDeliverer } from './webhook-deliverer.js';
import { WebhookDeliveryQueue } from './webhook-delivery-queue.js';
import { newEventId, webhookBody, webhookEventData, type WebhookEventType } from './webhook-events.js';
import { DEFAULT_PREVIOUS_SECRET_VALIDITY_SECONDS, newWebhookSecret, previousSecretInForce } from './webhook-signature.js';
import type {
  CreatedWebhookView,
  CreateWebhookRequest,
  DeliveryAttemptView,
  RotateWebhookSecretRequest,
  UpdateWebhookRequest,
  WebhookDeliveryPage,
  WebhookDeliveryView,
  WebhookPage,
  WebhookPingView,
  WebhookView,
} from './webhooks.dto.js';
import { WebhooksRepository } from './webhooks.repository.js';

function toView(webhook: Webhook): WebhookView {
  return {
    id: webhook.id,
    url: webhook.url,
    events: webhook.events as WebhookEventType[],
    description: webhook.description,
    active: webhook.active,
    previousSecretExpiresAt: previousSecretInForce(webhook)?.expiresAt ?? null,
    createdAt: webhook.createdAt,
    updatedAt: webhook.updatedAt,
  };
}

function toDeliveryView(delivery: WebhookDelivery): WebhookDeliveryView {
  return {
    id: delivery.id,
    webhookId: delivery.webhookId,
    eventId: delivery.eventId,
    eventType: delivery.eventType as WebhookDeliveryView['eventType'],
    status: delivery.status as WebhookDeliveryView['status'],
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    lastDurationMs: delivery.lastDurationMs,
    attemptLog: (delivery.attemptLog as unknown as DeliveryAttemptView[]).map((entry) => ({ ...entry, at: new Date(entry.at) })),
    nextAttemptAt: delivery.nextAttemptAt,
    deliveredAt: delivery.deliveredAt,
    createdAt: delivery.createdAt,
    updatedAt: delivery.updatedAt,
  };
}

/** Registering receivers, fanning domain events out to them, the delivery log and the test ping. */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly policy: WebhookAddressPolicy,
    private readonly deliverer: WebhookDeliverer,
    private readonly queue: WebhookDeliveryQueue,
  ) {}

  async create(organizationId: string, request: CreateWebhookRequest): Promise<CreatedWebhookView> {
    const url = await this.vettedUrl(request.url);
    const secret = newWebhookSecret();
    const webhook = await this.repository.create(organizationId, {
      url,
      events: request.events,
      description: request.description ?? null,
      secret,
    });
    return { ...toView(webhook), secret };
  }

  async list(organizationId: string, page: PaginationQuery): Promise<WebhookPage> {
    const { items, total } = await this.repository.list(organizationId, page.limit, page.offset);
    return { items: items.map(toView), total, limit: page.limit, offset: page.offset };
  }

  async get(organizationId: string, id: string): Promise<WebhookView> {
    return toView(await this.existing(organizationId, id));
  }

  async update(organizationId: string, id: string, request: UpdateWebhookRequest): Promise<WebhookView> {
    const url = request.url === undefined ? undefined : await this.vettedUrl(request.url);
    if (url === undefined && request.events === undefined && request.description === undefined && request.active === undefined) {
      return this.get(organizationId, id);
    }
    const updated = await this.repository.update(organizationId, id, {
      url,
      events: request.events,
      description: request.description,
      active: request.active,
    });
    if (!updated) throw DomainError.notFound('Webhook', id);
    return toView(updated);
  }

  /** A new signing secret, shown once; the replaced one keeps signing beside it for the requested time (README: "Rotating the secret"). */
  async rotateSecret(organizationId: string, id: string, request: RotateWebhookSecretRequest): Promise<CreatedWebhookView> {
    const secret = newWebhookSecret();
    const rotated = await this.repository.rotateSecret(
      organizationId,
      id,
      secret,
      request.previousSecretValidForSeconds ?? DEFAULT_PREVIOUS_SECRET_VALIDITY_SECONDS,
    );
    if (!rotated) throw DomainError.notFound('Webhook', id);
    return { ...toView(rotated), secret };
  }

  /** Deletes the webhook and its delivery log; queued retries find no row and stop. */
  async delete(organizationId: string, id: string): Promise<void> {
    if (!(await this.repository.delete(organizationId, id))) throw DomainError.notFound('Webhook', id);
  }

  async deliveries(organizationId: string, webhookId: string, page: PaginationQuery): Promise<WebhookDeliveryPage> {
    await this.existing(organizationId, webhookId);
    const { items, total } = await this.repository.listDeliveries(organizationId, webhookId, page.limit, page.offset);
    return { items: items.map(toDeliveryView), total, limit: page.limit, offset: page.offset };
  }

  /** Sends a `ping` now, once (no retries), also to an inactive webhook; the delivery is in the log like any other. */
  async ping(organizationId: string, webhookId: string): Promise<WebhookPingView> {
    await this.existing(organizationId, webhookId);
    const eventId = newEventId();
    const body = webhookBody(eventId, 'ping', new Date(), { webhookId });
    const delivery = await this.repository.createDelivery(organizationId, webhookId, { eventId, eventType: 'ping', body });
    const result = await this.deliverer.attempt(delivery.id, { final: true });
    if (!result) throw DomainError.notFound('Webhook', webhookId);
    return {
      deliveryId: delivery.id,
      eventId,
      status: result.outcome.succeeded ? 'succeeded' : 'failed',
      statusCode: result.outcome.statusCode,
      error: result.outcome.error,
      durationMs: result.outcome.durationMs,
    };
  }

  /**
   * A domain event: one delivery per subscribed active webhook of its organisation, stored first
   * (the log holds it even if queueing fails), then queued. Never throws: the event's producer
   * has already stored its work.
   */
  async publish<T extends WebhookEventType>(type: T, payload: DomainEventPayloads[T]): Promise<void> {
    try {
      const eventId = newEventId();
      const body = webhookBody(eventId, type, new Date(), webhookEventData(type, payload));
      const ids = await this.repository.createDeliveriesForEvent(payload.organizationId, { eventId, eventType: type, body });
      for (const id of ids) await this.queue.enqueue(id);
    } catch (error) {
      this.logger.error(`Could not queue webhook deliveries of a ${type} event: ${error instanceof Error ? error.name : 'error'}`);
    }
  }

  private async existing(organizationId: string, id: string): Promise<Webhook> {
    const webhook = await this.repository.find(organizationId, id);
    if (!webhook) throw DomainError.notFound('Webhook', id);
    return webhook;
  }

  /** The URL as stored (normalised by the URL parser), once its host is known to be allowed. */
  private async vettedUrl(raw: string): Promise<string> {
    const url = parseWebhookUrl(raw);
    await this.policy.vet(url);
    return url.toString();
  }
}
