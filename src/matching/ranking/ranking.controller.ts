import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Audited } from '../../audit/audited.decorator.js';
import { CurrentOrganization, RequireScopes } from '../../auth/auth.decorators.js';
import { ApiErrorResponses } from '../../common/api-error-responses.js';
import { ErrorCode } from '../../common/error-codes.js';
import { uuidParam } from '../../common/uuid-param.js';
import { RankingPage, RankingQuery } from '../matching.dto.js';
import { RANKING_EXAMPLE } from '../matching.examples.js';
import { blindLabels } from '../../privacy/blind-review.js';
import { RankingService } from './ranking.service.js';

@ApiTags('matching')
@RequireScopes('matching')
@Controller('api/v1')
export class RankingController {
  constructor(private readonly ranking: RankingService) {}

  @Get('jobs/:id/candidates')
  @Audited({ action: 'ranking.candidates', resourceType: 'job' })
  @ApiOperation({
    operationId: 'rankCandidatesForJob',
    summary: 'Rank stored resumes for a job: vector pre-selection, then the full match score',
    description: 'Each candidate comes with every part of the score and its evidence. `blind=true`: labels (names) are null.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Job id', example: '0d5c8f7a-3b1e-4c62-9a7f-6e2d1b4c9f30' })
  @ApiOkResponse({ type: RankingPage, example: RANKING_EXAMPLE })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
  async candidates(
    @CurrentOrganization() organizationId: string,
    @Param('id', uuidParam) id: string,
    @Query() query: RankingQuery,
  ): Promise<RankingPage> {
    const page = await this.ranking.candidatesForJob(organizationId, id, query);
    return query.blind ? { ...page, items: blindLabels(page.items) } : page;
  }

  @Get('resumes/:id/jobs')
  @Audited({ action: 'ranking.jobs', resourceType: 'resume' })
  @ApiOperation({
    operationId: 'rankJobsForResume',
    summary: 'Rank stored jobs for a resume: vector pre-selection, then the full match score',
    description: 'Jobs carry no personal data: `blind` is accepted and changes nothing here.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Resume id', example: '5b3f6f0e-8a51-4a7e-9d0c-2f1f0b8e4a11' })
  @ApiOkResponse({
    type: RankingPage,
    example: {
      ...RANKING_EXAMPLE,
      items: [{ ...RANKING_EXAMPLE.items[0], id: '0d5c8f7a-3b1e-4c62-9a7f-6e2d1b4c9f30', label: 'Senior Backend Engineer' }],
    },
  })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
  jobs(
    @CurrentOrganization() organizationId: string,
    @Param('id', uuidParam) id: string,
    @Query() query: RankingQuery,
  ): Promise<RankingPage> {
    return this.ranking.jobsForResume(organizationId, id, query);
  }
}
