import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import { ApiErrorResponses, JSON_BODY_ERRORS } from '../common/api-error-responses.js';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { uuidParam } from '../common/uuid-param.js';
import type { AuthContext } from './auth-context.js';
import { CurrentAuth, RequireScopes } from './auth.decorators.js';
import { ApiKeyView, CreateApiKeyRequest, CreatedApiKeyView, ListApiKeysQuery } from './auth.dto.js';
import { API_KEY_EXAMPLE, CREATED_API_KEY_EXAMPLE } from './auth.examples.js';
import { ApiKeysService } from './api-keys.service.js';
import { isOperator, OrganizationsService } from './organizations.service.js';

@ApiTags('admin')
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Post()
  @RequireScopes('admin')
  @Audited({ action: 'key.create', resourceType: 'api_key' })
  @ApiOperation({ operationId: 'createApiKey', summary: 'Create an API key; the response shows the key once (only its hash is stored)' })
  @ApiCreatedResponse({ type: CreatedApiKeyView, example: CREATED_API_KEY_EXAMPLE })
  @ApiErrorResponses(...JSON_BODY_ERRORS, ErrorCode.NOT_FOUND)
  async create(@CurrentAuth() auth: AuthContext, @Body() body: CreateApiKeyRequest): Promise<CreatedApiKeyView> {
    const organizationId = await this.target(auth, body.organizationId);
    return this.keys.create(organizationId, { name: body.name, scopes: body.scopes });
  }

  @Get()
  @RequireScopes('admin')
  @ApiOperation({ operationId: 'listApiKeys', summary: "The organisation's keys (never the keys themselves)" })
  @ApiOkResponse({ type: ApiKeyView, isArray: true, example: [API_KEY_EXAMPLE] })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ListApiKeysQuery): Promise<ApiKeyView[]> {
    return this.keys.list(await this.target(auth, query.organizationId));
  }

  @Delete(':id')
  @RequireScopes('admin')
  @Audited({ action: 'key.revoke', resourceType: 'api_key' })
  @ApiOperation({
    operationId: 'revokeApiKey',
    summary: 'Revoke a key: it answers 401 from now on',
    description: "NOT_FOUND also for another organisation's key.",
  })
  @ApiParam({ name: 'id', format: 'uuid', example: API_KEY_EXAMPLE.id })
  @ApiOkResponse({ type: ApiKeyView, example: { ...API_KEY_EXAMPLE, revokedAt: '2026-11-29T12:00:00.000Z' } })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
  async revoke(@CurrentAuth() auth: AuthContext, @Param('id', uuidParam) id: string): Promise<ApiKeyView> {
    const organizationId = isOperator(auth) ? ((await this.keys.organizationOf(id)) ?? auth.organizationId) : auth.organizationId;
    return this.keys.revoke(organizationId, id);
  }

  /** The organisation to act for: the caller's own, or (operator only) an existing other one. */
  private async target(auth: AuthContext, requested?: string): Promise<string> {
    if (!requested || requested === auth.organizationId) return auth.organizationId;
    if (!isOperator(auth) || !(await this.organizations.exists(requested))) throw DomainError.notFound('Organization', requested);
    return requested;
  }
}
