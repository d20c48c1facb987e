import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Audited } from '../../audit/audited.decorator.js';
import { CurrentOrganization, RequireScopes } from '../../auth/auth.decorators.js';
import { ApiErrorResponses, JSON_BODY_ERRORS } from '../../common/api-error-responses.js';
import { ErrorCode } from '../../common/error-codes.js';
import { uuidParam } from '../../common/uuid-param.js';
import { SimilarRecordsRequest, SimilaritySearchResponse } from '../matching.dto.js';
import { SEARCH_EXAMPLE } from '../matching.examples.js';
import { blindLabels } from '../../privacy/blind-review.js';
import { SimilaritySearchService } from './similarity-search.service.js';

const DESCRIPTION =
  'The stored record is the query: its stored vector (vector half) and its stored BM25 terms (keyword half); nothing is ' +
  're-embedded. The record itself is left out. A record without a vector yet answers hybrid by its words (with a ' +
  'warning) and refuses vector mode with 409 EMBEDDING_NOT_READY.';

/** "More like this": a stored resume or job is the query, through its stored vector and BM25 terms. */
@ApiTags('matching')
@Controller('api/v1')
export class SimilarRecordsController {
  constructor(private readonly search: SimilaritySearchService) {}

  @Post('resumes/:id/similar')
  // Answers with resumes, like a search: reading them and matching both.
  @RequireScopes('resumes:read', 'matching')
  @Audited({ action: 'similar.resumes', resourceType: 'resume' })
  @HttpCode(200)
  @ApiOperation({ operationId: 'similarResumes', summary: 'Resumes like this one (hybrid by default)', description: DESCRIPTION })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Resume id', example: '5b3f6f0e-8a51-4a7e-9d0c-2f1f0b8e4a11' })
  @ApiOkResponse({ type: SimilaritySearchResponse, example: SEARCH_EXAMPLE })
  @ApiErrorResponses(...JSON_BODY_ERRORS, ErrorCode.NOT_FOUND, ErrorCode.EMBEDDING_NOT_READY)
  async similarResumes(
    @CurrentOrganization() organizationId: string,
    @Param('id', uuidParam) id: string,
    @Body() body: SimilarRecordsRequest,
  ): Promise<SimilaritySearchResponse> {
    const response = await this.search.similarTo(organizationId, 'resumes', id, body);
    return body.blind ? { ...response, results: blindLabels(response.results) } : response;
  }

  @Get('jobs/:id/similar')
  @RequireScopes('jobs:read', 'matching')
  @Audited({ action: 'similar.jobs', resourceType: 'job' })
  @ApiOperation({ operationId: 'similarJobs', summary: 'Jobs like this one (hybrid by default)', description: DESCRIPTION })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Job id', example: '0d5c8f7a-3b1e-4c62-9a7f-6e2d1b4c9f30' })
  @ApiOkResponse({
    type: SimilaritySearchResponse,
    example: {
      ...SEARCH_EXAMPLE,
      target: 'jobs',
      results: [{ ...SEARCH_EXAMPLE.results[0], id: '0d5c8f7a-3b1e-4c62-9a7f-6e2d1b4c9f30', label: 'Senior Backend Engineer' }],
    },
  })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND, ErrorCode.EMBEDDING_NOT_READY)
  similarJobs(
    @CurrentOrganization() organizationId: string,
    @Param('id', uuidParam) id: string,
    @Query() query: SimilarRecordsRequest,
  ): Promise<SimilaritySearchResponse> {
    return this.search.similarTo(organizationId, 'jobs', id, query);
  }
}
