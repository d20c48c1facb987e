import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';

/**
 * What happened to an organisation's records, in one vocabulary: webhooks deliver these, and the
 * ingest pipeline reports through them. Payloads carry ids and codes only, never personal data, so
 * they can be logged, queued and sent to a receiver as they are.
 */
export interface DomainEventPayloads {
  /** A resume has its vector: it can be matched and searched by meaning. */
  'resume.ready': { organizationId: string; resumeId: string; externalId?: string | null };
  /** A file of an ingest job could not become a resume (its typed error code and message). */
  'resume.failed': { organizationId: string; ingestJobId?: string; fileName?: string | null; code: string; message: string };
  /** Every file of an ingest job has ended (done, duplicate or failed). */
  'ingest.completed': { organizationId: string; ingestJobId: string; total: number; done: number; duplicate: number; failed: number };
  /** A job has its vector: candidates can be ranked for it. */
  'job.ready': { organizationId: string; jobId: string; externalId?: string | null };
}

export type DomainEventType = keyof DomainEventPayloads;

/** Typed front of the in-process event bus (@nestjs/event-emitter): emitters need not know who listens. */
@Injectable()
export class DomainEvents {
  constructor(private readonly emitter: EventEmitter2) {}

  /** Listeners run after the caller's work is stored; a listener's failure never fails the caller. */
  publish<T extends DomainEventType>(type: T, payload: DomainEventPayloads[T]): void {
    try {
      void this.emitter.emitAsync(type, payload).catch(() => undefined);
    } catch {
      // A listener threw synchronously: the caller's work is stored all the same.
    }
  }
}
