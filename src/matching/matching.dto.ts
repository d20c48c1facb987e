import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxDate,
  MaxLength,
  Min,
  MinDate,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PaginationQuery } from '../common/pagination.dto.js';
import { commaSeparatedList } from '../common/query-transforms.js';

/** Weights are relative; the bound keeps their sum finite (three 1e308s would overflow to Infinity). */
export const MAX_WEIGHT = 1_000_000;

export class MatchWeightsInput {
  @ApiPropertyOptional({ example: 0.6, minimum: 0, maximum: MAX_WEIGHT })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(MAX_WEIGHT)
  semantic?: number;
  @ApiPropertyOptional({ example: 0.3, minimum: 0, maximum: MAX_WEIGHT })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(MAX_WEIGHT)
  skills?: number;
  @ApiPropertyOptional({ example: 0.1, minimum: 0, maximum: MAX_WEIGHT }) @IsOptional() @IsNumber() @Min(0) @Max(MAX_WEIGHT) other?: number;
}

/** Dates PostgreSQL and ISO 8601 (4-digit years) both represent. */
export const EARLIEST_DATE = new Date('0001-01-01T00:00:00Z');
export const LATEST_DATE = new Date('9999-12-31T23:59:59.999Z');

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

export class BatchMatchRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() jobId!: string;

  @ApiProperty({ type: [String], format: 'uuid', maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  resumeIds!: string[];

  @ApiPropertyOptional({ type: MatchWeightsInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => MatchWeightsInput)
  weights?: MatchWeightsInput;
}

export const SEARCH_TARGETS = ['jobs', 'resumes'] as const;
export type SearchTarget = (typeof SEARCH_TARGETS)[number];
export const SEARCH_MODES = ['vector', 'keyword', 'hybrid'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export class SearchFiltersInput {
  @ApiPropertyOptional({
    type: [String],
    example: ['PostgreSQL'],
    description: 'All of these skills (canonicalised: "postgres" = PostgreSQL)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ example: 'Berlin', description: 'Case-insensitive part of the location' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string;

  @ApiPropertyOptional({ example: 3, description: 'Resumes: at least N years of experience. Jobs: asking for at least N years' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(60)
  minYears?: number;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'Between years 0001 and 9999' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(EARLIEST_DATE)
  @MaxDate(LATEST_DATE)
  createdAfter?: Date;
}

export class SimilaritySearchRequest {
  @ApiProperty({ example: 'TypeScript PostgreSQL backend engineer', maxLength: 5000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5_000)
  query!: string;

  @ApiProperty({ enum: SEARCH_TARGETS, example: 'resumes' })
  @IsIn(SEARCH_TARGETS)
  target!: SearchTarget;

  @ApiPropertyOptional({
    enum: SEARCH_MODES,
    default: 'vector',
    description: 'hybrid = reciprocal rank fusion of full-text and vector ranks',
  })
  @IsOptional()
  @IsIn(SEARCH_MODES)
  mode: SearchMode = 'vector';

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 10;

  @ApiPropertyOptional({ type: SearchFiltersInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => SearchFiltersInput)
  filters?: SearchFiltersInput;
}

export class SearchHitView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    nullable: true,
    description: 'vector/hybrid: 1 - cosine distance (null: no vector yet); keyword: full-text rank in 0..1',
    example: 0.82,
  })
  similarity!: number | null;
  @ApiProperty({ nullable: true, example: 'Senior Backend Engineer', description: 'Job title, or candidate name / file name' }) label!:
    string | null;
  @ApiProperty({ type: [String] }) skills!: string[];
  @ApiPropertyOptional({ type: [String], description: 'Query words found in the text (keyword and hybrid hits)' }) matchedTerms?: string[];
  @ApiPropertyOptional({ description: 'hybrid: reciprocal rank fusion score' }) fusedScore?: number;
  @ApiPropertyOptional({ description: 'hybrid: rank in each list (null: not in it)', example: { vector: 1, keyword: 3 } })
  ranks?: { vector: number | null; keyword: number | null };
}

export class SimilaritySearchResponse {
  @ApiProperty({ enum: SEARCH_TARGETS }) target!: SearchTarget;
  @ApiProperty({ enum: SEARCH_MODES }) mode!: SearchMode;
  @ApiProperty({ nullable: true }) model!: string | null;
  @ApiProperty({ type: [SearchHitView] }) results!: SearchHitView[];
  @ApiProperty({ description: 'Rows without a vector yet (embeddingStatus pending): not in vector results' }) skippedPending!: number;
  @ApiPropertyOptional({ type: [String] }) warnings?: string[];
}

export class RankingQuery extends PaginationQuery {
  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.5 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1)
  minScore?: number;

  @ApiPropertyOptional({ description: 'Comma-separated skills every result must have', example: 'TypeScript,PostgreSQL' })
  @IsOptional()
  @Transform(commaSeparatedList)
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  skills?: string[];

  @ApiPropertyOptional({ minimum: 0, example: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(60)
  minYears?: number;
}

export class RankedMatchView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, description: 'Candidate name or job title' }) label!: string | null;
  @ApiProperty() overallScore!: number;
  @ApiProperty({ nullable: true }) semanticSimilarity!: number | null;
  @ApiProperty() skillMatch!: number;
  @ApiProperty() otherFactors!: number;
  @ApiProperty({ type: [String] }) matchedSkills!: string[];
  @ApiProperty({ type: [String] }) missingSkills!: string[];
}

export class RankingPage {
  @ApiProperty({ type: [RankedMatchView] }) items!: RankedMatchView[];
  @ApiProperty({ description: 'Matches that passed the filters and minScore' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty({ description: 'How many were pre-selected by vector (or keyword) search and fully scored' }) preselected!: number;
  @ApiProperty({ description: 'Rows without a vector yet, not ranked' }) skippedPending!: number;
}
