import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import { CurrentOrganization, RequireScopes } from '../auth/auth.decorators.js';
import { uuidParam } from '../common/uuid-param.js';
import { CreateJobRequest, JobIncludeQuery, JobPage, JobView, ListJobsQuery } from './jobs.dto.js';
import { JobsService } from './jobs.service.js';

@ApiTags('jobs')
@Controller('api/v1/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Post()
  @RequireScopes('jobs:write')
  @Audited({ action: 'job.create', resourceType: 'job' })
  @ApiOperation({ summary: 'Create a job; title + description + requirements are embedded' })
  @ApiCreatedResponse({ type: JobView })
  create(@CurrentOrganization() organizationId: string, @Body() body: CreateJobRequest): Promise<JobView> {
    return this.jobs.create(organizationId, body);
  }

  @Get()
  @RequireScopes('jobs:read')
  @ApiOperation({ summary: 'List jobs, newest first' })
  @ApiOkResponse({ type: JobPage })
  list(@CurrentOrganization() organizationId: string, @Query() query: ListJobsQuery): Promise<JobPage> {
    return this.jobs.list(organizationId, query.limit, query.offset);
  }

  @Get(':id')
  @RequireScopes('jobs:read')
  @Audited({ action: 'job.read', resourceType: 'job' })
  @ApiOperation({ summary: 'One job' })
  @ApiOkResponse({ type: JobView })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  get(
    @CurrentOrganization() organizationId: string,
    @Param('id', uuidParam) id: string,
    @Query() query: JobIncludeQuery,
  ): Promise<JobView> {
    return this.jobs.get(organizationId, id, query.include?.includes('embedding'));
  }

  @Delete(':id')
  @RequireScopes('jobs:write')
  @Audited({ action: 'job.delete', resourceType: 'job' })
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a job' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  delete(@CurrentOrganization() organizationId: string, @Param('id', uuidParam) id: string): Promise<void> {
    return this.jobs.delete(organizationId, id);
  }
}
