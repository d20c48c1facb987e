import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional } from 'class-validator';
import { PaginationQuery } from '../common/pagination.dto.js';
import { commaSeparatedList } from '../common/query-transforms.js';
import type { ParsedResume } from './parsing/parsed-resume.js';

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
}

export class ListResumesQuery extends PaginationQuery {}

export class UploadResumeBody {
  @ApiProperty({ type: 'string', format: 'binary', description: 'PDF, DOCX or plain-text resume (type is detected from the bytes)' })
  file!: unknown;
}

export class ResumeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, example: 'jane-doe.pdf' }) fileName!: string | null;
  @ApiProperty({ nullable: true, example: 'application/pdf' }) mimeType!: string | null;
  @ApiProperty({
    enum: ['ready', 'pending', 'failed'],
    description: '`pending`: stored without a vector (model unavailable), backfilled later; `failed`: its text failed to embed 3 times',
  })
  embeddingStatus!: 'ready' | 'pending' | 'failed';
  @ApiProperty({ nullable: true, example: 'Xenova/all-MiniLM-L6-v2' }) embeddingModel!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last embedding attempt failed (pending or failed rows)' })
  embeddingError!: string | null;
  @ApiProperty({ type: [String], example: ['TypeScript', 'PostgreSQL'] }) skills!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Structured fields the parser found' })
  parsed!: ParsedResume;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiPropertyOptional({ type: [String], description: 'Notes from extraction, e.g. removed control characters' })
  warnings?: string[];
  @ApiPropertyOptional({ type: [Number], nullable: true, description: 'Only with ?include=embedding' })
  embedding?: number[] | null;
  @ApiPropertyOptional({ description: 'Only with ?include=text' })
  text?: string;
}

export class ResumePage {
  @ApiProperty({ type: [ResumeView] }) items!: ResumeView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
