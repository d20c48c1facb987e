import { Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '../generated/prisma/client.js';

/** The role tenant queries run under: not a superuser, not the owner, so row-level security applies. */
export const APP_DB_ROLE = 'hirematch_app';

/** What repositories query through: Prisma's models and raw SQL, never `$transaction` (they are in one). */
export type TenantTx = Prisma.TransactionClient;

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

  forOrganization<T>(organizationId: string, work: (tx: TenantTx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(async (tx) => {
      // set_config('role', ..., true) is SET LOCAL ROLE; both settings end with the transaction.
      await tx.$queryRaw`SELECT set_config('role', ${APP_DB_ROLE}, true), set_config('app.organization_id', ${organizationId}, true)`;
      return work(tx);
    });
  }

  /** Across organisations, in one transaction (row-level security does not apply: use with care). */
  asSystem<T>(work: (tx: TenantTx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }
}
