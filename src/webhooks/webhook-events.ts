import { randomBytes } from 'node:crypto';
import type { DomainEventPayloads, DomainEventType } from '../events/domain-events.js';

/** The events a webhook may subscribe to: the domain events, one for one. */
export const WEBHOOK_EVENT_TYPES = [
  'resume.ready',
  'resume.failed',
  'ingest.completed',
  'job.ready',
] as const satisfies readonly DomainEventType[];

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What a delivery can carry: a subscribed event, or the test `ping`. */
export type DeliveredEventType = WebhookEventType | 'ping';

/**
 * The fields of each event a receiver gets: ids, codes and counts. Chosen per event rather than
 * passing the payload through, so a field added to a domain event later (a file name, say) is
 * not sent to third parties without a decision here.
 */
const DELIVERED_FIELDS: { [T in WebhookEventType]: readonly (keyof DomainEventPayloads[T])[] } = {
  'resume.ready': ['resumeId', 'externalId'],
  'resume.failed': ['ingestJobId', 'code'],
  'ingest.completed': ['ingestJobId', 'total', 'done', 'duplicate', 'failed'],
  'job.ready': ['jobId', 'externalId'],
};

/** The `data` of an event body: the chosen fields that are present (never the file name or message of a failure). */
export function webhookEventData<T extends WebhookEventType>(type: T, payload: DomainEventPayloads[T]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of DELIVERED_FIELDS[type]) {
    const value = payload[field];
    if (value !== undefined && value !== null) data[field as string] = value;
  }
  return data;
}

/** `evt_` + 24 random bytes: one per event, the same on every webhook and retry it goes to. */
export function newEventId(): string {
  return `evt_${randomBytes(18).toString('base64url')}`;
}

/** The JSON body every delivery sends, as stored (the exact bytes every attempt signs and sends). */
export function webhookBody(eventId: string, type: DeliveredEventType, createdAt: Date, data: Record<string, unknown>): string {
  return JSON.stringify({ id: eventId, type, createdAt: createdAt.toISOString(), data });
}
