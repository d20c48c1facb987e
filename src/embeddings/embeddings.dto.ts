import { ApiProperty } from '@nestjs/swagger';
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
