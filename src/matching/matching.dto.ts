import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

export class MatchWeightsInput {
  @ApiPropertyOptional({ example: 0.6, minimum: 0 }) @IsOptional() @IsNumber() @Min(0) semantic?: number;
  @ApiPropertyOptional({ example: 0.3, minimum: 0 }) @IsOptional() @IsNumber() @Min(0) skills?: number;
  @ApiPropertyOptional({ example: 0.1, minimum: 0 }) @IsOptional() @IsNumber() @Min(0) other?: number;
}

export class CalculateMatchRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() jobId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() resumeId!: string;

  @ApiPropertyOptional({ type: MatchWeightsInput, description: 'Defaults 0.6/0.3/0.1; normalised to sum 1' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MatchWeightsInput)
  weights?: MatchWeightsInput;

  @ApiPropertyOptional({ description: 'Add a recruiter-facing explanation', default: false })
  @IsOptional()
  @IsBoolean()
  explain?: boolean;
}

export class ExplainMatchRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() jobId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() resumeId!: string;
}

export const SEARCH_TARGETS = ['jobs', 'resumes'] as const;
export type SearchTarget = (typeof SEARCH_TARGETS)[number];

export class SimilaritySearchRequest {
  @ApiProperty({ example: 'TypeScript PostgreSQL backend engineer', maxLength: 5000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5_000)
  query!: string;

  @ApiProperty({ enum: SEARCH_TARGETS, example: 'resumes' })
  @IsIn(SEARCH_TARGETS)
  target!: SearchTarget;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 10;
}

export class SearchHitView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: '1 - cosine distance', example: 0.82 }) similarity!: number;
  @ApiProperty({ example: 'Senior Backend Engineer', description: 'Job title, or candidate name / file name' }) label!: string | null;
  @ApiProperty({ type: [String] }) skills!: string[];
}

export class SimilaritySearchResponse {
  @ApiProperty({ enum: SEARCH_TARGETS }) target!: SearchTarget;
  @ApiProperty() model!: string;
  @ApiProperty({ type: [SearchHitView] }) results!: SearchHitView[];
  @ApiProperty({ description: 'Rows without a vector yet (embeddingStatus pending), not searched' }) skippedPending!: number;
}
