import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { TenantDatabase } from '../database/tenant-database.js';
import type { ApiKey } from '../generated/prisma/client.js';
import { ApiKeyCache } from './api-key-cache.js';
import { generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-format.js';
import type { AuthContext } from './auth-context.js';
import { isScope, Scope } from './scopes.js';

/** `lastUsedAt` is written at most this often per key and instance: not one write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeyView {
  id: string;
  organizationId: string;
  name: string;
  /** The key's first characters, to recognise it; the key itself is never shown again. */
  prefix: string;
  scopes: Scope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface CreatedApiKey extends ApiKeyView {
  /** Shown once, here. Only its hash is stored. */
  key: string;
}

@Injectable()
export class ApiKeysService {
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly db: TenantDatabase,
    private readonly cache: ApiKeyCache,
  ) {}

  async create(organizationId: string, request: { name: string; scopes: Scope[] }): Promise<CreatedApiKey> {
    const generated = generateApiKey();
    const row = await this.db.forOrganization(organizationId, (tx) =>
      tx.apiKey.create({
        data: {
          organizationId,
          name: request.name,
          keyHash: generated.hash,
          keyPrefix: generated.displayPrefix,
          scopes: [...new Set(request.scopes)],
        },
      }),
    );
    return { ...toView(row), key: generated.key };
  }

  async list(organizationId: string): Promise<ApiKeyView[]> {
    const rows = await this.db.forOrganization(organizationId, (tx) =>
      tx.apiKey.findMany({ where: { organizationId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    );
    return rows.map(toView);
  }

  /** Revokes a key of the organisation (idempotent); NOT_FOUND for another organisation's key. */
  async revoke(organizationId: string, id: string): Promise<ApiKeyView> {
    const row = await this.db.forOrganization(organizationId, async (tx) => {
      const key = await tx.apiKey.findFirst({ where: { id, organizationId } });
      if (!key || key.revokedAt) return key;
      return tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    });
    if (!row) throw DomainError.notFound('API key', id);
    // Refused from the next request on, here; another process may accept it until its cache entry expires.
    this.cache.forgetKey(row.keyHash);
    return toView(row);
  }

  /** The organisation a key belongs to (operator work across organisations); null when unknown. */
  async organizationOf(id: string): Promise<string | null> {
    const row = await this.db.asSystem((tx) => tx.apiKey.findUnique({ where: { id }, select: { organizationId: true } }));
    return row?.organizationId ?? null;
  }

  /** Whether any key exists at all (first start creates the admin key when none does). */
  async anyExists(): Promise<boolean> {
    return (await this.db.asSystem((tx) => tx.apiKey.count())) > 0;
  }

  /**
   * The caller behind a presented key, or null for an unknown or revoked one. Runs across
   * organisations (the key is what tells which organisation it is): found by its hash, or in the
   * cache of recently authenticated keys (API_KEY_CACHE_TTL_MS).
   */
  async authenticate(presented: string): Promise<AuthContext | null> {
    if (!looksLikeApiKey(presented)) return null;
    const keyHash = hashApiKey(presented);
    let auth = this.cache.get(keyHash);
    if (!auth) {
      const row = await this.db.asSystem((tx) =>
        tx.apiKey.findUnique({ where: { keyHash }, include: { organization: { select: { rateLimitPerMinute: true } } } }),
      );
      if (!row || row.revokedAt) return null;
      auth = {
        organizationId: row.organizationId,
        keyId: row.id,
        scopes: row.scopes.filter(isScope),
        ...(row.organization.rateLimitPerMinute ? { rateLimitPerMinute: row.organization.rateLimitPerMinute } : {}),
      };
      this.cache.remember(keyHash, auth);
    }
    await this.touch(auth.keyId);
    return auth;
  }

  private async touch(id: string): Promise<void> {
    const now = Date.now();
    if (now - (this.lastTouched.get(id) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    this.lastTouched.set(id, now);
    await this.db.asSystem((tx) => tx.apiKey.update({ where: { id }, data: { lastUsedAt: new Date(now) } }));
  }
}

function toView(row: ApiKey): ApiKeyView {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    prefix: row.keyPrefix,
    scopes: row.scopes.filter(isScope),
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
