import { Module } from '@nestjs/common';
import { EmbeddingsModule } from '../embeddings/embeddings.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { ResumesModule } from '../resumes/resumes.module.js';
import { BackfillController } from './backfill.controller.js';
import { EmbeddingBackfillService } from './embedding-backfill.service.js';

@Module({
  imports: [EmbeddingsModule, ResumesModule, JobsModule],
  controllers: [BackfillController],
  providers: [EmbeddingBackfillService],
})
export class BackfillModule {}
