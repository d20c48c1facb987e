import { Controller, Delete, Get, HttpCode, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
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
import { ApiErrorResponses } from '../common/api-error-responses.js';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { Audited } from '../audit/audited.decorator.js';
import { CurrentOrganization, RequireScopes } from '../auth/auth.decorators.js';
import { uuidParam } from '../common/uuid-param.js';
import { ListResumesQuery, ResumeIncludeQuery, ResumePage, ResumeView, UploadResumeBody } from './resumes.dto.js';
import { RESUME_EXAMPLE } from './resumes.examples.js';
import { ResumesService, type UploadedFile as UploadedResumeFile } from './resumes.service.js';

@ApiTags('resumes')
@Controller('api/v1/resumes')
export class ResumesController {
  constructor(private readonly resumes: ResumesService) {}

  @Post()
  @RequireScopes('resumes:write')
  @Audited({ action: 'resume.create', resourceType: 'resume' })
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    operationId: 'uploadResume',
    summary: 'Upload a resume (PDF, DOCX or TXT): extract, parse, embed, store',
    description:
      'The type is detected from the bytes, never the name: anything else (images, executables, archives, and text that is ' +
      'JSON, HTML, XML/SVG or a script) is refused with 415. When the model is unavailable the resume is stored ' +
      '`embeddingStatus: pending` and embedded later. A refused upload writes nothing.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadResumeBody })
  @ApiCreatedResponse({ type: ResumeView, example: RESUME_EXAMPLE })
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
  )
  upload(@CurrentOrganization() organizationId: string, @UploadedFile() file?: UploadedResumeFile): Promise<ResumeView> {
    if (!file) throw new DomainError(ErrorCode.FILE_REQUIRED, 'Send the resume as multipart/form-data field "file"');
    return this.resumes.upload(organizationId, file);
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
