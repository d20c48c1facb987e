import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from '../common/error-codes.js';

export const INGEST_FILE_STATUSES = ['queued', 'processing', 'done', 'duplicate', 'failed'] as const;
export type IngestFileStatus = (typeof INGEST_FILE_STATUSES)[number];
export const INGEST_JOB_STATUSES = ['queued', 'processing', 'completed'] as const;
export type IngestJobStatus = (typeof INGEST_JOB_STATUSES)[number];

export class BulkUploadBody {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', format: 'binary' },
    description:
      'Many resumes (PDF, DOCX or TXT), or one or more zip archives whose entries are resumes (a DOCX is one file, not a batch). ' +
      'Bounded: INGEST_MAX_FILES files or zip entries in all, MAX_UPLOAD_BYTES per file or entry, INGEST_MAX_TOTAL_BYTES per request, ' +
      'MAX_ARCHIVE_UNCOMPRESSED_BYTES inflated per request',
  })
  files!: unknown[];

  @ApiPropertyOptional({
    type: 'string',
    description:
      'JSON array of `{ fileName, externalId?, source?, tags? }`, matched to the files by file name (a zip entry by its ' +
      'name without folders); files sharing a name take the entries naming it in order; an entry naming no file is a 400',
    example: '[{"fileName":"jane-doe.pdf","externalId":"ats-4711","source":"greenhouse","tags":["backend"]}]',
  })
  metadata?: string;
}

interface IngestFileErrorView {
  code: ErrorCode;
  message: string;
}

export class IngestFileView {
  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Position in the upload (zip entries in archive order)' })
  index!: number;
  @ApiProperty({ type: String, nullable: true, example: 'jane-doe.pdf' }) fileName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'ats-4711' }) externalId!: string | null;
  @ApiProperty({ enum: INGEST_FILE_STATUSES, example: 'done' }) status!: IngestFileStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '3f1c2a9e-8b7d-4c5e-9f10-2a3b4c5d6e7f' })
  resumeId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'ready',
    description:
      "The resume's embedding status: `ready`, `pending` (stored, waiting for the model; the backfill embeds it) or `failed`; null without a resume",
  })
  embeddingStatus!: 'ready' | 'pending' | 'failed' | null;
  // Inline: OpenAPI 3.0 cannot mark a $ref nullable.
  @ApiProperty({
    type: 'object',
    nullable: true,
    properties: {
      code: { type: 'string', enum: Object.values(ErrorCode), example: ErrorCode.NO_TEXT_LAYER },
      message: { type: 'string', example: 'The PDF has no text layer (a scanned image?); OCR is not supported' },
    },
    required: ['code', 'message'],
    description: 'Why the file failed: the code a single upload would answer with; null unless failed',
  })
  error!: IngestFileErrorView | null;
}

export class IngestProgressView {
  @ApiProperty({ format: 'uuid', example: '9b2f4e1a-6c3d-4e5f-8a7b-1c2d3e4f5a6b' }) id!: string;
  @ApiProperty({ enum: INGEST_JOB_STATUSES, example: 'processing' }) status!: IngestJobStatus;
  @ApiProperty({ type: 'integer', example: 50 }) total!: number;
  @ApiProperty({ type: 'integer', example: 10 }) queued!: number;
  @ApiProperty({ type: 'integer', example: 2 }) processing!: number;
  @ApiProperty({ type: 'integer', example: 33, description: 'Stored as a new (or updated) resume' }) done!: number;
  @ApiProperty({ type: 'integer', example: 1, description: 'The same file was already stored: the existing resume' }) duplicate!: number;
  @ApiProperty({ type: 'integer', example: 4 }) failed!: number;
  @ApiProperty({ type: 'integer', example: 0, description: 'Of `done`: stored while the model was unavailable, embedded later' })
  pending!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the last file ended' }) completedAt!: Date | null;
}

export class IngestJobView extends IngestProgressView {
  @ApiProperty({ type: [IngestFileView] }) files!: IngestFileView[];
}

export class IngestJobPage {
  @ApiProperty({ type: [IngestProgressView], description: 'Ingest jobs with their counts (without the per-file results)' })
  items!: IngestProgressView[];
  @ApiProperty({ type: 'integer', minimum: 0, example: 1 }) total!: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 20 }) limit!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) offset!: number;
}

/** What one bulk upload may hold: the server's limits, so a client can cut a selection into requests it accepts. */
export class BulkUploadLimitsView {
  @ApiProperty({ type: 'integer', minimum: 1, example: 500, description: 'Files, or zip entries, in one request (INGEST_MAX_FILES)' })
  maxFiles!: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 10485760, description: 'Bytes of one file or zip entry (MAX_UPLOAD_BYTES)' })
  maxFileBytes!: number;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 104857600,
    description: 'Bytes of every file in one request together, zips as sent (INGEST_MAX_TOTAL_BYTES)',
  })
  maxRequestBytes!: number;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 52428800,
    description: "Bytes a request's zip entries may inflate to in all (MAX_ARCHIVE_UNCOMPRESSED_BYTES)",
  })
  maxInflatedBytes!: number;
}
