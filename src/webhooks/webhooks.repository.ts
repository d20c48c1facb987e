import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '../database/tenant-database.js';
import { Webhook, WebhookDelivery } from '../generated/prisma/client.js';
import type { AttemptOutcome } from './webhook-sender.js';

export interface NewWebhook {
  url: string;
  events: string[];
  description: string | null;
  secret: string;
}

export interface WebhookChanges {
  url?: string;
  events?: string[];
  description?: string | null;
  active?: boolean;
}

export interface NewDelivery {
  eventId: string;
  eventType: string;
  body: string;
}

/** A delivery with what an attempt needs of its webhook. */
export type DeliveryToSend = WebhookDelivery & {
  webhook: Pick<Webhook, 'url' | 'secret' | 'previousSecret' | 'previousSecretExpiresAt' | 'active'>;
};

/** Where a delivery stands after an attempt was recorded. */
export interface RecordedAttempt {
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  nextAttemptAt: Date | null;
}

/** Webhooks and their delivery log; tenant reads and writes run under row-level security. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly db: TenantDatabase) {}

  create(organizationId: string, webhook: NewWebhook): Promise<Webhook> {
    return this.db.forOrganization(organizationId, (tx) => tx.webhook.create({ data: { organizationId, ...webhook } }));
  }

  list(organizationId: string, limit: number, offset: number): Promise<{ items: Webhook[]; total: number }> {
    const where = { organizationId };
    return this.db.forOrganization(organizationId, async (tx) => ({
      items: await tx.webhook.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: limit, skip: offset }),
      total: await tx.webhook.count({ where }),
    }));
  }

  find(organizationId: string, id: string): Promise<Webhook | null> {
    return this.db.forOrganization(organizationId, (tx) => tx.webhook.findFirst({ where: { id, organizationId } }));
  }

  /**
   * Replaces the signing secret; the one it replaces keeps signing (beside it) for
   * `previousValidSeconds` from the database's clock, 0: not at all. null: no such webhook.
   */
  rotateSecret(organizationId: string, id: string, secret: string, previousValidSeconds: number): Promise<Webhook | null> {
    return this.db.forOrganization(organizationId, async (tx) => {
      // In an UPDATE every right-hand `secret` is the row's value before it: the one being replaced.
      const count = await tx.$executeRaw`
        UPDATE webhooks SET
          previous_secret = CASE WHEN ${previousValidSeconds}::integer > 0 THEN secret END,
          previous_secret_expires_at = CASE WHEN ${previousValidSeconds}::integer > 0 THEN now() + make_interval(secs => ${previousValidSeconds}::integer) END,
          secret = ${secret}, updated_at = now()
        WHERE id = ${id}::uuid AND organization_id = ${organizationId}::uuid`;
      return count ? tx.webhook.findFirst({ where: { id, organizationId } }) : null;
    });
  }

  /** null: no such webhook in the organisation. */
  update(organizationId: string, id: string, changes: WebhookChanges): Promise<Webhook | null> {
    return this.db.forOrganization(organizationId, async (tx) => {
      const { count } = await tx.webhook.updateMany({ where: { id, organizationId }, data: changes });
      return count ? tx.webhook.findFirst({ where: { id, organizationId } }) : null;
    });
  }

  /** Deletes the webhook and its delivery log (cascade); false: no such webhook. */
  delete(organizationId: string, id: string): Promise<boolean> {
    return this.db.forOrganization(
      organizationId,
      async (tx) => (await tx.webhook.deleteMany({ where: { id, organizationId } })).count > 0,
    );
  }

  /**
   * One pending delivery per active webhook of the organisation subscribed to the event, in one
   * transaction: an event is either logged for every subscriber or for none. Returns their ids.
   */
  createDeliveriesForEvent(organizationId: string, delivery: NewDelivery): Promise<string[]> {
    return this.db.forOrganization(organizationId, async (tx) => {
      const hooks = await tx.webhook.findMany({
        where: { organizationId, active: true, events: { has: delivery.eventType } },
        select: { id: true },
        orderBy: { id: 'asc' },
      });
      if (!hooks.length) return [];
      const rows = await tx.webhookDelivery.createManyAndReturn({
        data: hooks.map((hook) => ({ organizationId, webhookId: hook.id, ...delivery })),
        select: { id: true },
      });
      return rows.map((row) => row.id);
    });
  }

  createDelivery(organizationId: string, webhookId: string, delivery: NewDelivery): Promise<WebhookDelivery> {
    return this.db.forOrganization(organizationId, (tx) => tx.webhookDelivery.create({ data: { organizationId, webhookId, ...delivery } }));
  }

  listDeliveries(
    organizationId: string,
    webhookId: string,
    limit: number,
    offset: number,
  ): Promise<{ items: WebhookDelivery[]; total: number }> {
    const where = { organizationId, webhookId };
    return this.db.forOrganization(organizationId, async (tx) => ({
      items: await tx.webhookDelivery.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit, skip: offset }),
      total: await tx.webhookDelivery.count({ where }),
    }));
  }

  findDelivery(organizationId: string, id: string): Promise<WebhookDelivery | null> {
    return this.db.forOrganization(organizationId, (tx) => tx.webhookDelivery.findFirst({ where: { id, organizationId } }));
  }

  /** For the delivery worker, which knows only the delivery id (it may run on another machine): across organisations. */
  findDeliveryToSend(id: string): Promise<DeliveryToSend | null> {
    return this.db.asSystem((tx) =>
      tx.webhookDelivery.findUnique({
        where: { id },
        include: { webhook: { select: { url: true, secret: true, previousSecret: true, previousSecretExpiresAt: true, active: true } } },
      }),
    );
  }

  /** Pending deliveries of every organisation (start-up recovery), oldest first; pings are never retried. */
  pendingDeliveries(limit = 10_000): Promise<Pick<WebhookDelivery, 'id' | 'nextAttemptAt'>[]> {
    return this.db.asSystem((tx) =>
      tx.webhookDelivery.findMany({
        where: { status: 'pending', eventType: { not: 'ping' } },
        select: { id: true, nextAttemptAt: true },
        orderBy: { createdAt: 'asc' },
        take: limit,
      }),
    );
  }

  /**
   * Records one attempt and decides, in the same statement, what follows: a 2xx ends it
   * `succeeded`; a failure is retried (`next_attempt_at` = now + retryBaseMs x 2^(n-1) after attempt
   * n) until `maxAttempts`, then `failed`; `final` fails it at once. Only a pending delivery is
   * updated (null otherwise), so a duplicate job cannot count an attempt twice.
   */
  async recordAttempt(
    id: string,
    outcome: AttemptOutcome,
    policy: { maxAttempts: number; retryBaseMs: number; final: boolean },
  ): Promise<RecordedAttempt | null> {
    const rows = await this.db.asSystem(
      (tx) => tx.$queryRaw<{ status: RecordedAttempt['status']; attempts: number; next_attempt_at: Date | null }[]>`
        UPDATE webhook_deliveries SET
          attempts = attempts + 1,
          last_status_code = ${outcome.statusCode}::integer,
          last_error = ${outcome.error}::text,
          last_duration_ms = ${outcome.durationMs}::integer,
          attempt_log = attempt_log || jsonb_build_array(jsonb_build_object(
            'attempt', attempts + 1, 'at', now(), 'statusCode', ${outcome.statusCode}::integer,
            'error', ${outcome.error}::text, 'durationMs', ${outcome.durationMs}::integer)),
          status = CASE WHEN ${outcome.succeeded}::boolean THEN 'succeeded'
                        WHEN ${policy.final}::boolean OR attempts + 1 >= ${policy.maxAttempts}::integer THEN 'failed'
                        ELSE 'pending' END,
          next_attempt_at = CASE WHEN ${outcome.succeeded}::boolean OR ${policy.final}::boolean OR attempts + 1 >= ${policy.maxAttempts}::integer THEN NULL
                                 ELSE now() + make_interval(secs => ${policy.retryBaseMs}::double precision * power(2, attempts) / 1000) END,
          delivered_at = CASE WHEN ${outcome.succeeded}::boolean THEN now() ELSE NULL END
        WHERE id = ${id}::uuid AND status = 'pending'
        RETURNING status, attempts, next_attempt_at`,
    );
    const row = rows[0];
    return row ? { status: row.status, attempts: row.attempts, nextAttemptAt: row.next_attempt_at } : null;
  }
}
