import { Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '../generated/prisma/client.js';

/** The role tenant queries run under: not a superuser, not the owner, so row-level security applies. */
export const APP_DB_ROLE = 'hirematch_app';

/** What repositories query through: Prisma's models and raw SQL, never `$transaction` (they are in one). */
export type TenantTx = Prisma.TransactionClient;

/** More transaction-local settings (`hnsw.ef_search`, ...), set in the same statement as the tenant's. */
export type TransactionSettings = Readonly<Record<string, string>>;

// Waiting for a connection and the work itself are bounded by the client's transactionOptions
// (DATABASE_CONNECT_TIMEOUT_MS, DATABASE_TRANSACTION_TIMEOUT_MS; database.module.ts), like every
// other query; a request never holds a transaction across a model call.

/**
 * Tenancy enforced by the database: `forOrganization` runs `work` in one transaction that first does
 * `SET LOCAL ROLE hirematch_app` and sets `app.organization_id` (both transaction-local), so every
 * row-level security policy filters to that organisation, whatever WHERE clause a query forgot.
 * `asSystem` is the explicit escape for work across organisations (key lookup, backfill,
 * retention, deleting an organisation): it runs as the connecting user, whom RLS does not bind.
 */
@Injectable()
export class TenantDatabase {
  constructor(private readonly prisma: PrismaClient) {}

  forOrganization<T>(organizationId: string, work: (tx: TenantTx) => Promise<T>, settings: TransactionSettings = {}): Promise<T> {
    // One round trip for every setting: a search's ef_search costs no statement of its own.
    const entries = Object.entries(settings).map(([name, value]) => Prisma.sql`, set_config(${name}, ${value}, true)`);
    const more = entries.length ? Prisma.join(entries, '') : Prisma.empty;
    return this.prisma.$transaction(async (tx) => {
      // set_config('role', ..., true) is SET LOCAL ROLE; every setting ends with the transaction.
      await tx.$queryRaw`SELECT set_config('role', ${APP_DB_ROLE}, true), set_config('app.organization_id', ${organizationId}, true)${more}`;
      return work(tx);
    });
  }

  /** Across organisations, in one transaction (row-level security does not apply: use with care). */
  asSystem<T>(work: (tx: TenantTx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }
}
