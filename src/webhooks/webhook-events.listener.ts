import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { DomainEventPayloads } from '../events/domain-events.js';
import { WebhooksService } from './webhooks.service.js';

/** Domain events in, webhook deliveries out: the one place that knows which events are delivered. */
@Injectable()
export class WebhookEventsListener {
  constructor(private readonly webhooks: WebhooksService) {}

  @OnEvent('resume.ready')
  onResumeReady(payload: DomainEventPayloads['resume.ready']): Promise<void> {
    return this.webhooks.publish('resume.ready', payload);
  }

  @OnEvent('resume.failed')
  onResumeFailed(payload: DomainEventPayloads['resume.failed']): Promise<void> {
    return this.webhooks.publish('resume.failed', payload);
  }

  @OnEvent('ingest.completed')
  onIngestCompleted(payload: DomainEventPayloads['ingest.completed']): Promise<void> {
    return this.webhooks.publish('ingest.completed', payload);
  }

  @OnEvent('job.ready')
  onJobReady(payload: DomainEventPayloads['job.ready']): Promise<void> {
    return this.webhooks.publish('job.ready', payload);
  }
}
