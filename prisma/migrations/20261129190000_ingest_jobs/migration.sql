-- Bulk ingest (issue 13): an ingest job per bulk upload, a row per file with its outcome, and the
-- uploaded bytes waiting for a worker (any worker process reads them here; deleted once the file ends).
CREATE TABLE "ingest_jobs" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  "organization_id" UUID NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "total" INTEGER NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  -- Set once, by the conditional UPDATE that also decides the single ingest.completed event.
  "completed_at" TIMESTAMPTZ(3)
);
CREATE INDEX "ingest_jobs_organization_id_created_at_idx" ON "ingest_jobs" ("organization_id", "created_at");

CREATE TABLE "ingest_files" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  "ingest_job_id" UUID NOT NULL REFERENCES "ingest_jobs"("id") ON DELETE CASCADE,
  "organization_id" UUID NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "index" INTEGER NOT NULL,
  "file_name" TEXT,
  "external_id" TEXT,
  "source" TEXT,
  "tags" TEXT[] NOT NULL DEFAULT '{}',
  "status" TEXT NOT NULL DEFAULT 'queued' CHECK ("status" IN ('queued', 'processing', 'done', 'duplicate', 'failed')),
  -- Erasing the resume (a person's erasure, retention) leaves the file's outcome without it.
  "resume_id" UUID REFERENCES "resumes"("id") ON DELETE SET NULL,
  "error_code" TEXT,
  "error_message" TEXT,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  -- First time a worker took the file: a retry looks for a resume its earlier attempt stored after this.
  "started_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  UNIQUE ("ingest_job_id", "index")
);
-- Start-up recovery finds the files not yet ended.
CREATE INDEX "ingest_files_unfinished_idx" ON "ingest_files" ("created_at") WHERE "status" IN ('queued', 'processing');
CREATE INDEX "ingest_files_resume_id_idx" ON "ingest_files" ("resume_id");

CREATE TABLE "ingest_file_bytes" (
  "ingest_file_id" UUID NOT NULL PRIMARY KEY REFERENCES "ingest_files"("id") ON DELETE CASCADE,
  "organization_id" UUID NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "bytes" BYTEA NOT NULL
);

CREATE TRIGGER "ingest_jobs_set_timestamps" BEFORE INSERT OR UPDATE ON "ingest_jobs"
  FOR EACH ROW EXECUTE FUNCTION "hirematch_set_timestamps"();
CREATE TRIGGER "ingest_files_set_timestamps" BEFORE INSERT OR UPDATE ON "ingest_files"
  FOR EACH ROW EXECUTE FUNCTION "hirematch_set_timestamps"();

-- Tenant data like resumes (20261129120000_organizations_api_keys_rls).
GRANT SELECT, INSERT, UPDATE, DELETE ON "ingest_jobs", "ingest_files", "ingest_file_bytes" TO hirematch_app;
ALTER TABLE "ingest_jobs" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "ingest_jobs"
  USING ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid);
ALTER TABLE "ingest_files" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "ingest_files"
  USING ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid);
ALTER TABLE "ingest_file_bytes" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "ingest_file_bytes"
  USING ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid);
