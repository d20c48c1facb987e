// Organisations and API keys without HTTP (first setup, lost keys, scripts):
//   npm run admin -- org create <name> [--retention-days N] [--rate-limit N]
//   npm run admin -- org list
//   npm run admin -- key create --org <id> --scopes resumes:read,resumes:write[,...] [--name <name>]
//   npm run admin -- key list --org <id>
//   npm run admin -- key revoke <id>
// Uses the same configuration as the service (DATABASE_URL, or the embedded PGlite under
// PGLITE_DATA_DIR: stop the service first, one process at a time opens an embedded database).
// Prints JSON; a created key is printed once and never stored.
import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ApiKeyCache } from '../src/auth/api-key-cache.js';
import { ApiKeysService } from '../src/auth/api-keys.service.js';
import { OrganizationsService } from '../src/auth/organizations.service.js';
import { isScope, SCOPES, Scope } from '../src/auth/scopes.js';
import { ConfigModule } from '../src/config/config.module.js';
import { DatabaseModule } from '../src/database/database.module.js';

@Module({
  imports: [ConfigModule.forRoot(), DatabaseModule],
  providers: [ApiKeyCache, ApiKeysService, OrganizationsService],
})
class AdminCliModule {}

const USAGE = `usage:
  npm run admin -- org create <name> [--retention-days N] [--rate-limit N]
  npm run admin -- org list
  npm run admin -- key create --org <id> --scopes ${SCOPES.join(',')} [--name <name>]
  npm run admin -- key list --org <id>
  npm run admin -- key revoke <id>`;

class UsageError extends Error {}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive integer`);
  return n;
}

async function main(argv: string[]): Promise<unknown> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      scopes: { type: 'string' },
      name: { type: 'string' },
      'retention-days': { type: 'string' },
      'rate-limit': { type: 'string' },
    },
  });
  const [noun, verb, arg] = positionals;
  const command = `${noun ?? ''} ${verb ?? ''}`;
  if (!['org create', 'org list', 'key create', 'key list', 'key revoke'].includes(command)) throw new UsageError(USAGE);
  if (existsSync('.env')) process.loadEnvFile('.env');
  const app = await NestFactory.createApplicationContext(AdminCliModule, { logger: ['error', 'warn'] });
  try {
    const organizations = app.get(OrganizationsService);
    const keys = app.get(ApiKeysService);
    switch (command) {
      case 'org create':
        if (!arg) throw new UsageError('org create <name>');
        return await organizations.create({
          name: arg,
          retentionDays: positiveInt(values['retention-days'], '--retention-days'),
          rateLimitPerMinute: positiveInt(values['rate-limit'], '--rate-limit'),
        });
      case 'org list':
        return await organizations.listAll();
      case 'key create': {
        const scopes = (values.scopes ?? '').split(/[,\s]+/).filter(Boolean);
        const unknown = scopes.filter((scope) => !isScope(scope));
        if (!values.org || !scopes.length || unknown.length) {
          throw new UsageError(
            `key create --org <id> --scopes <${SCOPES.join('|')},...>${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
          );
        }
        if (!(await organizations.exists(values.org))) throw new UsageError(`organisation ${values.org} does not exist`);
        return await keys.create(values.org, { name: values.name ?? 'created with npm run admin', scopes: scopes as Scope[] });
      }
      case 'key list':
        if (!values.org) throw new UsageError('key list --org <id>');
        return await keys.list(values.org);
      default: {
        if (!arg) throw new UsageError('key revoke <id>');
        const organizationId = await keys.organizationOf(arg);
        if (!organizationId) throw new UsageError(`API key ${arg} does not exist`);
        return await keys.revoke(organizationId, arg);
      }
    }
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (result) => console.log(JSON.stringify(result, null, 2)),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(error.message);
    else new Logger('admin').error((error as Error).message);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
