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
        const applied = await migrate(connection);
        logger.log(
          `${connection.kind === 'pglite' ? `embedded PGlite (${config.pgliteDataDir})` : 'PostgreSQL'} ready` +
            (applied.length ? `; applied migrations: ${applied.join(', ')}` : ''),
        );
        return connection;
      },
    },
    {
      provide: PrismaClient,
      inject: [SQL_CONNECTION],
      useFactory: (connection: SqlConnection) => new PrismaClient({ adapter: connection.adapter }),
    },
    TenantDatabase,
    DatabaseShutdown,
  ],
  exports: [SQL_CONNECTION, PrismaClient, TenantDatabase],
})
export class DatabaseModule {}
