import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { migrate } from './migrator.js';
import { openSqlConnection, SqlConnection } from './sql-connection.js';
import { TenantDatabase } from './tenant-database.js';

export const SQL_CONNECTION = Symbol('SQL_CONNECTION');

@Injectable()
class DatabaseShutdown implements OnApplicationShutdown {
  constructor(
    private readonly prisma: PrismaClient,
    @Inject(SQL_CONNECTION) private readonly connection: SqlConnection,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
    await this.connection.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: SQL_CONNECTION,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<SqlConnection> => {
        const logger = new Logger('Database');
        const connection = await openSqlConnection(config);
        // A failed or refused migration stops start-up: close the connection so the error is the last word.
        const applied = await migrate(connection).catch(async (error: unknown) => {
          await connection.close().catch(() => undefined);
          throw error;
        });
        logger.log(
          `${connection.kind === 'pglite' ? `embedded PGlite (${config.pgliteDataDir})` : 'PostgreSQL'} ready` +
            (applied.length ? `; applied migrations: ${applied.join(', ')}` : ''),
        );
        return connection;
      },
    },
    {
      provide: PrismaClient,
      inject: [SQL_CONNECTION, APP_CONFIG],
      useFactory: (connection: SqlConnection, config: AppConfig) =>
        new PrismaClient({
          adapter: connection.adapter,
          // An interactive transaction waits at most this long for a connection and lasts at most this long.
          transactionOptions: { maxWait: config.databaseConnectTimeoutMs, timeout: config.databaseTransactionTimeoutMs },
        }),
    },
    TenantDatabase,
    DatabaseShutdown,
  ],
  exports: [SQL_CONNECTION, PrismaClient, TenantDatabase],
})
export class DatabaseModule {}
