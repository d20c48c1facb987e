import { Controller, Delete, Get, HttpCode, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { ApiError } from '../common/api-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { Audited } from '../audit/audited.decorator.js';
import { CurrentOrganization, RequireScopes } from '../auth/auth.decorators.js';
import { uuidParam } from '../common/uuid-param.js';
import { ListResumesQuery, ResumeIncludeQuery, ResumePage, ResumeView, UploadResumeBody } from './resumes.dto.js';
import { ResumesService, type UploadedFile as UploadedResumeFile } from './resumes.service.js';

@ApiTags('resumes')
@Controller('api/v1/resumes')
export class ResumesController {
  constructor(private readonly resumes: ResumesService) {}

  @Post()
  @RequireScopes('resumes:write')
  @Audited({ action: 'resume.create', resourceType: 'resume' })
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({ summary: 'Upload a resume (PDF, DOCX or TXT): extract, parse, embed, store' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadResumeBody })
  @ApiCreatedResponse({ type: ResumeView })
  @ApiPayloadTooLargeResponse({ description: 'FILE_TOO_LARGE, ARCHIVE_TOO_LARGE, TOO_MANY_PAGES, TEXT_TOO_LONG' })
  @ApiUnsupportedMediaTypeResponse({ description: 'UNSUPPORTED_MEDIA_TYPE' })
  @ApiUnprocessableEntityResponse({ description: 'CORRUPT_DOCUMENT, ENCRYPTED_DOCUMENT, NO_TEXT_LAYER, INVALID_TEXT_ENCODING' })
  upload(@CurrentOrganization() organizationId: string, @UploadedFile() file?: UploadedResumeFile): Promise<ResumeView> {
    if (!file) throw new ApiError(ErrorCode.FILE_REQUIRED, 'Send the resume as multipart/form-data field "file"');
    return this.resumes.upload(organizationId, file);
  }

  @Get()
  @RequireScopes('resumes:read')
  @Audited({ action: 'resume.list', resourceType: 'resume', details: (_, page) => ({ returned: (page as ResumePage).items.length }) })
  @ApiOperation({ summary: 'List resumes, newest first' })
  @ApiOkResponse({ type: ResumePage })
  list(@CurrentOrganization() organizationId: string, @Query() query: ListResumesQuery): Promise<ResumePage> {
    return this.resumes.list(organizationId, query.limit, query.offset);
  }

  @Get(':id')
  @RequireScopes('resumes:read')
  // Asking for the text or the vector takes the personal data out: an export, not a read.
  @Audited({ action: (request) => (request.query.include ? 'resume.export' : 'resume.read'), resourceType: 'resume' })
  @ApiOperation({ summary: 'One resume with its parsed fields' })
  @ApiOkResponse({ type: ResumeView })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  get(
    @CurrentOrganization() organizationId: string,
    @Param('id', uuidParam) id: string,
    @Query() query: ResumeIncludeQuery,
  ): Promise<ResumeView> {
    return this.resumes.get(organizationId, id, query.include);
  }

  @Delete(':id')
  @RequireScopes('resumes:write')
  @Audited({ action: 'resume.delete', resourceType: 'resume' })
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a resume and its embedding' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  delete(@CurrentOrganization() organizationId: string, @Param('id', uuidParam) id: string): Promise<void> {
    return this.resumes.delete(organizationId, id);
  }
}
