import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../../audit/audited.decorator.js';
import { CurrentOrganization, RequireScopes } from '../../auth/auth.decorators.js';
import { uuidParam } from '../../common/uuid-param.js';
import { RankingPage, RankingQuery } from '../matching.dto.js';
import { RankingService } from './ranking.service.js';

@ApiTags('matching')
@RequireScopes('matching')
@Controller('api/v1')
export class RankingController {
  constructor(private readonly ranking: RankingService) {}

  @Get('jobs/:id/candidates')
  @Audited({ action: 'ranking.candidates', resourceType: 'job' })
  @ApiOperation({ summary: 'Rank stored resumes for a job: vector pre-selection, then the full match score' })
  @ApiOkResponse({ type: RankingPage })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  candidates(
    @CurrentOrganization() organizationId: string,
    @Param('id', uuidParam) id: string,
    @Query() query: RankingQuery,
  ): Promise<RankingPage> {
    return this.ranking.candidatesForJob(organizationId, id, query);
  }

  @Get('resumes/:id/jobs')
  @Audited({ action: 'ranking.jobs', resourceType: 'resume' })
  @ApiOperation({ summary: 'Rank stored jobs for a resume: vector pre-selection, then the full match score' })
  @ApiOkResponse({ type: RankingPage })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  jobs(
    @CurrentOrganization() organizationId: string,
    @Param('id', uuidParam) id: string,
    @Query() query: RankingQuery,
  ): Promise<RankingPage> {
    return this.ranking.jobsForResume(organizationId, id, query);
  }
}
