import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import { CurrentOrganization, RequireScopes } from '../auth/auth.decorators.js';
import { ApiErrorResponses, JSON_BODY_ERRORS } from '../common/api-error-responses.js';
import { ErrorCode } from '../common/error-codes.js';
import {
  BatchMatchRequest,
  CalculateMatchRequest,
  ExplainMatchRequest,
  SimilaritySearchRequest,
  SimilaritySearchResponse,
} from './matching.dto.js';
import { BatchMatchResponse, MatchExplanationView, MatchResultView } from './match-result.dto.js';
import { BATCH_EXAMPLE, EXPLANATION_EXAMPLE, MATCH_RESULT_EXAMPLE, SEARCH_EXAMPLE } from './matching.examples.js';
import { MatchingService } from './matching.service.js';
import { blindLabels } from '../privacy/blind-review.js';
import { SimilaritySearchService } from './search/similarity-search.service.js';

@ApiTags('matching')
@RequireScopes('matching')
@Controller('api/v1/matching')
export class MatchingController {
  constructor(
    private readonly matching: MatchingService,
    private readonly searchService: SimilaritySearchService,
  ) {}

  @Post('calculate')
  @Audited({ action: 'match.calculate', resourceType: 'job', resourceId: (request) => (request.body as { jobId?: string }).jobId })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'calculateMatch',
    summary: 'Score a job against a resume from their stored vectors and parsed fields',
    description:
      'overall = 0.6 x semantic (cosine) + 0.3 x skills + 0.1 x other factors, weights adjustable; every part carries evidence. ' +
      'Uses the stored vectors only: without one, semantic is null and its weight goes to the other parts.',
  })
  @ApiOkResponse({ type: MatchResultView, example: MATCH_RESULT_EXAMPLE })
  @ApiErrorResponses(...JSON_BODY_ERRORS, ErrorCode.INVALID_WEIGHTS, ErrorCode.NOT_FOUND)
  calculate(@CurrentOrganization() organizationId: string, @Body() body: CalculateMatchRequest): Promise<MatchResultView> {
    return this.matching.calculate(organizationId, body);
  }

  @Post('explain')
  @Audited({ action: 'match.explain', resourceType: 'job', resourceId: (request) => (request.body as { jobId?: string }).jobId })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'explainMatch',
    summary: 'Recruiter-facing explanation of a match (LLM when configured, rules otherwise)',
    description:
      'The request holds only the two ids. The server picks who writes the explanation: the LLM when OPENAI_API_KEY is set, ' +
      'the deterministic rules otherwise or when the LLM fails; the response says which in `source`.',
  })
  @ApiOkResponse({ type: MatchExplanationView, example: EXPLANATION_EXAMPLE })
  @ApiErrorResponses(...JSON_BODY_ERRORS, ErrorCode.NOT_FOUND)
  explain(@CurrentOrganization() organizationId: string, @Body() body: ExplainMatchRequest): Promise<MatchExplanationView> {
    return this.matching.explain(organizationId, body.jobId, body.resumeId);
  }

  @Post('batch')
  @Audited({
    action: 'match.batch',
    resourceType: 'job',
    resourceId: (request) => (request.body as { jobId?: string }).jobId,
    details: (request) => ({ resumes: ((request.body as { resumeIds?: unknown[] }).resumeIds ?? []).length }),
  })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'batchMatch',
    summary: 'Score one job against up to 500 resumes; best first, unknown ids listed in notFound',
  })
  @ApiOkResponse({ type: BatchMatchResponse, example: BATCH_EXAMPLE })
  @ApiErrorResponses(...JSON_BODY_ERRORS, ErrorCode.INVALID_WEIGHTS, ErrorCode.NOT_FOUND)
  batch(@CurrentOrganization() organizationId: string, @Body() body: BatchMatchRequest): Promise<BatchMatchResponse> {
    return this.matching.batch(organizationId, body);
  }

  @Post('similarity-search')
  // The query text may name a person: only the target and mode are recorded.
  @Audited({
    action: 'search',
    resourceType: 'search',
    resourceId: () => null,
    details: (request) => {
      const body = request.body as { target?: string; mode?: string };
      return { target: String(body.target), mode: String(body.mode) };
    },
    readOnly: true,
  })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'similaritySearch',
    summary: 'Rank jobs or resumes for a query: vector (cosine, pgvector HNSW), keyword (Okapi BM25) or hybrid (fused)',
    description:
      '`similarity` is a cosine for vector and hybrid, a full-text rank for keyword (see `scoreKind`). Rows without a vector ' +
      'are never in vector results; `skippedPending` counts those left out. Vector mode answers 503 while the model is ' +
      'unavailable; hybrid then answers with its keyword half and a warning.',
  })
  @ApiOkResponse({ type: SimilaritySearchResponse, example: SEARCH_EXAMPLE })
  @ApiErrorResponses(...JSON_BODY_ERRORS, ErrorCode.WORK_BUDGET_EXCEEDED, ErrorCode.EMBEDDING_UNAVAILABLE, ErrorCode.OVERLOADED)
  async search(@CurrentOrganization() organizationId: string, @Body() body: SimilaritySearchRequest): Promise<SimilaritySearchResponse> {
    const response = await this.searchService.search(organizationId, body);
    // A resume's label is the candidate's name; a job's is its title, which blind review keeps.
    return body.blind && body.target === 'resumes' ? { ...response, results: blindLabels(response.results) } : response;
  }
}
