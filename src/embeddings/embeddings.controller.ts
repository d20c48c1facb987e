import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrganization, RequireScopes } from '../auth/auth.decorators.js';
import { ApiErrorResponses, JSON_BODY_ERRORS } from '../common/api-error-responses.js';
import { ErrorCode } from '../common/error-codes.js';
import { EmbedBatchRequest, EmbedBatchResponse, EmbeddingStatusView } from './embeddings.dto.js';
import { EmbeddingService } from './embedding.service.js';

@ApiTags('embeddings')
@Controller('api/v1/embeddings')
export class EmbeddingsController {
  constructor(private readonly embeddings: EmbeddingService) {}

  @Post('batch')
  @RequireScopes('matching')
  @HttpCode(200)
  @ApiOperation({ operationId: 'embedTexts', summary: 'Embed up to 64 texts in one call (384-d, unit length)' })
  @ApiOkResponse({
    type: EmbedBatchResponse,
    description: 'One vector per text, in order (the example is cut to 3 of the 384 floats)',
    example: { model: 'Xenova/all-MiniLM-L6-v2', dimensions: 384, embeddings: [[0.0123, -0.0456, 0.0789]] },
  })
  @ApiErrorResponses(...JSON_BODY_ERRORS, ErrorCode.WORK_BUDGET_EXCEEDED, ErrorCode.EMBEDDING_UNAVAILABLE, ErrorCode.OVERLOADED)
  async batch(@CurrentOrganization() organizationId: string, @Body() body: EmbedBatchRequest): Promise<EmbedBatchResponse> {
    const vectors = await this.embeddings.embedBatch(organizationId, body.texts);
    return { model: this.embeddings.modelId, dimensions: vectors[0].length, embeddings: vectors.map((v) => Array.from(v)) };
  }

  @Get('status')
  @RequireScopes('admin')
  @ApiOperation({ operationId: 'getEmbeddingStatus', summary: 'Model, breaker and cache state with counters' })
  @ApiOkResponse({
    type: EmbeddingStatusView,
    example: {
      model: {
        modelId: 'Xenova/all-MiniLM-L6-v2',
        source: 'https://huggingface.co/',
        dtype: 'fp32',
        state: 'ready',
        error: null,
        lastInference: { ok: true, at: '2026-11-29T10:15:00.000Z' },
      },
      breaker: { state: 'closed', failures: 0, successes: 12, rejections: 0, timeouts: 0, opened: 0 },
      cache: { backend: 'memory', hits: 3, misses: 12, errors: 0, bypassed: 0 },
      modelCalls: 12,
      batches: 4,
    },
  })
  status(): EmbeddingStatusView {
    return this.embeddings.stats();
  }
}
