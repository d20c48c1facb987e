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
import { BlindFlag } from '../privacy/blind-flag.js';
import { MatchPartsView, MatchWeightsView } from './match-result.dto.js';
import { DEFAULT_FUSION_METHOD } from './search/rank-fusion.js';

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
  @ApiProperty({ format: 'uuid', example: '0d5c8f7a-3b1e-4c62-9a7f-6e2d1b4c9f30' }) @IsUUID() jobId!: string;
  @ApiProperty({ format: 'uuid', example: '5b3f6f0e-8a51-4a7e-9d0c-2f1f0b8e4a11' }) @IsUUID() resumeId!: string;

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

/** Only the two ids: who writes the explanation (LLM or rules) is the server's choice, reported as `source`. */
export class ExplainMatchRequest {
  @ApiProperty({ format: 'uuid', example: '0d5c8f7a-3b1e-4c62-9a7f-6e2d1b4c9f30' }) @IsUUID() jobId!: string;
  @ApiProperty({ format: 'uuid', example: '5b3f6f0e-8a51-4a7e-9d0c-2f1f0b8e4a11' }) @IsUUID() resumeId!: string;
}

export class BatchMatchRequest {
  @ApiProperty({ format: 'uuid', example: '0d5c8f7a-3b1e-4c62-9a7f-6e2d1b4c9f30' }) @IsUUID() jobId!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: 500,
    uniqueItems: true,
    example: ['5b3f6f0e-8a51-4a7e-9d0c-2f1f0b8e4a11'],
  })
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
export const FUSION_METHODS = ['nqc', 'relative', 'rrf'] as const;
export type FusionMethod = (typeof FUSION_METHODS)[number];
const FUSION_DESCRIPTION =
  'hybrid only: nqc = relative, each list weighted per query by how much its best results stand out (NQC, the spread of its top-10 ' +
  'normalised scores); relative = min-max normalised scores summed with equal weights; rrf = reciprocal rank fusion';

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
    description: 'vector = cosine over the stored vectors; keyword = Okapi BM25; hybrid = both, fused (see `fusion`)',
  })
  @IsOptional()
  @IsIn(SEARCH_MODES)
  mode: SearchMode = 'vector';

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 10;

  @ApiPropertyOptional({ enum: FUSION_METHODS, default: DEFAULT_FUSION_METHOD, description: FUSION_DESCRIPTION })
  @IsOptional()
  @IsIn(FUSION_METHODS)
  fusion?: FusionMethod;

  @ApiPropertyOptional({ type: SearchFiltersInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => SearchFiltersInput)
  filters?: SearchFiltersInput;

  @BlindFlag()
  blind?: boolean;
}

/** "More like this": a stored resume or job is the query (its stored vector and BM25 terms). */
export class SimilarRecordsRequest {
  @ApiPropertyOptional({ enum: SEARCH_MODES, default: 'hybrid' })
  @IsOptional()
  @IsIn(SEARCH_MODES)
  mode: SearchMode = 'hybrid';

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 10;

  @ApiPropertyOptional({ enum: FUSION_METHODS, default: DEFAULT_FUSION_METHOD, description: FUSION_DESCRIPTION })
  @IsOptional()
  @IsIn(FUSION_METHODS)
  fusion?: FusionMethod;

  @ApiPropertyOptional({ type: SearchFiltersInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => SearchFiltersInput)
  filters?: SearchFiltersInput;

  @BlindFlag()
  blind?: boolean;
}

export class HybridRanksView {
  @ApiProperty({ type: 'integer', nullable: true, minimum: 1, example: 1, description: 'Rank in the vector list (null: not in it)' })
  vector!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, minimum: 1, example: 3, description: 'Rank in the keyword list (null: not in it)' })
  keyword!: number | null;
}

export class SearchHitView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 1,
    description:
      'Depends on `scoreKind`. `cosine` (modes vector and hybrid): 1 - cosine distance between the query and the row, clamped to 0..1; ' +
      'null for a hybrid hit without a vector yet. `text_rank` (mode keyword, or hybrid answered by keywords only): the full-text ' +
      'rank (Okapi BM25 mapped to 0..1 as bm25 / (bm25 + 1)), comparable only within one response. Hybrid results are ordered by `fusedScore`, not by this.',
    example: 0.82,
  })
  similarity!: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Jane Doe',
    description: 'Job title, or candidate name (file name when none was found)',
  })
  label!: string | null;
  @ApiProperty({ type: [String], example: ['TypeScript', 'PostgreSQL'] }) skills!: string[];
  @ApiPropertyOptional({ type: [String], example: ['PostgreSQL'], description: 'Query words found in the text (keyword and hybrid hits)' })
  matchedTerms?: string[];
  @ApiPropertyOptional({
    type: Number,
    example: 0.0325,
    description:
      "hybrid: the fused score (nqc, relative: 0..1, the weighted sum of each list's 0..1 score, weights summing to 1; rrf: sum of 1 / (60 + rank)), the order of the results",
  })
  fusedScore?: number;
  @ApiPropertyOptional({ type: HybridRanksView, description: 'hybrid: rank in each list' })
  ranks?: HybridRanksView;
}

export const SCORE_KINDS = ['cosine', 'text_rank'] as const;
export type ScoreKind = (typeof SCORE_KINDS)[number];

export class SimilaritySearchResponse {
  @ApiProperty({ enum: SEARCH_TARGETS }) target!: SearchTarget;
  @ApiProperty({ enum: SEARCH_MODES, description: 'The mode asked for' }) mode!: SearchMode;
  @ApiProperty({
    enum: SCORE_KINDS,
    description:
      'What `similarity` measures in this response: `cosine` for vector and hybrid, `text_rank` for keyword and for a hybrid search ' +
      'that fell back to keywords because the model was unavailable (see `warnings`)',
  })
  scoreKind!: ScoreKind;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Xenova/all-MiniLM-L6-v2',
    description: 'Model that embedded the query (null: keyword only)',
  })
  model!: string | null;
  @ApiProperty({ type: [SearchHitView] }) results!: SearchHitView[];
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description:
      'Rows that match the filters but have no vector (embeddingStatus pending or failed) and were therefore left out: ' +
      'vector mode cannot rank them; hybrid ranks those its keyword half found and counts only the rest; keyword mode is always 0',
  })
  skippedPending!: number;
  @ApiPropertyOptional({ type: [String], description: 'E.g. hybrid answered by keywords only while the model was unavailable' })
  warnings?: string[];
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

  @BlindFlag()
  blind?: boolean;
}

export class RankedMatchView {
  @ApiProperty({ format: 'uuid', example: '5b3f6f0e-8a51-4a7e-9d0c-2f1f0b8e4a11' }) id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Jane Doe', description: 'Candidate name or job title' }) label!: string | null;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1, example: 0.71 }) overallScore!: number;
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, example: 0.64, description: 'null: no vector on one side' })
  semanticSimilarity!: number | null;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1, example: 0.83 }) skillMatch!: number;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1, example: 0.7 }) otherFactors!: number;
  @ApiProperty({ type: [String], example: ['TypeScript', 'PostgreSQL'] }) matchedSkills!: string[];
  @ApiProperty({ type: [String], example: ['Kubernetes'] }) missingSkills!: string[];
  @ApiProperty({ type: [String], example: ['Docker'], description: 'Candidate skills the job does not list' }) extraSkills!: string[];
  @ApiProperty({ type: MatchWeightsView, description: 'Weights applied (semantic 0 when a vector was missing)' })
  weights!: MatchWeightsView;
  @ApiProperty({
    type: MatchPartsView,
    description:
      'Every part with its evidence, as /matching/calculate gives it: implied and summary-only skills, years, education, location, title',
  })
  parts!: MatchPartsView;
}

export class RankingPage {
  @ApiProperty({ type: [RankedMatchView] }) items!: RankedMatchView[];
  @ApiProperty({ type: 'integer', minimum: 0, example: 1, description: 'Matches that passed the filters and minScore' }) total!: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 20 }) limit!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) offset!: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 1,
    description: 'How many were pre-selected by vector (or keyword) search and fully scored',
  })
  preselected!: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description:
      'Rows that match the filters but have no vector (pending or failed) and were left out of the vector pre-selection. ' +
      '0 when the job or resume itself has no vector: it pre-selects by words, which reaches rows without vectors too',
  })
  skippedPending!: number;
}
