import { Controller, Delete, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth, RequireScopes } from '../auth/auth.decorators.js';
import { OrganizationDeletionReceiptView } from '../auth/auth.dto.js';
import { ORGANIZATION_DELETION_EXAMPLE, ORGANIZATION_EXAMPLE } from '../auth/auth.examples.js';
import { ApiErrorResponses } from '../common/api-error-responses.js';
import { ErrorCode } from '../common/error-codes.js';
import { uuidParam } from '../common/uuid-param.js';
import { ErasureService, OrganizationErasureReceipt } from './erasure.service.js';

/** DELETE /api/v1/organizations/:id lives here: it erases data (rows and cache), not just a setting. */
@ApiTags('admin')
@Controller('api/v1/organizations')
export class OrganizationErasureController {
  constructor(private readonly erasure: ErasureService) {}

  @Delete(':id')
  @RequireScopes('admin')
  @Audited({
    action: 'organization.delete',
    resourceType: 'organization',
    details: (_, receipt) => {
      const { resumes, jobs, apiKeys, cacheEntries } = receipt as OrganizationErasureReceipt;
      return { resumes, jobs, apiKeys, cacheEntries };
    },
  })
  @ApiOperation({
    operationId: 'deleteOrganization',
    summary: 'Erase an organisation and all its data: resumes, vectors, jobs, keys, cached embeddings (operator only)',
  })
  @ApiParam({ name: 'id', format: 'uuid', example: ORGANIZATION_EXAMPLE.id })
  @ApiOkResponse({ type: OrganizationDeletionReceiptView, example: ORGANIZATION_DELETION_EXAMPLE })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND)
  delete(@CurrentAuth() auth: AuthContext, @Param('id', uuidParam) id: string): Promise<OrganizationErasureReceipt> {
    return this.erasure.eraseOrganization(auth, id);
  }
}
