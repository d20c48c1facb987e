import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQuery } from '../common/pagination.dto.js';
import { BlindFlag } from '../privacy/blind-flag.js';
import { EDUCATION_LEVELS, type EducationLevel } from '../common/education-levels.js';
import { commaSeparatedList } from '../common/query-transforms.js';
import type { ParsedResume } from './parsing/parsed-resume.js';
import { CEFR_LEVELS, SKILL_TYPES, type CefrLevel, type SkillType } from '../skills/skill-types.js';

export const RESUME_INCLUDES = ['embedding', 'text'] as const;
export type ResumeInclude = (typeof RESUME_INCLUDES)[number];

export class ResumeIncludeQuery {
  @ApiPropertyOptional({
    description: 'Comma-separated extras: `embedding` (the 384 floats), `text` (extracted text)',
    example: 'embedding',
  })
  @IsOptional()
  @Transform(commaSeparatedList)
  @IsArray()
  @IsIn(RESUME_INCLUDES, { each: true })
  include?: ResumeInclude[];

  @BlindFlag()
  blind?: boolean;
}

export class ListResumesQuery extends PaginationQuery {
  @ApiPropertyOptional({
    maxLength: 200,
    example: 'postgres',
    description:
      'Case-insensitive part of the file name, candidate name, e-mail, location or a skill. With `blind=true` only location ' +
      'and skills are searched (a match on the name would tell who is who)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @BlindFlag()
  blind?: boolean;
}

export class UploadResumeBody {
  @ApiProperty({ type: 'string', format: 'binary', description: 'PDF, DOCX or plain-text resume (type is detected from the bytes)' })
  file!: unknown;
}

export class ResumeLinksView {
  @ApiProperty({ type: String, nullable: true, example: 'https://www.linkedin.com/in/jane-doe' }) linkedin!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'https://github.com/janedoe' }) github!: string | null;
  @ApiProperty({ type: [String], example: ['https://janedoe.dev'], description: 'Other web links' }) web!: string[];
}

export class ExperienceEntryView {
  @ApiProperty({ type: String, nullable: true, example: 'Senior Backend Engineer' }) title!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Acme GmbH' }) company!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    pattern: '^\\d{4}-\\d{2}$',
    example: '2019-03',
    description: 'ISO month (`YYYY-01` when only a year is given)',
  })
  start!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    pattern: '^\\d{4}-\\d{2}$',
    example: '2024-06',
    description: 'ISO month; null when `current`',
  })
  end!: string | null;
  @ApiProperty({ example: false }) current!: boolean;
}

export class EducationEntryView {
  @ApiProperty({ type: String, nullable: true, example: 'M.Sc.' }) degree!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Computer Science' }) field!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'TU Berlin' }) institution!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 2015 }) year!: number | null;
  @ApiProperty({ type: 'string', enum: [...EDUCATION_LEVELS, null], nullable: true, example: 'master' }) level!: EducationLevel | null;
}

export class ResumeSkillView {
  @ApiProperty({ example: 'PostgreSQL', description: 'Canonical name from the skill dictionary' }) name!: string;
  @ApiProperty({ example: 'database', description: 'Skill dictionary category' }) category!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'http://data.europa.eu/esco/skill/f0de4973-0a70-4644-8fd4-3a97080476f4',
    description: 'ESCO concept URI; null when ESCO has no concept for it (absent on resumes parsed before ESCO URIs)',
  })
  escoUri?: string | null;
  @ApiPropertyOptional({ enum: SKILL_TYPES, example: 'knowledge', description: 'ESCO pillar: knowledge, skill, transversal or language' })
  type?: SkillType;
  @ApiPropertyOptional({ enum: CEFR_LEVELS, example: 'C1', description: 'Languages only: the CEFR level the resume states' })
  level?: CefrLevel;
  @ApiProperty({ type: [String], example: ['skills', 'experience'], description: 'Sections where the skill was found' })
  foundIn!: string[];
}

/** What the ResumeParser found (ParsedResume in parsing/parsed-resume.ts). */
export class ParsedResumeView implements ParsedResume {
  @ApiProperty({ type: String, nullable: true, example: 'Jane Doe' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'jane.doe@example.com' }) email!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '+4930123456',
    description: 'E.164 where the country is clear, otherwise as written',
  })
  phone!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Berlin, Germany' }) location!: string | null;
  @ApiProperty({ type: ResumeLinksView }) links!: ResumeLinksView;
  @ApiProperty({ type: String, nullable: true, example: 'Backend engineer building matching systems in TypeScript.' }) summary!:
    string | null;
  @ApiProperty({ type: [ExperienceEntryView] }) experience!: ExperienceEntryView[];
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 6.5,
    description: 'Merged date ranges (overlaps counted once); null when no dated position was found (unknown, not zero)',
  })
  totalYearsExperience!: number | null;
  @ApiProperty({ type: [EducationEntryView] }) education!: EducationEntryView[];
  @ApiProperty({ type: 'string', enum: [...EDUCATION_LEVELS, null], nullable: true, example: 'master' })
  highestEducationLevel!: EducationLevel | null;
  @ApiProperty({ type: [ResumeSkillView] }) skills!: ResumeSkillView[];
  @ApiProperty({ type: [String], example: ['English', 'German'] }) languages!: string[];
  @ApiProperty({ type: [String], example: ['AWS Certified Developer'] }) certifications!: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { experience: 'Work Experience', skills: 'Skills' },
    description: 'Section name -> the heading text the parser recognised for it',
  })
  sections!: Record<string, string>;
}

export class ResumeView {
  @ApiProperty({ format: 'uuid', example: '5b3f6f0e-8a51-4a7e-9d0c-2f1f0b8e4a11' }) id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'jane-doe.pdf' }) fileName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'application/pdf', description: 'Detected from the bytes' }) mimeType!:
    string | null;
  @ApiProperty({
    enum: ['ready', 'pending', 'failed'],
    enumName: 'EmbeddingStatus',
    description: '`pending`: stored without a vector (model unavailable), backfilled later; `failed`: its text failed to embed 3 times',
  })
  embeddingStatus!: 'ready' | 'pending' | 'failed';
  @ApiProperty({ type: String, nullable: true, example: 'Xenova/all-MiniLM-L6-v2', description: 'Model that made the stored vector' })
  embeddingModel!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last embedding attempt failed (pending or failed rows)' })
  embeddingError!: string | null;
  @ApiProperty({ type: [String], example: ['TypeScript', 'PostgreSQL'], description: 'Canonical skill names' }) skills!: string[];
  @ApiProperty({ type: ParsedResumeView, description: 'Structured fields the parser found' })
  parsed!: ParsedResume;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
  @ApiPropertyOptional({ type: [String], description: 'Notes from extraction, e.g. removed control characters' })
  warnings?: string[];
  @ApiPropertyOptional({
    type: [Number],
    nullable: true,
    description: 'Only with ?include=embedding: the 384 floats (null without a vector)',
  })
  embedding?: number[] | null;
  @ApiPropertyOptional({ type: String, description: 'Only with ?include=text: the extracted text' })
  text?: string;
}

export class ResumePage {
  @ApiProperty({ type: [ResumeView] }) items!: ResumeView[];
  @ApiProperty({ type: 'integer', minimum: 0, example: 1 }) total!: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 20 }) limit!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) offset!: number;
}
