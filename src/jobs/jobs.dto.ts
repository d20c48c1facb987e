import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PaginationQuery } from '../common/pagination.dto.js';
import { commaSeparatedList } from '../common/query-transforms.js';
import { EDUCATION_LEVELS, type EducationLevel } from '../common/education-levels.js';
import type { ParsedJob } from './parsed-job.js';

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
}

export class JobView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() requirements!: string;
  @ApiProperty({ nullable: true }) location!: string | null;
  @ApiProperty({ nullable: true }) minYearsExperience!: number | null;
  @ApiProperty({ type: [String], description: 'Canonical skills (required + preferred)' }) skills!: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { requiredSkills: ['Node.js'], preferredSkills: ['Kubernetes'], educationLevel: 'bachelor', remote: false },
  })
  parsed!: ParsedJob;
  @ApiProperty({ enum: ['ready', 'pending', 'failed'] }) embeddingStatus!: 'ready' | 'pending' | 'failed';
  @ApiProperty({ nullable: true }) embeddingModel!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last embedding attempt failed (pending or failed rows)' })
  embeddingError!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiPropertyOptional({ type: [Number], nullable: true, description: 'Only with ?include=embedding' })
  embedding?: number[] | null;
}

export class JobPage {
  @ApiProperty({ type: [JobView] }) items!: JobView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
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
