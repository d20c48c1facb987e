import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import { ApiError } from '../common/api-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { uuidParam } from '../common/uuid-param.js';
import type { AuthContext } from './auth-context.js';
import { CurrentAuth, RequireScopes } from './auth.decorators.js';
import { CreateOrganizationRequest, OrganizationView, UpdateOrganizationRequest } from './auth.dto.js';
import { isOperator, OrganizationsService } from './organizations.service.js';

@ApiTags('admin')
@Controller('api/v1/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @RequireScopes('admin')
  @Audited({ action: 'organization.create', resourceType: 'organization' })
  @ApiOperation({ summary: 'Create an organisation (operator admin keys only); then create its first key with POST /api/v1/api-keys' })
  @ApiCreatedResponse({ type: OrganizationView })
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateOrganizationRequest): Promise<OrganizationView> {
    if (!isOperator(auth)) throw new ApiError(ErrorCode.FORBIDDEN, "Only the operator organisation's admin keys create organisations");
    return this.organizations.create(body);
  }

  @Get()
  @RequireScopes('admin')
  @ApiOperation({ summary: "Organisations: all of them for the operator's admin keys, otherwise the caller's own" })
  @ApiOkResponse({ type: OrganizationView, isArray: true })
  list(@CurrentAuth() auth: AuthContext): Promise<OrganizationView[]> {
    return this.organizations.list(auth);
  }

  @Get(':id')
  @RequireScopes('admin')
  @ApiOperation({ summary: 'One organisation' })
  @ApiOkResponse({ type: OrganizationView })
  @ApiNotFoundResponse({ description: 'NOT_FOUND (also for an organisation the key may not see)' })
  get(@CurrentAuth() auth: AuthContext, @Param('id', uuidParam) id: string): Promise<OrganizationView> {
    return this.organizations.get(auth, id);
  }

  @Patch(':id')
  @RequireScopes('admin')
  @Audited({ action: 'organization.update', resourceType: 'organization' })
  @ApiOperation({ summary: 'Change name, retentionDays (erase resumes older than that) or rateLimitPerMinute' })
  @ApiOkResponse({ type: OrganizationView })
  update(
    @CurrentAuth() auth: AuthContext,
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateOrganizationRequest,
  ): Promise<OrganizationView> {
    return this.organizations.update(auth, id, body);
  }
}
