import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PaginationQuery } from '../common/pagination.dto.js';
import { commaSeparatedList } from '../common/query-transforms.js';
import { EDUCATION_LEVELS, type EducationLevel } from '../common/education-levels.js';
import type { JobSkill, ParsedJob } from './parsed-job.js';
import { CEFR_LEVELS, SKILL_TYPES, type CefrLevel, type SkillType } from '../skills/skill-types.js';

export class CreateJobRequest {
  @ApiProperty({ example: 'Senior Backend Engineer', maxLength: 200 })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: 'Build the matching APIs of our HR platform in TypeScript on PostgreSQL.', maxLength: 20000 })
  @IsString()
  @MinLength(10)
  @MaxLength(20_000)
  description!: string;

  @ApiProperty({ example: 'Required: Node.js, TypeScript, PostgreSQL, 5+ years. Nice to have: Kubernetes.', maxLength: 20000 })
  @IsString()
  @MaxLength(20_000)
  requirements!: string;

  @ApiPropertyOptional({ example: 'Berlin, Germany' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string;

  @ApiPropertyOptional({ example: 5, minimum: 0, maximum: 60 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(60)
  minYearsExperience?: number;

  @ApiPropertyOptional({
    type: [String],
    example: ['Node.js', 'TypeScript', 'PostgreSQL'],
    description: 'Required skills, in addition to those found in the text',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ type: [String], example: ['Kubernetes'], description: 'Nice-to-have skills' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  preferredSkills?: string[];

  @ApiPropertyOptional({ enum: EDUCATION_LEVELS, example: 'bachelor' })
  @IsOptional()
  @IsIn(EDUCATION_LEVELS)
  educationLevel?: EducationLevel;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  remote?: boolean;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    example: 'REQ-1042',
    description:
      "The job's id in your ATS, unique in your organisation. POST with a known externalId updates that job (200, same id) " +
      'instead of creating one',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/^[^\p{C}]*$/u, { message: 'externalId must be printable characters' })
  externalId?: string;
}

/**
 * PATCH /jobs/:id: any field of a job; the others keep their values. Skills, education, remote and
 * years given earlier stay given; those read from the text are read again from the new text.
 */
export class UpdateJobRequest extends PartialType(CreateJobRequest) {}

export class JobSkillView implements JobSkill {
  @ApiProperty({ example: 'German', description: 'Canonical name from the skill dictionary' }) name!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'http://data.europa.eu/esco/skill/4812a4ea-dc55-4dc6-b9b0-4a59bba2c647',
    description: 'ESCO concept URI; null when ESCO has no concept for it',
  })
  escoUri!: string | null;
  @ApiProperty({ enum: SKILL_TYPES, example: 'language', description: 'ESCO pillar: knowledge, skill, transversal or language' })
  type!: SkillType;
  @ApiPropertyOptional({ enum: CEFR_LEVELS, example: 'C1', description: 'Languages only: the CEFR level the ad asks for' })
  level?: CefrLevel;
  @ApiProperty({ example: true, description: 'Required (true) or preferred (false)' }) required!: boolean;
}

export class ParsedJobView implements ParsedJob {
  @ApiProperty({ type: [String], example: ['Node.js', 'TypeScript', 'PostgreSQL'], description: 'Given in `skills` or found in the text' })
  requiredSkills!: string[];
  @ApiProperty({ type: [String], example: ['Kubernetes'] }) preferredSkills!: string[];
  @ApiPropertyOptional({
    type: [JobSkillView],
    description: 'The required and preferred skills with ESCO URI, type and level (absent on jobs stored before they existed)',
  })
  skillDetails?: JobSkillView[];
  @ApiProperty({ type: 'string', enum: [...EDUCATION_LEVELS, null], nullable: true, example: 'bachelor' })
  educationLevel!: EducationLevel | null;
  @ApiProperty({ example: false }) remote!: boolean;
}

export class JobView {
  @ApiProperty({ format: 'uuid', example: '0d5c8f7a-3b1e-4c62-9a7f-6e2d1b4c9f30' }) id!: string;
  @ApiProperty({ example: 'Senior Backend Engineer' }) title!: string;
  @ApiProperty({ example: 'Build the matching APIs of our HR platform in TypeScript on PostgreSQL.' }) description!: string;
  @ApiProperty({ example: 'Required: Node.js, TypeScript, PostgreSQL, 5+ years. Nice to have: Kubernetes.' }) requirements!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Berlin, Germany' }) location!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 5 }) minYearsExperience!: number | null;
  @ApiProperty({
    type: [String],
    example: ['Node.js', 'TypeScript', 'PostgreSQL', 'Kubernetes'],
    description: 'Canonical skills (required + preferred)',
  })
  skills!: string[];
  @ApiProperty({ type: ParsedJobView }) parsed!: ParsedJob;
  @ApiProperty({
    enum: ['ready', 'pending', 'failed'],
    enumName: 'EmbeddingStatus',
    description: '`pending`: no vector yet, backfilled later; `failed`: its text failed to embed 3 times',
  })
  embeddingStatus!: 'ready' | 'pending' | 'failed';
  @ApiProperty({ type: String, nullable: true, example: 'Xenova/all-MiniLM-L6-v2' }) embeddingModel!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last embedding attempt failed (pending or failed rows)' })
  embeddingError!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'REQ-1042', description: "The job's id in the client's ATS" })
  externalId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
  @ApiPropertyOptional({
    type: [Number],
    nullable: true,
    description: 'Only with ?include=embedding: the 384 floats (null without a vector)',
  })
  embedding?: number[] | null;
}

/** What POST /jobs answers: the job, and whether it was created or its externalId's job updated. */
export class SavedJobView extends JobView {
  @ApiProperty({
    enum: ['created', 'updated'],
    example: 'created',
    description: '`created` (201) or `updated` (200: the externalId named a job)',
  })
  outcome!: 'created' | 'updated';
}

/** What a job would be stored with, computed without storing it (POST /jobs/preview). */
export class JobPreviewView {
  @ApiProperty({ type: [String], example: ['Node.js', 'TypeScript', 'PostgreSQL', 'Kubernetes'], description: 'Required + preferred' })
  skills!: string[];
  @ApiProperty({ type: ParsedJobView }) parsed!: ParsedJob;
  @ApiProperty({ type: Number, nullable: true, example: 5, description: 'Given, or found in the requirements or description' })
  minYearsExperience!: number | null;
}

export class JobPage {
  @ApiProperty({ type: [JobView] }) items!: JobView[];
  @ApiProperty({ type: 'integer', minimum: 0, example: 1 }) total!: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 20 }) limit!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) offset!: number;
}

export class ListJobsQuery extends PaginationQuery {}

export class JobIncludeQuery {
  @ApiPropertyOptional({ description: '`embedding`: add the stored 384 floats', example: 'embedding' })
  @IsOptional()
  @Transform(commaSeparatedList)
  @IsArray()
  @IsIn(['embedding'], { each: true })
  include?: Array<'embedding'>;
}
