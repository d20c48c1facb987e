import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrorResponses } from '../common/api-error-responses.js';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { Audited } from '../audit/audited.decorator.js';
import { CurrentOrganization, RequireScopes } from '../auth/auth.decorators.js';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';
import { uuidParam } from '../common/uuid-param.js';
import {
  ListResumesQuery,
  ResumeIncludeQuery,
  ResumePage,
  ResumeView,
  UploadedResumeView,
  UploadResumeBody,
  UploadResumeFields,
} from './resumes.dto.js';
import { RESUME_EXAMPLE } from './resumes.examples.js';
import { ResumesService, type UploadedFile as UploadedResumeFile } from './resumes.service.js';

@ApiTags('resumes')
@Controller('api/v1/resumes')
export class ResumesController {
  constructor(private readonly resumes: ResumesService) {}

  @Post()
  @RequireScopes('resumes:write')
  @Audited({
    action: 'resume.create',
    resourceType: 'resume',
    details: (_, result) => ({ outcome: (result as UploadedResumeView).outcome }),
  })
  // After multer: the key's fingerprint covers the file's bytes and the fields.
  @UseInterceptors(FileInterceptor('file'), IdempotencyInterceptor)
  @ApiOperation({
    operationId: 'uploadResume',
    summary: 'Upload a resume (PDF, DOCX or TXT): extract, parse, embed, store',
    description:
      'The type is detected from the bytes, never the name: anything else (images, executables, archives, and text that is ' +
      'JSON, HTML, XML/SVG or a script) is refused with 415. When the model is unavailable the resume is stored ' +
      '`embeddingStatus: pending` and embedded later. A refused upload writes nothing.\n\n' +
      'The same bytes in the organisation are one resume: uploading them again answers **200** with the existing resume and ' +
      '`outcome: "duplicate"`, writing nothing. With `externalId` (your ATS id, unique in the organisation) a new file under a ' +
      'known externalId replaces that resume\'s content (re-parsed, re-embedded) and keeps its id: **200**, `outcome: "updated"`. ' +
      'A file that already is one resume sent with an externalId naming another resume is refused (409 RESUME_FILE_CONFLICT).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadResumeBody })
  @ApiCreatedResponse({
    type: UploadedResumeView,
    description: 'A new resume (`outcome: "created"`)',
    example: { ...RESUME_EXAMPLE, outcome: 'created' },
  })
  @ApiOkResponse({
    type: UploadedResumeView,
    description:
      'The file already was this resume (`outcome: "duplicate"`), or its externalId\'s resume got the file (`outcome: "updated"`)',
    example: { ...RESUME_EXAMPLE, outcome: 'duplicate' },
  })
  @ApiErrorResponses(
    ErrorCode.FILE_REQUIRED,
    ErrorCode.EMPTY_FILE,
    ErrorCode.FILE_TOO_LARGE,
    ErrorCode.ARCHIVE_TOO_LARGE,
    ErrorCode.TOO_MANY_PAGES,
    ErrorCode.TEXT_TOO_LONG,
    ErrorCode.WORK_BUDGET_EXCEEDED,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    ErrorCode.CORRUPT_DOCUMENT,
    ErrorCode.ENCRYPTED_DOCUMENT,
    ErrorCode.NO_TEXT_LAYER,
    ErrorCode.INVALID_TEXT_ENCODING,
    ErrorCode.EXTRACTION_TIMEOUT,
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.RESUME_FILE_CONFLICT,
  )
  async upload(
    @CurrentOrganization() organizationId: string,
    @Body() fields: UploadResumeFields,
    @Res({ passthrough: true }) response: Response,
    @UploadedFile() file?: UploadedResumeFile,
  ): Promise<UploadedResumeView> {
    if (!file) throw new DomainError(ErrorCode.FILE_REQUIRED, 'Send the resume as multipart/form-data field "file"');
    const resume = await this.resumes.upload(organizationId, file, fields);
    if (resume.outcome !== 'created') response.status(200);
    return resume;
  }

  @Get()
  @RequireScopes('resumes:read')
  @Audited({ action: 'resume.list', resourceType: 'resume', details: (_, page) => ({ returned: (page as ResumePage).items.length }) })
  @ApiOperation({
    operationId: 'listResumes',
    summary: 'List resumes, newest first; `q` narrows the list, `blind=true` redacts who each candidate is',
  })
  @ApiOkResponse({ type: ResumePage, example: { items: [RESUME_EXAMPLE], total: 1, limit: 20, offset: 0 } })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED)
  list(@CurrentOrganization() organizationId: string, @Query() query: ListResumesQuery): Promise<ResumePage> {
    return this.resumes.list(organizationId, query);
  }

  @Get(':id')
  @RequireScopes('resumes:read')
  // Asking for the text or the vector takes the personal data out: an export, not a read.
  @Audited({ action: (request) => (request.query.include ? 'resume.export' : 'resume.read'), resourceType: 'resume' })
  @ApiOperation({ operationId: 'getResume', summary: 'One resume with its parsed fields' })
  @ApiParam({ name: 'id', format: 'uuid', example: RESUME_EXAMPLE.id })
  @ApiOkResponse({ type: ResumeView, example: RESUME_EXAMPLE })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
  get(
    @CurrentOrganization() organizationId: string,
    @Param('id', uuidParam) id: string,
    @Query() query: ResumeIncludeQuery,
  ): Promise<ResumeView> {
    return this.resumes.get(organizationId, id, query.include, query.blind);
  }

  @Delete(':id')
  @RequireScopes('resumes:write')
  @Audited({ action: 'resume.delete', resourceType: 'resume' })
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteResume', summary: 'Delete a resume and its embedding' })
  @ApiParam({ name: 'id', format: 'uuid', example: RESUME_EXAMPLE.id })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
  delete(@CurrentOrganization() organizationId: string, @Param('id', uuidParam) id: string): Promise<void> {
    return this.resumes.delete(organizationId, id);
  }
}
