import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { WEBHOOK_EVENT_TYPES, type DeliveredEventType, type WebhookEventType } from './webhook-events.js';
import { DEFAULT_PREVIOUS_SECRET_VALIDITY_SECONDS, MAX_PREVIOUS_SECRET_VALIDITY_SECONDS } from './webhook-signature.js';

const URL_DESCRIPTION =
  'Absolute http(s) URL of the receiver, without user name, password or fragment. Its host must not be (or resolve to) a ' +
  'private, loopback, link-local or reserved address unless the operator allows it (WEBHOOK_ALLOWED_HOSTS)';

export class CreateWebhookRequest {
  @ApiProperty({ example: 'https://ats.example.com/hooks/hirematch', maxLength: 2048, description: URL_DESCRIPTION })
  @IsString()
  @Length(1, 2048)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, minItems: 1, example: ['resume.ready', 'resume.failed'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events!: WebhookEventType[];

  @ApiPropertyOptional({ maxLength: 500, example: 'ATS production' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  description?: string;
}

export class UpdateWebhookRequest {
  @ApiPropertyOptional({ maxLength: 2048, description: URL_DESCRIPTION })
  @IsOptional()
  @IsString()
  @Length(1, 2048)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true, minItems: 1 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events?: WebhookEventType[];

  @ApiPropertyOptional({ maxLength: 500, nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(0, 500)
  description?: string | null;

  @ApiPropertyOptional({ description: 'false: no new deliveries (pending retries end `failed`); pings still work' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class RotateWebhookSecretRequest {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_PREVIOUS_SECRET_VALIDITY_SECONDS,
    default: DEFAULT_PREVIOUS_SECRET_VALIDITY_SECONDS,
    description:
      'How long deliveries are still signed with the secret being replaced too (a second `v1=` in HireMatch-Signature), ' +
      'so the receiver can switch whenever it deploys; 0: the old secret stops at once (it leaked)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PREVIOUS_SECRET_VALIDITY_SECONDS)
  previousSecretValidForSeconds?: number;
}

export class WebhookView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) events!: WebhookEventType[];
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({
    type: Date,
    nullable: true,
    description: 'While a rotation runs: until when deliveries are also signed with the previous secret; else null',
  })
  previousSecretExpiresAt!: Date | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class CreatedWebhookView extends WebhookView {
  @ApiProperty({
    description: 'The signing secret (HMAC-SHA256 key of the HireMatch-Signature header): shown this once; store it with the receiver',
    example: 'whsec_2q3v9Kx0cXQ8bq1sQ7mJ4fZr6yTn5wLe8uHd3aPg0ks',
  })
  secret!: string;
}

export class WebhookPage {
  @ApiProperty({ type: [WebhookView] }) items!: WebhookView[];
  @ApiProperty({ type: 'integer', minimum: 0, example: 1 }) total!: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 20 }) limit!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) offset!: number;
}

const DELIVERED_EVENT_TYPES: DeliveredEventType[] = [...WEBHOOK_EVENT_TYPES, 'ping'];

export class DeliveryAttemptView {
  @ApiProperty({ type: 'integer', minimum: 1 }) attempt!: number;
  @ApiProperty() at!: Date;
  @ApiProperty({ type: 'integer', nullable: true, description: "The receiver's status code; null: no answer" }) statusCode!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) durationMs!: number;
}

export class WebhookDeliveryView {
  @ApiProperty({ format: 'uuid', description: 'Sent as the HireMatch-Delivery header' }) id!: string;
  @ApiProperty({ format: 'uuid' }) webhookId!: string;
  @ApiProperty({ example: 'evt_q2Vb6n0cJ8sXl1TfR4yKm7aD', description: 'The event id (body `id`): the same on every webhook and retry' })
  eventId!: string;
  @ApiProperty({ enum: DELIVERED_EVENT_TYPES }) eventType!: DeliveredEventType;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] }) status!: 'pending' | 'succeeded' | 'failed';
  @ApiProperty({ type: 'integer', minimum: 0 }) attempts!: number;
  @ApiProperty({ type: 'integer', nullable: true }) lastStatusCode!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) lastDurationMs!: number | null;
  @ApiProperty({ type: [DeliveryAttemptView] }) attemptLog!: DeliveryAttemptView[];
  @ApiProperty({ type: Date, nullable: true, description: 'When the next retry is due (pending after a failed attempt)' })
  nextAttemptAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) deliveredAt!: Date | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class WebhookDeliveryPage {
  @ApiProperty({ type: [WebhookDeliveryView] }) items!: WebhookDeliveryView[];
  @ApiProperty({ type: 'integer', minimum: 0, example: 1 }) total!: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 20 }) limit!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) offset!: number;
}

export class WebhookPingView {
  @ApiProperty({ format: 'uuid' }) deliveryId!: string;
  @ApiProperty({ example: 'evt_q2Vb6n0cJ8sXl1TfR4yKm7aD' }) eventId!: string;
  @ApiProperty({ enum: ['succeeded', 'failed'] }) status!: 'succeeded' | 'failed';
  @ApiProperty({ type: 'integer', nullable: true }) statusCode!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) durationMs!: number;
}
