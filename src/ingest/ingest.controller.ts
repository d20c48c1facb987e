import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { Audited } from '../audit/audited.decorator.js';
import { CurrentOrganization, RequireScopes } from '../auth/auth.decorators.js';
import { ApiErrorResponses } from '../common/api-error-responses.js';
import { ErrorCode } from '../common/error-codes.js';
import { PaginationQuery } from '../common/pagination.dto.js';
import { uuidParam } from '../common/uuid-param.js';
import { ShutdownDrain } from '../health/shutdown-drain.js';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';
import { BulkUploadBody, BulkUploadLimitsView, IngestJobPage, IngestJobView, IngestProgressView } from './ingest.dto.js';
import { BULK_UPLOAD_LIMITS_EXAMPLE, INGEST_JOB_EXAMPLE, INGEST_PROGRESS_EXAMPLE } from './ingest.examples.js';
import { IngestService } from './ingest.service.js';

/** How often the progress stream reads the job's counts (the files may be processed by another process). */
const EVENTS_POLL_MS = 250;

@ApiTags('resumes')
@Controller('api/v1')
export class IngestController {
  constructor(
    private readonly ingest: IngestService,
    private readonly drain: ShutdownDrain,
  ) {}

  @Post('resumes/bulk')
  @HttpCode(202)
  @RequireScopes('resumes:write')
  @Audited({
    action: 'ingest.create',
    resourceType: 'ingest_job',
    details: (_, view) => ({ files: (view as IngestJobView).total }),
  })
  // After multer: the files' bytes are part of what an Idempotency-Key's request is compared by.
  @UseInterceptors(FilesInterceptor('files'), IdempotencyInterceptor)
  @ApiOperation({
    operationId: 'bulkUploadResumes',
    summary: 'Upload many resumes (files or a zip) as one ingest job, processed in the background',
    description:
      'Answers 202 with the ingest job at once; follow it with `GET /api/v1/ingest-jobs/{id}` or its progress stream ' +
      '`/events`. Each file goes through the same pipeline as a single upload, on the job queue (BullMQ workers when REDIS_URL ' +
      'is set): a file the pipeline refuses ends `failed` with the code a single upload would answer with. Limits of the ' +
      'request (too many files, too many bytes, a zip bomb) are refused here with 4xx and store nothing.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: BulkUploadBody })
  @ApiAcceptedResponse({ type: IngestJobView, example: INGEST_JOB_EXAMPLE })
  @ApiErrorResponses(
    ErrorCode.FILE_REQUIRED,
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.MALFORMED_JSON,
    ErrorCode.INVALID_CHARACTERS,
    ErrorCode.FILE_TOO_LARGE,
    ErrorCode.TOO_MANY_FILES,
    ErrorCode.BATCH_TOO_LARGE,
    ErrorCode.ARCHIVE_TOO_LARGE,
    ErrorCode.CORRUPT_DOCUMENT,
    ErrorCode.ENCRYPTED_DOCUMENT,
  )
  bulk(
    @CurrentOrganization() organizationId: string,
    @UploadedFiles() files: { buffer: Buffer; originalname?: string }[] | undefined,
    @Body('metadata') metadata?: string,
  ): Promise<IngestJobView> {
    return this.ingest.create(organizationId, files ?? [], typeof metadata === 'string' ? metadata : undefined);
  }

  @Get('resumes/bulk/limits')
  @RequireScopes('resumes:write')
  @ApiOperation({
    operationId: 'getBulkUploadLimits',
    summary: 'What one bulk upload may hold',
    description:
      "The server's limits (they are configurable): a client cuts a selection into requests within them instead of learning " +
      'them from a refused request. A request over them is refused whole with `TOO_MANY_FILES`, `FILE_TOO_LARGE`, ' +
      '`BATCH_TOO_LARGE` or `ARCHIVE_TOO_LARGE`.',
  })
  @ApiOkResponse({ type: BulkUploadLimitsView, example: BULK_UPLOAD_LIMITS_EXAMPLE })
  bulkLimits(): BulkUploadLimitsView {
    return this.ingest.limitsView();
  }

  @Get('ingest-jobs')
  @RequireScopes('resumes:read')
  @Audited({
    action: 'ingest.list',
    resourceType: 'ingest_job',
    details: (_, page) => ({ returned: (page as IngestJobPage).items.length }),
  })
  @ApiOperation({ operationId: 'listIngestJobs', summary: 'Ingest jobs, newest first, with their counts' })
  @ApiOkResponse({ type: IngestJobPage, example: { items: [INGEST_PROGRESS_EXAMPLE], total: 1, limit: 20, offset: 0 } })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED)
  list(@CurrentOrganization() organizationId: string, @Query() query: PaginationQuery): Promise<IngestJobPage> {
    return this.ingest.list(organizationId, query);
  }

  @Get('ingest-jobs/:id')
  @RequireScopes('resumes:read')
  @Audited({ action: 'ingest.read', resourceType: 'ingest_job' })
  @ApiOperation({ operationId: 'getIngestJob', summary: 'An ingest job: counts, status and the result of every file' })
  @ApiParam({ name: 'id', format: 'uuid', example: INGEST_JOB_EXAMPLE.id })
  @ApiOkResponse({ type: IngestJobView, example: INGEST_JOB_EXAMPLE })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
  get(@CurrentOrganization() organizationId: string, @Param('id', uuidParam) id: string): Promise<IngestJobView> {
    return this.ingest.get(organizationId, id);
  }

  @Get('ingest-jobs/:id/events')
  @RequireScopes('resumes:read')
  @ApiOperation({
    operationId: 'streamIngestJobEvents',
    summary: 'Progress of an ingest job as Server-Sent Events',
    description:
      'A `progress` event (data: the counts, as `IngestProgressView`) at once and on every change, then a `completed` event ' +
      'when every file has ended, and the stream ends. Read from the database, so it follows files processed by any worker.',
  })
  @ApiParam({ name: 'id', format: 'uuid', example: INGEST_JOB_EXAMPLE.id })
  // The stream's media type on the 200 only: errors (404, 400) are JSON like everywhere else.
  @ApiOkResponse({
    description: '`event: progress` / `event: completed`, each with `data:` an IngestProgressView as JSON',
    content: {
      'text/event-stream': {
        schema: { type: 'string' },
        example: `event: progress\ndata: ${JSON.stringify(INGEST_PROGRESS_EXAMPLE)}\n\n`,
      },
    },
  })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
  async events(
    @CurrentOrganization() organizationId: string,
    @Param('id', uuidParam) id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    // Not found is a normal 404, before the stream starts.
    let view: IngestProgressView = await this.ingest.progress(organizationId, id);
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    let closed = false;
    request.on('close', () => (closed = true));
    const send = (event: string, data: IngestProgressView): void => {
      response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    let last = '';
    try {
      while (!closed) {
        // updatedAt moves on every touch: a change is a change of status or counts.
        const key = JSON.stringify([view.status, view.queued, view.processing, view.done, view.duplicate, view.failed, view.pending]);
        if (key !== last) send('progress', view);
        last = key;
        if (view.status === 'completed') {
          send('completed', view);
          break;
        }
        // A server shutting down ends the stream; the client reconnects elsewhere.
        if (this.drain.draining) break;
        await sleep(EVENTS_POLL_MS);
        if (closed) break;
        view = await this.ingest.progress(organizationId, id);
      }
    } catch {
      // The database went away mid-stream: end it; the client reconnects (the counts are in the database).
    }
    response.end();
  }
}
