import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { DEFAULT_ORGANIZATION_ID } from '../common/organization.js';
import { TenantDatabase } from '../database/tenant-database.js';
import type { Organization } from '../generated/prisma/client.js';
import { ApiKeyCache } from './api-key-cache.js';
import type { AuthContext } from './auth-context.js';

export interface OrganizationView {
  id: string;
  name: string;
  retentionDays: number | null;
  rateLimitPerMinute: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrganizationSettings {
  name?: string;
  retentionDays?: number | null;
  rateLimitPerMinute?: number | null;
}

export interface DeletedOrganization {
  organizationId: string;
  resumes: number;
  jobs: number;
  apiKeys: number;
}

/** The default organisation's admin keys are the operator's: they manage every organisation. */
export function isOperator(auth: Pick<AuthContext, 'organizationId'>): boolean {
  return auth.organizationId === DEFAULT_ORGANIZATION_ID;
}

/**
 * Organisations. An admin key of the operator (default) organisation sees and manages all of them;
 * an admin key of any other organisation sees only its own (another's id is NOT_FOUND).
 */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly keys: ApiKeyCache,
  ) {}

  async create(settings: OrganizationSettings & { name: string }): Promise<OrganizationView> {
    // A new organisation has no tenant context yet: created by the operator, across organisations.
    const row = await this.db.asSystem((tx) =>
      tx.organization.create({
        data: {
          name: settings.name,
          retentionDays: settings.retentionDays ?? null,
          rateLimitPerMinute: settings.rateLimitPerMinute ?? null,
        },
      }),
    );
    return toView(row);
  }

  async list(auth: AuthContext): Promise<OrganizationView[]> {
    const order = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];
    const rows = isOperator(auth)
      ? await this.db.asSystem((tx) => tx.organization.findMany({ orderBy: order }))
      : await this.db.forOrganization(auth.organizationId, (tx) => tx.organization.findMany({ where: { id: auth.organizationId } }));
    return rows.map(toView);
  }

  /** Every organisation (CLI, retention job). */
  async listAll(): Promise<OrganizationView[]> {
    return (await this.db.asSystem((tx) => tx.organization.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }))).map(toView);
  }

  async get(auth: AuthContext, id: string): Promise<OrganizationView> {
    return toView(await this.visible(auth, id));
  }

  async update(auth: AuthContext, id: string, settings: OrganizationSettings): Promise<OrganizationView> {
    await this.visible(auth, id);
    const row = await this.db.forOrganization(id, (tx) =>
      tx.organization.update({
        where: { id },
        data: {
          ...(settings.name !== undefined ? { name: settings.name } : {}),
          ...(settings.retentionDays !== undefined ? { retentionDays: settings.retentionDays } : {}),
          ...(settings.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: settings.rateLimitPerMinute } : {}),
        },
      }),
    );
    // Its keys carry its rate limit: read afresh on their next request.
    this.keys.forgetOrganization(id);
    return toView(row);
  }

  /** Whether an organisation exists (operator checks before acting for it). */
  async exists(id: string): Promise<boolean> {
    return (await this.db.asSystem((tx) => tx.organization.count({ where: { id } }))) > 0;
  }

  /**
   * Deletes an organisation's rows: resumes (and their vectors), jobs, API keys (the foreign keys
   * cascade). Its audit entries stay (they hold no personal data). ErasureService also clears its cache.
   */
  async delete(auth: AuthContext, id: string): Promise<DeletedOrganization> {
    await this.visible(auth, id);
    if (!isOperator(auth)) throw new DomainError(ErrorCode.FORBIDDEN, "Only the operator organisation's admin keys delete organisations");
    if (id === DEFAULT_ORGANIZATION_ID) throw new DomainError(ErrorCode.FORBIDDEN, 'The operator organisation cannot be deleted');
    const counts = await this.db.asSystem(async (tx) => {
      const counted = {
        resumes: await tx.resume.count({ where: { organizationId: id } }),
        jobs: await tx.job.count({ where: { organizationId: id } }),
        apiKeys: await tx.apiKey.count({ where: { organizationId: id } }),
      };
      await tx.organization.delete({ where: { id } });
      return counted;
    });
    this.keys.forgetOrganization(id);
    return { organizationId: id, ...counts };
  }

  private async visible(auth: AuthContext, id: string): Promise<Organization> {
    const row =
      isOperator(auth) || id === auth.organizationId ? await this.db.asSystem((tx) => tx.organization.findUnique({ where: { id } })) : null;
    if (!row) throw DomainError.notFound('Organization', id);
    return row;
  }
}

function toView(row: Organization): OrganizationView {
  return {
    id: row.id,
    name: row.name,
    retentionDays: row.retentionDays,
    rateLimitPerMinute: row.rateLimitPerMinute,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
