import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrganization, RequireScopes } from '../auth/auth.decorators.js';
import { AuditEventPageView, AuditQueryParams } from '../auth/auth.dto.js';
import { AUDIT_PAGE_EXAMPLE } from '../auth/auth.examples.js';
import { ApiErrorResponses } from '../common/api-error-responses.js';
import { ErrorCode } from '../common/error-codes.js';
import { Page } from '../common/pagination.dto.js';
import { AuditEventView, AuditService } from './audit.service.js';

@ApiTags('admin')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequireScopes('admin')
  @ApiOperation({
    operationId: 'listAuditEvents',
    summary: "The organisation's audit log, newest first: who (key id) did what to which resource, when, from where",
  })
  @ApiOkResponse({ type: AuditEventPageView, example: AUDIT_PAGE_EXAMPLE })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED)
  list(@CurrentOrganization() organizationId: string, @Query() query: AuditQueryParams): Promise<Page<AuditEventView>> {
    return this.audit.list(organizationId, query);
  }
}
