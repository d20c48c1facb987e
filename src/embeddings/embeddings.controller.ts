import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { CurrentOrganization, RequireScopes } from '../auth/auth.decorators.js';
import { ApiError } from '../common/api-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { EmbedBatchRequest, EmbedBatchResponse } from './embeddings.dto.js';
import { EmbeddingService, EmbeddingUnavailableError } from './embedding.service.js';

@ApiTags('embeddings')
@Controller('api/v1/embeddings')
export class EmbeddingsController {
  constructor(private readonly embeddings: EmbeddingService) {}

  @Post('batch')
  @RequireScopes('matching')
  @HttpCode(200)
  @ApiOperation({ summary: 'Embed up to 64 texts in one call (384-d, unit length)' })
  @ApiOkResponse({ type: EmbedBatchResponse })
  @ApiServiceUnavailableResponse({ description: 'EMBEDDING_UNAVAILABLE: model not loaded or circuit breaker open' })
  async batch(@CurrentOrganization() organizationId: string, @Body() body: EmbedBatchRequest): Promise<EmbedBatchResponse> {
    try {
      const vectors = await this.embeddings.embedBatch(organizationId, body.texts);
      return { model: this.embeddings.modelId, dimensions: vectors[0].length, embeddings: vectors.map((v) => Array.from(v)) };
    } catch (error) {
      if (error instanceof EmbeddingUnavailableError) {
        throw new ApiError(ErrorCode.EMBEDDING_UNAVAILABLE, error.message, { reason: error.reason });
      }
      throw error;
    }
  }

  @Get('status')
  @RequireScopes('admin')
  @ApiOperation({ summary: 'Model, breaker and cache state with counters' })
  status() {
    return this.embeddings.stats();
  }
}
