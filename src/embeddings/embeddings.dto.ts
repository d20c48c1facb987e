import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength, MinLength } from 'class-validator';

export class EmbedBatchRequest {
  @ApiProperty({ type: [String], maxItems: 64, example: ['Senior TypeScript engineer', 'Registered nurse, ICU'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(64)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100_000, { each: true })
  texts!: string[];
}

export class EmbedBatchResponse {
  @ApiProperty({ example: 'Xenova/all-MiniLM-L6-v2' })
  model!: string;

  @ApiProperty({ example: 384 })
  dimensions!: number;

  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'number' } } })
  embeddings!: number[][];
}

export class ModelStatusView {
  @ApiProperty({ example: 'Xenova/all-MiniLM-L6-v2' }) modelId!: string;
  @ApiProperty({ example: 'https://huggingface.co/', description: 'Where the model is loaded from: MODEL_PATH or the hub' })
  source!: string;
  @ApiProperty({ type: String, nullable: true, example: 'fp32', description: 'ONNX weights variant (null until chosen)' }) dtype!:
    string | null;
  @ApiProperty({
    enum: ['loading', 'retrying', 'ready', 'failed'],
    example: 'ready',
    description: 'retrying: a load failed and another attempt is scheduled (with backoff)',
  })
  state!: 'loading' | 'retrying' | 'ready' | 'failed';
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Why it is not ready, classified (e.g. "hub unreachable (DNS)"); never a path or a raw error',
  })
  reason!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, example: null, description: 'While retrying: milliseconds until the next attempt' })
  nextRetryInMs!: number | null;
}

export class LastInferenceView {
  @ApiProperty({ example: true }) ok!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ type: String, description: 'The error of a failed call' }) error?: string;
}

export class ModelStateView extends ModelStatusView {
  @ApiProperty({ type: LastInferenceView, nullable: true, description: 'The last model call (null: none yet)' })
  lastInference!: LastInferenceView | null;
}

export class BreakerStateView {
  @ApiProperty({ enum: ['closed', 'open', 'half-open'], example: 'closed' }) state!: 'closed' | 'open' | 'half-open';
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) failures!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 12 }) successes!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Calls refused while open' }) rejections!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) timeouts!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Times it opened' }) opened!: number;
}

export class CacheStateView {
  @ApiProperty({ enum: ['redis', 'memory'], example: 'memory' }) backend!: 'redis' | 'memory';
  @ApiProperty({ type: 'integer', minimum: 0, example: 3 }) hits!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 12 }) misses!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Cache failures (the cache fails open: a miss)' }) errors!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Calls that skipped the cache while it was failing' })
  bypassed!: number;
}

export class EmbeddingStatusView {
  @ApiProperty({ type: ModelStateView }) model!: ModelStateView;
  @ApiProperty({ type: BreakerStateView }) breaker!: BreakerStateView;
  @ApiProperty({ type: CacheStateView }) cache!: CacheStateView;
  @ApiProperty({ type: 'integer', minimum: 0, example: 12, description: 'Calls made to the model' }) modelCalls!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 4, description: 'Micro-batches formed from concurrent single-text calls' })
  batches!: number;
}
