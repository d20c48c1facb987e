import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { EmbedBatchRequest, EmbedBatchResponse } from './embeddings.dto.js';
import { EmbeddingService } from './embedding.service.js';

@ApiTags('embeddings')
@Controller('api/v1/embeddings')
export class EmbeddingsController {
  constructor(private readonly embeddings: EmbeddingService) {}

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Embed up to 64 texts in one call (384-d, unit length)' })
  @ApiOkResponse({ type: EmbedBatchResponse })
  @ApiServiceUnavailableResponse({ description: 'EMBEDDING_UNAVAILABLE: model not loaded or circuit breaker open' })
  async batch(@Body() body: EmbedBatchRequest): Promise<EmbedBatchResponse> {
    const vectors = await this.embeddings.embedBatch(body.texts);
    return { model: this.embeddings.modelId, dimensions: vectors[0].length, embeddings: vectors.map((v) => Array.from(v)) };
  }

  @Get('status')
  @ApiOperation({ summary: 'Model, breaker and cache state with counters' })
  status() {
    return this.embeddings.stats();
  }
}
