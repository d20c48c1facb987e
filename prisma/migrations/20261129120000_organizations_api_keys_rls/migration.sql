-- Organisations, API keys and the audit log; tenancy enforced by PostgreSQL row-level security.

CREATE TABLE "organizations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    -- Resumes older than this many days are erased by the retention job; NULL keeps them.
    "retention_days" INTEGER,
    -- Requests per minute per API key of this organisation; NULL: the service default.
    "rate_limit_per_minute" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "organizations_retention_days_check" CHECK ("retention_days" IS NULL OR "retention_days" >= 1),
    CONSTRAINT "organizations_rate_limit_check" CHECK ("rate_limit_per_minute" IS NULL OR "rate_limit_per_minute" >= 1)
);

-- The default organisation every row belonged to before API keys; it is the operator organisation.
INSERT INTO "organizations" ("id", "name") VALUES ('00000000-0000-4000-8000-000000000001', 'default');
INSERT INTO "organizations" ("id", "name")
  SELECT DISTINCT organization_id, 'organization ' || organization_id FROM (
    SELECT organization_id FROM "resumes" UNION SELECT organization_id FROM "jobs"
  ) existing
  WHERE organization_id <> '00000000-0000-4000-8000-000000000001';

-- Deleting an organisation deletes its resumes and jobs (and their vectors) with it.
ALTER TABLE "resumes" ADD CONSTRAINT "resumes_organization_id_fkey"
  FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE;
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_organization_id_fkey"
  FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE;

CREATE TABLE "api_keys" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    -- sha256 of the whole key: keys are 32 random bytes, so a fast hash cannot be brute-forced.
    "key_hash" TEXT NOT NULL,
    -- The first characters of the key (`hm_live_` + 4), to recognise it in lists; not a secret.
    "key_prefix" TEXT NOT NULL,
    "scopes" TEXT[] NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "api_keys_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");
CREATE INDEX "api_keys_organization_id_idx" ON "api_keys"("organization_id");

-- Append-only: the application role may insert and read, never update or delete. No personal data:
-- ids, action names and counts only (plus the caller's address). Kept when its organisation is deleted.
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "key_id" UUID,
    "action" TEXT NOT NULL,
    "resource_type" TEXT,
    "resource_id" TEXT,
    "ip" TEXT,
    "details" JSONB,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_events_organization_id_occurred_at_idx" ON "audit_events"("organization_id", "occurred_at");

-- The role requests run under (SET LOCAL ROLE per transaction): neither superuser nor table owner,
-- so the policies below apply to it. Roles are cluster-wide: another database may have made it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hirematch_app') THEN
    CREATE ROLE hirematch_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
-- The connecting user must be a member to SET ROLE (a superuser always may).
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT hirematch_app TO %I', current_user);
  END IF;
END $$;

GRANT USAGE ON SCHEMA public TO hirematch_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "resumes", "jobs", "api_keys" TO hirematch_app;
GRANT SELECT, UPDATE ON "organizations" TO hirematch_app;
GRANT SELECT, INSERT ON "audit_events" TO hirematch_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM hirematch_app;

-- One policy per tenant table: a row is visible and writable only inside a transaction that set
-- app.organization_id to its organisation (NULLIF: after such a transaction the setting reads '').
ALTER TABLE "resumes" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "resumes"
  USING ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid);
ALTER TABLE "jobs" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "jobs"
  USING ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid);
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "api_keys"
  USING ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid);
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "audit_events"
  USING ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid);
ALTER TABLE "organizations" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "organizations"
  USING ("id" = NULLIF(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK ("id" = NULLIF(current_setting('app.organization_id', true), '')::uuid);
