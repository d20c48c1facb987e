import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrganization } from '../../common/organization.js';
import { uuidParam } from '../../common/uuid-param.js';
import { SimilarRecordsRequest, SimilaritySearchResponse } from '../matching.dto.js';
import { SimilaritySearchService } from './similarity-search.service.js';

/** "More like this": a stored resume or job is the query, through its stored vector and BM25 terms. */
@ApiTags('matching')
@Controller('api/v1')
export class SimilarRecordsController {
  constructor(private readonly search: SimilaritySearchService) {}

  @Post('resumes/:id/similar')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resumes like this one (stored vector and BM25 terms; hybrid by default); the resume itself is left out' })
  @ApiOkResponse({ type: SimilaritySearchResponse })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  similarResumes(
    @CurrentOrganization() organizationId: string,
    @Param('id', uuidParam) id: string,
    @Body() body: SimilarRecordsRequest,
  ): Promise<SimilaritySearchResponse> {
    return this.search.similarTo(organizationId, 'resumes', id, body);
  }

  @Get('jobs/:id/similar')
  @ApiOperation({ summary: 'Jobs like this one (stored vector and BM25 terms; hybrid by default); the job itself is left out' })
  @ApiOkResponse({ type: SimilaritySearchResponse })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  similarJobs(
    @CurrentOrganization() organizationId: string,
    @Param('id', uuidParam) id: string,
    @Query() query: SimilarRecordsRequest,
  ): Promise<SimilaritySearchResponse> {
    return this.search.similarTo(organizationId, 'jobs', id, query);
  }
}
