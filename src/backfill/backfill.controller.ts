import { Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { ApiErrorResponses } from '../common/api-error-responses.js';
import { ErrorCode } from '../common/error-codes.js';
import { Audited } from '../audit/audited.decorator.js';
import { RequireScopes } from '../auth/auth.decorators.js';
import { booleanFlag } from '../common/query-transforms.js';
import { BackfillReportView } from './backfill.dto.js';
import { BackfillReport, EmbeddingBackfillService } from './embedding-backfill.service.js';

export class BackfillQuery {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'First give rows marked `failed` (their text failed 3 times) another chance',
  })
  @IsOptional()
  @Transform(booleanFlag)
  @IsBoolean()
  retryFailed?: boolean;
}

@ApiTags('embeddings')
@Controller('api/v1/embeddings')
export class BackfillController {
  constructor(private readonly backfill: EmbeddingBackfillService) {}

  @Post('backfill')
  @RequireScopes('admin')
  @Audited({ action: 'backfill.run', resourceType: 'embeddings', resourceId: () => null })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'runEmbeddingBackfill',
    summary: 'Embed every resume and job stored as pending (model was unavailable); returns counts',
    description: 'A row whose own text makes the model fail 3 times (the model otherwise working) is marked `failed`, with the error.',
  })
  @ApiOkResponse({
    type: BackfillReportView,
    example: { resumes: { embedded: 4, remaining: 0, failed: 0 }, jobs: { embedded: 1, remaining: 0, failed: 0 } },
  })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED)
  run(@Query() query: BackfillQuery): Promise<BackfillReport> {
    return this.backfill.run({ retryFailed: query.retryFailed === true });
  }
}
