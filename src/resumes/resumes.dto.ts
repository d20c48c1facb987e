import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
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

  @ApiPropertyOptional({ maxLength: 200, example: 'ATS-4711', description: 'Only the resume with this externalId (then `q` is ignored)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  externalId?: string;
}

/** Printable: no control, format, private-use or unassigned characters (\p{C}). */
const PRINTABLE = /^[^\p{C}]*$/u;
export const MAX_TAGS = 20;

/** `tags=a,b` or `tags=a&tags=b` (multipart fields repeat as arrays) -> ['a', 'b'], trimmed, without repeats. */
const tagList = ({ value }: { value: unknown }): unknown => {
  const parts = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(parts) || !parts.every((part) => typeof part === 'string')) return value;
  return [
    ...new Set(
      parts
        .flatMap((part: string) => part.split(','))
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
};
const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** The multipart fields of an upload besides the file. */
export class UploadResumeFields {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    example: 'ATS-4711',
    description:
      "The candidate's id in your ATS, unique in your organisation: a new file under a known externalId replaces that resume's " +
      'content and keeps its id (`outcome: "updated"`)',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: 'externalId must be printable characters' })
  externalId?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'greenhouse', description: 'Where the resume came from (free text)' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 100)
  @Matches(PRINTABLE, { message: 'source must be printable characters' })
  source?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_TAGS,
    example: ['backend', 'berlin'],
    description: `Comma separated or repeated; at most ${MAX_TAGS} tags of 1 to 50 characters`,
  })
  @IsOptional()
  @Transform(tagList)
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  @Matches(PRINTABLE, { each: true, message: 'each tag must be printable characters' })
  tags?: string[];
}

/** The multipart body of an upload, for the OpenAPI document. */
export class UploadResumeBody extends UploadResumeFields {
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
  @ApiProperty({ type: String, nullable: true, example: 'ATS-4711', description: "The candidate's id in the client's ATS" })
  externalId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'greenhouse' }) source!: string | null;
  @ApiProperty({ type: [String], example: ['backend'] }) tags!: string[];
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

/** What an upload answers: the resume, and what became of the file. */
export class UploadedResumeView extends ResumeView {
  @ApiProperty({
    enum: ['created', 'duplicate', 'updated'],
    example: 'created',
    description:
      '`created` (201): a new resume. `duplicate` (200): these bytes already are a resume of the organisation; it is answered ' +
      'and nothing is written. `updated` (200): the externalId named a resume; it got this file (re-parsed, re-embedded), same id',
  })
  outcome!: 'created' | 'duplicate' | 'updated';
}

export class ResumePage {
  @ApiProperty({ type: [ResumeView] }) items!: ResumeView[];
  @ApiProperty({ type: 'integer', minimum: 0, example: 1 }) total!: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 20 }) limit!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) offset!: number;
}
