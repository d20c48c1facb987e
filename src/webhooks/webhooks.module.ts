import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { WebhookAddressPolicy } from './webhook-address-policy.js';
import { WebhookDeliverer } from './webhook-deliverer.js';
import { WebhookDeliveryQueue } from './webhook-delivery-queue.js';
import { WebhookEventsListener } from './webhook-events.listener.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

/** Webhooks (issue 13): receivers per organisation, signed deliveries of domain events, retried on the queue. */
@Module({
  controllers: [WebhooksController],
  providers: [
    WebhooksService,
    WebhooksRepository,
    WebhookDeliverer,
    WebhookDeliveryQueue,
    WebhookEventsListener,
    {
      provide: WebhookAddressPolicy,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new WebhookAddressPolicy(config.webhookAllowedHosts, Math.min(config.webhookTimeoutMs, 5_000)),
    },
  ],
})
export class WebhooksModule {}
