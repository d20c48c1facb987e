import { Controller, Delete, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length } from 'class-validator';
import { Audited } from '../audit/audited.decorator.js';
import { ApiErrorResponses } from '../common/api-error-responses.js';
import { CurrentOrganization, RequireScopes } from '../auth/auth.decorators.js';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { phoneDigits } from './candidate-match.js';
import { ErasureReceipt, ErasureService } from './erasure.service.js';

export class EraseCandidateQuery {
  @ApiPropertyOptional({ example: 'jane.doe@example.com' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: '+1 415 555 0199', description: 'Any notation; matched by its digits (country code optional)' })
  @IsOptional()
  @IsString()
  @Length(7, 40)
  phone?: string;
}

export class ErasureReceiptView {
  @ApiProperty({ type: 'integer', minimum: 0 }) resumesErased!: number;
  @ApiProperty({ description: 'Cached embeddings of those resumes deleted too' }) cacheCleared!: boolean;
  @ApiProperty() erasedAt!: Date;
}

@ApiTags('privacy')
@Controller('api/v1/candidates')
export class CandidatesController {
  constructor(private readonly erasure: ErasureService) {}

  @Delete()
  @RequireScopes('resumes:write')
  // Counts and which identifier was used: never the email or phone itself.
  @Audited({
    action: 'candidate.erase',
    resourceType: 'candidate',
    resourceId: () => null,
    details: (request, receipt) => ({
      resumesErased: (receipt as ErasureReceipt).resumesErased,
      byEmail: Boolean(request.query.email),
      byPhone: Boolean(request.query.phone),
    }),
  })
  @ApiOperation({
    operationId: 'eraseCandidate',
    summary: 'Erase a person (GDPR art. 17): every resume in the organisation with this email or phone, its vector and cached embedding',
  })
  @ApiOkResponse({ type: ErasureReceiptView, example: { resumesErased: 2, cacheCleared: true, erasedAt: '2026-11-29T10:30:00.000Z' } })
  @ApiErrorResponses(ErrorCode.VALIDATION_FAILED, ErrorCode.INVALID_CHARACTERS)
  erase(@CurrentOrganization() organizationId: string, @Query() query: EraseCandidateQuery): Promise<ErasureReceipt> {
    if (!query.email && !query.phone) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'Give email or phone (or both)');
    if (query.phone && !phoneDigits(query.phone)) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'phone must have at least 7 digits');
    return this.erasure.eraseCandidate(organizationId, query);
  }
}
