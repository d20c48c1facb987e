import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import { ApiErrorResponses, JSON_BODY_ERRORS } from '../common/api-error-responses.js';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { uuidParam } from '../common/uuid-param.js';
import type { AuthContext } from './auth-context.js';
import { CurrentAuth, RequireScopes } from './auth.decorators.js';
import { CreateOrganizationRequest, OrganizationView, UpdateOrganizationRequest } from './auth.dto.js';
import { ORGANIZATION_EXAMPLE } from './auth.examples.js';
import { isOperator, OrganizationsService } from './organizations.service.js';

@ApiTags('admin')
@Controller('api/v1/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @RequireScopes('admin')
  @Audited({ action: 'organization.create', resourceType: 'organization' })
  @ApiOperation({
    operationId: 'createOrganization',
    summary: 'Create an organisation (operator admin keys only); then create its first key with POST /api/v1/api-keys',
  })
  @ApiCreatedResponse({ type: OrganizationView, example: ORGANIZATION_EXAMPLE })
  @ApiErrorResponses(...JSON_BODY_ERRORS)
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateOrganizationRequest): Promise<OrganizationView> {
    if (!isOperator(auth)) throw new DomainError(ErrorCode.FORBIDDEN, "Only the operator organisation's admin keys create organisations");
    return this.organizations.create(body);
  }

  @Get()
  @RequireScopes('admin')
  @ApiOperation({
    operationId: 'listOrganizations',
    summary: "Organisations: all of them for the operator's admin keys, otherwise the caller's own",
  })
  @ApiOkResponse({ type: OrganizationView, isArray: true, example: [ORGANIZATION_EXAMPLE] })
  list(@CurrentAuth() auth: AuthContext): Promise<OrganizationView[]> {
    return this.organizations.list(auth);
  }

  @Get(':id')
  @RequireScopes('admin')
  @ApiOperation({
    operationId: 'getOrganization',
    summary: 'One organisation',
    description: 'NOT_FOUND also for an organisation the key may not see.',
  })
  @ApiParam({ name: 'id', format: 'uuid', example: ORGANIZATION_EXAMPLE.id })
  @ApiOkResponse({ type: OrganizationView, example: ORGANIZATION_EXAMPLE })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
  get(@CurrentAuth() auth: AuthContext, @Param('id', uuidParam) id: string): Promise<OrganizationView> {
    return this.organizations.get(auth, id);
  }

  @Patch(':id')
  @RequireScopes('admin')
  @Audited({ action: 'organization.update', resourceType: 'organization' })
  @ApiOperation({
    operationId: 'updateOrganization',
    summary: 'Change name, retentionDays (erase resumes older than that) or rateLimitPerMinute',
  })
  @ApiParam({ name: 'id', format: 'uuid', example: ORGANIZATION_EXAMPLE.id })
  @ApiOkResponse({ type: OrganizationView, example: ORGANIZATION_EXAMPLE })
  @ApiErrorResponses(...JSON_BODY_ERRORS, ErrorCode.NOT_FOUND)
  update(
    @CurrentAuth() auth: AuthContext,
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateOrganizationRequest,
  ): Promise<OrganizationView> {
    return this.organizations.update(auth, id, body);
  }
}
