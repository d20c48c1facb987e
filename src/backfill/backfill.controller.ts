import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { BackfillReport, EmbeddingBackfillService } from './embedding-backfill.service.js';

@ApiTags('embeddings')
@Controller('api/v1/embeddings')
export class BackfillController {
  constructor(private readonly backfill: EmbeddingBackfillService) {}

  @Post('backfill')
  @HttpCode(200)
  @ApiOperation({ summary: 'Embed every resume and job stored as pending (model was unavailable); returns counts' })
  run(): Promise<BackfillReport> {
    return this.backfill.run();
  }
}
