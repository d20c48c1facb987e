import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import { CurrentOrganization, RequireScopes } from '../auth/auth.decorators.js';
import { ApiErrorResponses, JSON_BODY_ERRORS } from '../common/api-error-responses.js';
import { ErrorCode } from '../common/error-codes.js';
import { PaginationQuery } from '../common/pagination.dto.js';
import { uuidParam } from '../common/uuid-param.js';
import { REPLAY_WINDOW_SECONDS } from './webhook-signature.js';
import {
  CreatedWebhookView,
  CreateWebhookRequest,
  RotateWebhookSecretRequest,
  UpdateWebhookRequest,
  WebhookDeliveryPage,
  WebhookPage,
  WebhookPingView,
  WebhookView,
} from './webhooks.dto.js';
import {
  CREATED_WEBHOOK_EXAMPLE,
  ROTATED_WEBHOOK_EXAMPLE,
  WEBHOOK_DELIVERY_EXAMPLE,
  WEBHOOK_EXAMPLE,
  WEBHOOK_PING_EXAMPLE,
} from './webhooks.examples.js';
import { WebhooksService } from './webhooks.service.js';

const URL_ERRORS = [...JSON_BODY_ERRORS, ErrorCode.WEBHOOK_URL_INVALID, ErrorCode.WEBHOOK_URL_FORBIDDEN];

@ApiTags('webhooks')
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @RequireScopes('webhooks:manage')
  @Audited({ action: 'webhook.create', resourceType: 'webhook' })
  @ApiOperation({
    operationId: 'createWebhook',
    summary: 'Register a receiver URL for events; the response shows the signing secret once',
    description:
      'Each delivery is a POST of `{"id":"evt_…","type":…,"createdAt":…,"data":{…ids…}}` with the headers ' +
      '`HireMatch-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, `HireMatch-Event` and ' +
      `\`HireMatch-Delivery\`. Receivers should refuse a \`t\` older than ${REPLAY_WINDOW_SECONDS} s. Failed deliveries ` +
      '(anything but 2xx) are retried with exponential backoff. The host must not resolve to a private address ' +
      '(WEBHOOK_URL_FORBIDDEN) unless the operator allows it.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookView, example: CREATED_WEBHOOK_EXAMPLE })
  @ApiErrorResponses(...URL_ERRORS)
  create(@CurrentOrganization() organizationId: string, @Body() body: CreateWebhookRequest): Promise<CreatedWebhookView> {
    return this.webhooks.create(organizationId, body);
  }

  @Get()
  @RequireScopes('webhooks:manage')
  @ApiOperation({ operationId: 'listWebhooks', summary: "The organisation's webhooks, newest first (never their secrets)" })
  @ApiOkResponse({ type: WebhookPage, example: { items: [WEBHOOK_EXAMPLE], total: 1, limit: 20, offset: 0 } })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED)
  list(@CurrentOrganization() organizationId: string, @Query() query: PaginationQuery): Promise<WebhookPage> {
    return this.webhooks.list(organizationId, query);
  }

  @Get(':id')
  @RequireScopes('webhooks:manage')
  @ApiOperation({ operationId: 'getWebhook', summary: 'One webhook (not its secret)' })
  @ApiParam({ name: 'id', format: 'uuid', example: WEBHOOK_EXAMPLE.id })
  @ApiOkResponse({ type: WebhookView, example: WEBHOOK_EXAMPLE })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
  get(@CurrentOrganization() organizationId: string, @Param('id', uuidParam) id: string): Promise<WebhookView> {
    return this.webhooks.get(organizationId, id);
  }

  @Patch(':id')
  @RequireScopes('webhooks:manage')
  @Audited({ action: 'webhook.update', resourceType: 'webhook' })
  @ApiOperation({ operationId: 'updateWebhook', summary: 'Change the URL, events, description or active flag' })
  @ApiParam({ name: 'id', format: 'uuid', example: WEBHOOK_EXAMPLE.id })
  @ApiOkResponse({ type: WebhookView, example: { ...WEBHOOK_EXAMPLE, active: false } })
  @ApiErrorResponses(...URL_ERRORS, ErrorCode.NOT_FOUND)
  update(
    @CurrentOrganization() organizationId: string,
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateWebhookRequest,
  ): Promise<WebhookView> {
    return this.webhooks.update(organizationId, id, body);
  }

  @Delete(':id')
  @RequireScopes('webhooks:manage')
  @Audited({ action: 'webhook.delete', resourceType: 'webhook' })
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteWebhook', summary: 'Delete a webhook and its delivery log; pending retries stop' })
  @ApiParam({ name: 'id', format: 'uuid', example: WEBHOOK_EXAMPLE.id })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
  delete(@CurrentOrganization() organizationId: string, @Param('id', uuidParam) id: string): Promise<void> {
    return this.webhooks.delete(organizationId, id);
  }

  @Post(':id/rotate-secret')
  @RequireScopes('webhooks:manage')
  @Audited({ action: 'webhook.rotate_secret', resourceType: 'webhook' })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rotateWebhookSecret',
    summary: 'Replace the signing secret; the response shows the new one once',
    description:
      'Until `previousSecretExpiresAt` every delivery carries two signatures, `t=…,v1=<new>,v1=<previous>`: a receiver ' +
      'that accepts any matching `v1` keeps working while it switches to the new secret. `previousSecretValidForSeconds: 0` ' +
      'stops the previous secret at once (it leaked).',
  })
  @ApiParam({ name: 'id', format: 'uuid', example: WEBHOOK_EXAMPLE.id })
  @ApiOkResponse({ type: CreatedWebhookView, example: ROTATED_WEBHOOK_EXAMPLE })
  @ApiErrorResponses(...JSON_BODY_ERRORS, ErrorCode.NOT_FOUND)
  rotateSecret(
    @CurrentOrganization() organizationId: string,
    @Param('id', uuidParam) id: string,
    @Body() body: RotateWebhookSecretRequest,
  ): Promise<CreatedWebhookView> {
    return this.webhooks.rotateSecret(organizationId, id, body);
  }

  @Post(':id/ping')
  @RequireScopes('webhooks:manage')
  @Audited({ action: 'webhook.ping', resourceType: 'webhook' })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'pingWebhook',
    summary: 'Send a `ping` event now, once, and say how the receiver answered',
    description: 'Also to an inactive webhook. The delivery is in the log; a failed ping is not retried.',
  })
  @ApiParam({ name: 'id', format: 'uuid', example: WEBHOOK_EXAMPLE.id })
  @ApiOkResponse({ type: WebhookPingView, example: WEBHOOK_PING_EXAMPLE })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
  ping(@CurrentOrganization() organizationId: string, @Param('id', uuidParam) id: string): Promise<WebhookPingView> {
    return this.webhooks.ping(organizationId, id);
  }

  @Get(':id/deliveries')
  @RequireScopes('webhooks:manage')
  @ApiOperation({ operationId: 'listWebhookDeliveries', summary: "The webhook's delivery log, newest first, with every attempt" })
  @ApiParam({ name: 'id', format: 'uuid', example: WEBHOOK_EXAMPLE.id })
  @ApiOkResponse({ type: WebhookDeliveryPage, example: { items: [WEBHOOK_DELIVERY_EXAMPLE], total: 1, limit: 20, offset: 0 } })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
  deliveries(
    @CurrentOrganization() organizationId: string,
    @Param('id', uuidParam) id: string,
    @Query() query: PaginationQuery,
  ): Promise<WebhookDeliveryPage> {
    return this.webhooks.deliveries(organizationId, id, query);
  }
}
