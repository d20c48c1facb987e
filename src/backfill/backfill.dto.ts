import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BackfillCounts, BackfillReport } from './embedding-backfill.service.js';

export class BackfillCountsView implements BackfillCounts {
  @ApiProperty({ type: 'integer', minimum: 0, example: 4, description: 'Rows embedded by this run' }) embedded!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Still pending after the run' }) remaining!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Given up on: their text failed 3 times while the model worked' })
  failed!: number;
}

export class BackfillReportView implements BackfillReport {
  @ApiProperty({ type: BackfillCountsView }) resumes!: BackfillCountsView;
  @ApiProperty({ type: BackfillCountsView }) jobs!: BackfillCountsView;
  @ApiPropertyOptional({ type: String, description: 'Set when the run stopped early because the model became unavailable' })
  stoppedBecause?: string;
}
