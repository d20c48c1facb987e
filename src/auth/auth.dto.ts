import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';
import { SCOPES, Scope } from './scopes.js';

export class CreateOrganizationRequest {
  @ApiProperty({ example: 'Acme Recruiting' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Erase resumes older than this many days (null: keep)',
    minimum: 1,
    maximum: 36_500,
    nullable: true,
    example: 365,
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(36_500)
  retentionDays?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Requests per minute per API key (null: the service default)',
    minimum: 1,
    maximum: 1_000_000,
    nullable: true,
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  rateLimitPerMinute?: number | null;
}

export class UpdateOrganizationRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 36_500, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(36_500)
  retentionDays?: number | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1_000_000, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  rateLimitPerMinute?: number | null;
}

export class OrganizationView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: Number }) retentionDays!: number | null;
  @ApiProperty({ nullable: true, type: Number }) rateLimitPerMinute!: number | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class OrganizationDeletionReceiptView {
  @ApiProperty() organizationId!: string;
  @ApiProperty() resumes!: number;
  @ApiProperty() jobs!: number;
  @ApiProperty() apiKeys!: number;
  @ApiProperty({ description: 'Cached embeddings deleted' }) cacheEntries!: number;
  @ApiProperty() deletedAt!: Date;
}

export class CreateApiKeyRequest {
  @ApiProperty({ example: 'ATS integration' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: SCOPES, isArray: true, example: ['resumes:read', 'resumes:write', 'jobs:read', 'jobs:write', 'matching'] })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(SCOPES, { each: true })
  scopes!: Scope[];

  @ApiPropertyOptional({ description: "Another organisation's id (operator admin keys only); default: the caller's" })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class ListApiKeysQuery {
  @ApiPropertyOptional({ description: "Another organisation's id (operator admin keys only); default: the caller's" })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class ApiKeyView {
  @ApiProperty() id!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'First characters of the key, to recognise it', example: 'hm_live_Ab3x' }) prefix!: string;
  @ApiProperty({ enum: SCOPES, isArray: true }) scopes!: Scope[];
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) lastUsedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) revokedAt!: Date | null;
}

export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'The key: shown this once, stored only as a hash' }) key!: string;
}

export class AuditQueryParams {
  @ApiPropertyOptional({ description: 'From this time (inclusive, ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ description: 'Until this time (exclusive, ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @ApiPropertyOptional({ example: 'candidate.erase' })
  @IsOptional()
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  action?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset: number = 0;
}

/** One audit log entry: ids, action names and counts only. */
class AuditEventView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The API key that acted; null for the service itself (retention)',
  })
  keyId!: string | null;
  @ApiProperty({ example: 'resume.read' }) action!: string;
  @ApiProperty({ type: String, nullable: true, example: 'resume' }) resourceType!: string | null;
  @ApiProperty({ type: String, nullable: true }) resourceId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Client address' }) ip!: string | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }] },
    description: 'Counts and flags only',
  })
  details!: Record<string, number | string | boolean> | null;
  @ApiProperty() occurredAt!: Date;
}

export class AuditEventPageView {
  @ApiProperty({ type: [AuditEventView] }) items!: AuditEventView[];
  @ApiProperty({ type: 'integer', minimum: 0 }) total!: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) limit!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) offset!: number;
}
