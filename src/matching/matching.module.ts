import { Module } from '@nestjs/common';
import { EmbeddingsModule } from '../embeddings/embeddings.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { ResumesModule } from '../resumes/resumes.module.js';
import { SkillsModule } from '../skills/skills.module.js';
import { ExplanationService } from './explanation/explanation.service.js';
import { MatchingController } from './matching.controller.js';
import { MatchingRepository } from './matching.repository.js';
import { MatchingService } from './matching.service.js';
import { RankingController } from './ranking/ranking.controller.js';
import { RankingService } from './ranking/ranking.service.js';
import { SimilarRecordsController } from './search/similar-records.controller.js';
import { SimilaritySearchService } from './search/similarity-search.service.js';

@Module({
  imports: [ResumesModule, JobsModule, EmbeddingsModule, SkillsModule],
  controllers: [MatchingController, RankingController, SimilarRecordsController],
  providers: [ExplanationService, MatchingService, MatchingRepository, SimilaritySearchService, RankingService],
})
export class MatchingModule {}
