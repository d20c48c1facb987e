import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrganization } from '../../common/organization.js';
import { uuidParam } from '../../common/uuid-param.js';
import { RankingPage, RankingQuery } from '../matching.dto.js';
import { RankingService } from './ranking.service.js';

@ApiTags('matching')
@Controller('api/v1')
export class RankingController {
  constructor(private readonly ranking: RankingService) {}

  @Get('jobs/:id/candidates')
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
