import { Module } from '@nestjs/common';
import { EmbeddingsModule } from '../embeddings/embeddings.module.js';
import { IngestModule } from '../ingest/ingest.module.js';
import { ResumesModule } from '../resumes/resumes.module.js';
import { CandidatesController } from './candidates.controller.js';
import { ErasureService } from './erasure.service.js';
import { OrganizationErasureController } from './organization-erasure.controller.js';
import { RetentionService } from './retention.service.js';

/** Erasure on request and retention: personal data leaves when it should. */
@Module({
  imports: [EmbeddingsModule, IngestModule, ResumesModule],
  controllers: [CandidatesController, OrganizationErasureController],
  providers: [ErasureService, RetentionService],
  exports: [ErasureService, RetentionService],
})
export class PrivacyModule {}
