import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../audit/audited.decorator.js';
import { CurrentOrganization, RequireScopes } from '../auth/auth.decorators.js';
import { ApiErrorResponses, JSON_BODY_ERRORS } from '../common/api-error-responses.js';
import { ErrorCode } from '../common/error-codes.js';
import { uuidParam } from '../common/uuid-param.js';
import {
  CreateJobRequest,
  JobIncludeQuery,
  JobPage,
  JobPreviewView,
  JobView,
  ListJobsQuery,
  SavedJobView,
  UpdateJobRequest,
} from './jobs.dto.js';
import { JOB_EXAMPLE } from './jobs.examples.js';
import { JobsService } from './jobs.service.js';

@ApiTags('jobs')
@Controller('api/v1/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Post()
  @RequireScopes('jobs:write')
  @Audited({ action: 'job.create', resourceType: 'job', details: (_, result) => ({ outcome: (result as SavedJobView).outcome }) })
  @ApiOperation({
    operationId: 'createJob',
    summary: 'Create a job; title + description + requirements are embedded',
    description:
      'With an `externalId` (your ATS id) that names a job of your organisation, that job is updated instead: its fields become ' +
      "this request's, its id stays, it is embedded again only if its text changed, and the answer is **200** with " +
      '`outcome: "updated"` (201 `outcome: "created"` otherwise).',
  })
  @ApiCreatedResponse({ type: SavedJobView, description: 'A new job', example: { ...JOB_EXAMPLE, outcome: 'created' } })
  @ApiOkResponse({ type: SavedJobView, description: "The externalId's job, updated", example: { ...JOB_EXAMPLE, outcome: 'updated' } })
  @ApiErrorResponses(...JSON_BODY_ERRORS, ErrorCode.WORK_BUDGET_EXCEEDED)
  async create(
    @CurrentOrganization() organizationId: string,
    @Body() body: CreateJobRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SavedJobView> {
    const job = await this.jobs.create(organizationId, body);
    if (job.outcome === 'updated') response.status(200);
    return job;
  }

  @Patch(':id')
  @RequireScopes('jobs:write')
  @Audited({ action: 'job.update', resourceType: 'job' })
  @ApiOperation({
    operationId: 'updateJob',
    summary: 'Change some fields of a job; it is parsed again, and embedded again only when its text changes',
    description:
      'Fields left out keep their values. Skills, education, remote and years you gave stay; those read from the text are read ' +
      'again. A change to title, description or requirements makes a new vector (or `embeddingStatus: pending` while the model ' +
      'is unavailable); any other change keeps the vector. 409 EXTERNAL_ID_IN_USE when another job has the externalId.',
  })
  @ApiParam({ name: 'id', format: 'uuid', example: JOB_EXAMPLE.id })
  @ApiOkResponse({ type: JobView, example: JOB_EXAMPLE })
  @ApiErrorResponses(...JSON_BODY_ERRORS, ErrorCode.WORK_BUDGET_EXCEEDED, ErrorCode.NOT_FOUND, ErrorCode.EXTERNAL_ID_IN_USE)
  update(
    @CurrentOrganization() organizationId: string,
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateJobRequest,
  ): Promise<JobView> {
    return this.jobs.update(organizationId, id, body);
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
