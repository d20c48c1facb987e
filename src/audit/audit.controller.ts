import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrganization, RequireScopes } from '../auth/auth.decorators.js';
import { AuditQueryParams } from '../auth/auth.dto.js';
import { Page } from '../common/pagination.dto.js';
import { AuditEventView, AuditService } from './audit.service.js';

@ApiTags('admin')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequireScopes('admin')
  @ApiOperation({ summary: "The organisation's audit log, newest first: who (key id) did what to which resource, when, from where" })
  list(@CurrentOrganization() organizationId: string, @Query() query: AuditQueryParams): Promise<Page<AuditEventView>> {
    return this.audit.list(organizationId, query);
  }
}
