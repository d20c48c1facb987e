import { defineConfig } from 'prisma/config';

// The datasource URL lives here in Prisma 7. The app itself connects through a driver adapter
// (src/database/sql-connection.ts); this file only serves the Prisma CLI (generate/validate).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/hirematch' },
});
