import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { TenantDatabase, TenantTx } from '../database/tenant-database.js';
import { Prisma } from '../generated/prisma/client.js';

/**
 * Deletes, inside the caller's transaction, the stored answers that name any of `ids` (resumes being
 * deleted or erased): an upload's answer holds the parsed personal data, and a replay must not bring
 * it back. Under the tenant helper row-level security keeps it to the organisation.
 */
export function forgetAnswersNaming(tx: TenantTx, ids: string[]): Promise<number> {
  if (!ids.length) return Promise.resolve(0);
  return tx.$executeRaw`
    DELETE FROM idempotency_keys
    WHERE response IS NOT NULL
      AND EXISTS (SELECT 1 FROM unnest(${ids}::text[]) AS named(id) WHERE strpos(response::text, named.id) > 0)`;
}

/** How long the first answer to a key is replayed. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** A claim still running after this long is taken to be from a process that died: a repeat may run. */
const STALE_CLAIM_MINUTES = 10;
const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

/** What a request with an Idempotency-Key finds. */
export type IdempotencyClaim =
  { kind: 'claimed' } | { kind: 'replay'; statusCode: number; body: unknown } | { kind: 'in-progress' } | { kind: 'reused' };

/**
 * The `idempotency_keys` table, per organisation (row-level security through the tenant helper):
 * a row is claimed (status NULL) before the first request runs, completed with its 2xx answer, or
 * released (deleted) when it failed, so a corrected request may use the key again.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyStore.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: TenantDatabase) {}

  /** Claims `key` for this request, or says what the earlier request with it left. Expired rows are deleted first. */
  claim(organizationId: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    return this.db.forOrganization(organizationId, async (tx) => {
      await tx.$executeRaw`
        DELETE FROM idempotency_keys
        WHERE organization_id = ${organizationId}::uuid AND key = ${key}
          AND (expires_at <= now() OR (status_code IS NULL AND created_at < now() - make_interval(mins => ${STALE_CLAIM_MINUTES})))`;
      // A concurrent claim of the same key waits here for the other transaction, then finds its row.
      const inserted = await tx.$queryRaw<Array<{ key: string }>>`
        INSERT INTO idempotency_keys (organization_id, key, fingerprint, expires_at)
        VALUES (${organizationId}::uuid, ${key}, ${fingerprint}, now() + make_interval(hours => ${IDEMPOTENCY_TTL_HOURS}))
        ON CONFLICT (organization_id, key) DO NOTHING
        RETURNING key`;
      if (inserted.length) return { kind: 'claimed' };
      const row = await tx.idempotencyKey.findFirst({ where: { organizationId, key } });
      if (!row) return { kind: 'in-progress' };
      if (row.fingerprint !== fingerprint) return { kind: 'reused' };
      if (row.statusCode === null) return { kind: 'in-progress' };
      return { kind: 'replay', statusCode: row.statusCode, body: row.response };
    });
  }

  /** Stores the first answer (2xx) for replay. */
  async complete(organizationId: string, key: string, statusCode: number, body: unknown): Promise<void> {
    await this.db.forOrganization(organizationId, (tx) =>
      tx.idempotencyKey.updateMany({
        where: { organizationId, key },
        data: { statusCode, response: body === undefined || body === null ? Prisma.DbNull : (body as Prisma.InputJsonValue) },
      }),
    );
  }

  /** Forgets a claim whose request failed: the key may be used again. */
  async release(organizationId: string, key: string): Promise<void> {
    await this.db.forOrganization(organizationId, (tx) =>
      tx.idempotencyKey.deleteMany({ where: { organizationId, key, statusCode: null } }),
    );
  }

  /** Deletes expired keys of every organisation; returns how many. */
  deleteExpired(): Promise<number> {
    return this.db.asSystem((tx) => tx.$executeRaw`DELETE FROM idempotency_keys WHERE expires_at <= now()`);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.deleteExpired().catch((error: unknown) => this.logger.warn(`Expired idempotency keys not deleted: ${(error as Error).name}`));
    }, CLEANUP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
