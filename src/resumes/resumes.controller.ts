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
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { CurrentOrganization } from '../common/organization.js';
import { uuidParam } from '../common/uuid-param.js';
import { ListResumesQuery, ResumeIncludeQuery, ResumePage, ResumeView, UploadResumeBody } from './resumes.dto.js';
import { ResumesService, type UploadedFile as UploadedResumeFile } from './resumes.service.js';

@ApiTags('resumes')
@Controller('api/v1/resumes')
export class ResumesController {
  constructor(private readonly resumes: ResumesService) {}

  @Post()
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({ summary: 'Upload a resume (PDF, DOCX or TXT): extract, parse, embed, store' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadResumeBody })
  @ApiCreatedResponse({ type: ResumeView })
  @ApiPayloadTooLargeResponse({ description: 'FILE_TOO_LARGE, ARCHIVE_TOO_LARGE, TOO_MANY_PAGES, TEXT_TOO_LONG' })
  @ApiUnsupportedMediaTypeResponse({ description: 'UNSUPPORTED_MEDIA_TYPE' })
  @ApiUnprocessableEntityResponse({ description: 'CORRUPT_DOCUMENT, ENCRYPTED_DOCUMENT, NO_TEXT_LAYER, INVALID_TEXT_ENCODING' })
  upload(@CurrentOrganization() organizationId: string, @UploadedFile() file?: UploadedResumeFile): Promise<ResumeView> {
    if (!file) throw new DomainError(ErrorCode.FILE_REQUIRED, 'Send the resume as multipart/form-data field "file"');
    return this.resumes.upload(organizationId, file);
  }

  @Get()
  @ApiOperation({ summary: 'List resumes, newest first' })
  @ApiOkResponse({ type: ResumePage })
  list(@CurrentOrganization() organizationId: string, @Query() query: ListResumesQuery): Promise<ResumePage> {
    return this.resumes.list(organizationId, query.limit, query.offset);
  }

  @Get(':id')
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
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a resume and its embedding' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  delete(@CurrentOrganization() organizationId: string, @Param('id', uuidParam) id: string): Promise<void> {
    return this.resumes.delete(organizationId, id);
  }
}
