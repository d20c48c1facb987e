import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import { CurrentOrganization, RequireScopes } from '../auth/auth.decorators.js';
import { ApiErrorResponses, JSON_BODY_ERRORS } from '../common/api-error-responses.js';
import { ErrorCode } from '../common/error-codes.js';
import { uuidParam } from '../common/uuid-param.js';
import { CreateJobRequest, JobIncludeQuery, JobPage, JobPreviewView, JobView, ListJobsQuery } from './jobs.dto.js';
import { JOB_EXAMPLE } from './jobs.examples.js';
import { JobsService } from './jobs.service.js';

@ApiTags('jobs')
@Controller('api/v1/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Post()
  @RequireScopes('jobs:write')
  @Audited({ action: 'job.create', resourceType: 'job' })
  @ApiOperation({ operationId: 'createJob', summary: 'Create a job; title + description + requirements are embedded' })
  @ApiCreatedResponse({ type: JobView, example: JOB_EXAMPLE })
  @ApiErrorResponses(...JSON_BODY_ERRORS, ErrorCode.WORK_BUDGET_EXCEEDED)
  create(@CurrentOrganization() organizationId: string, @Body() body: CreateJobRequest): Promise<JobView> {
    return this.jobs.create(organizationId, body);
  }

  @Post('preview')
  @RequireScopes('jobs:write')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'previewJob',
    summary: 'The required and preferred skills, education, remote and years a job would get; nothing is stored or embedded',
    description: 'Takes the body of POST /api/v1/jobs and answers what the job would be stored with, so it can be checked before saving.',
  })
  @ApiOkResponse({
    type: JobPreviewView,
    example: { skills: JOB_EXAMPLE.skills, parsed: JOB_EXAMPLE.parsed, minYearsExperience: JOB_EXAMPLE.minYearsExperience },
  })
  @ApiErrorResponses(...JSON_BODY_ERRORS)
  preview(@Body() body: CreateJobRequest): JobPreviewView {
    return this.jobs.preview(body);
  }

  @Get()
  @RequireScopes('jobs:read')
  @ApiOperation({ operationId: 'listJobs', summary: 'List jobs, newest first' })
  @ApiOkResponse({ type: JobPage, example: { items: [JOB_EXAMPLE], total: 1, limit: 20, offset: 0 } })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED)
  list(@CurrentOrganization() organizationId: string, @Query() query: ListJobsQuery): Promise<JobPage> {
    return this.jobs.list(organizationId, query.limit, query.offset);
  }

  @Get(':id')
  @RequireScopes('jobs:read')
  @Audited({ action: 'job.read', resourceType: 'job' })
  @ApiOperation({ operationId: 'getJob', summary: 'One job' })
  @ApiParam({ name: 'id', format: 'uuid', example: JOB_EXAMPLE.id })
  @ApiOkResponse({ type: JobView, example: JOB_EXAMPLE })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
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
  @ApiOperation({ operationId: 'deleteJob', summary: 'Delete a job' })
  @ApiParam({ name: 'id', format: 'uuid', example: JOB_EXAMPLE.id })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
  delete(@CurrentOrganization() organizationId: string, @Param('id', uuidParam) id: string): Promise<void> {
    return this.jobs.delete(organizationId, id);
  }
}
