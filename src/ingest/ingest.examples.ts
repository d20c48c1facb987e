import { ErrorCode } from '../common/error-codes.js';
import type { BulkUploadLimitsView, IngestJobView, IngestProgressView } from './ingest.dto.js';

export const INGEST_PROGRESS_EXAMPLE: IngestProgressView = {
  id: '9b2f4e1a-6c3d-4e5f-8a7b-1c2d3e4f5a6b',
  status: 'processing',
  total: 3,
  queued: 1,
  processing: 0,
  done: 1,
  duplicate: 0,
  failed: 1,
  pending: 0,
  createdAt: new Date('2026-11-29T19:00:00.000Z'),
  updatedAt: new Date('2026-11-29T19:00:02.000Z'),
  completedAt: null,
};

export const INGEST_JOB_EXAMPLE: IngestJobView = {
  ...INGEST_PROGRESS_EXAMPLE,
  files: [
    {
      index: 0,
      fileName: 'jane-doe.pdf',
      externalId: 'ats-4711',
      status: 'done',
      resumeId: '3f1c2a9e-8b7d-4c5e-9f10-2a3b4c5d6e7f',
      embeddingStatus: 'ready',
      error: null,
    },
    {
      index: 1,
      fileName: 'scan.pdf',
      externalId: null,
      status: 'failed',
      resumeId: null,
      embeddingStatus: null,
      error: { code: ErrorCode.NO_TEXT_LAYER, message: 'The PDF has no text layer (a scanned image?); OCR is not supported' },
    },
    { index: 2, fileName: 'john-roe.docx', externalId: null, status: 'queued', resumeId: null, embeddingStatus: null, error: null },
  ],
};

/** The default limits. */
export const BULK_UPLOAD_LIMITS_EXAMPLE: BulkUploadLimitsView = {
  maxFiles: 500,
  maxFileBytes: 10 * 1024 * 1024,
  maxRequestBytes: 100 * 1024 * 1024,
  maxInflatedBytes: 50 * 1024 * 1024,
};
