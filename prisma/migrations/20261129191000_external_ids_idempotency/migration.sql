-- Issue 13, idempotency and upsert. The same bytes in one organisation are one resume: file_sha256
-- (of the uploaded bytes, before extraction) is unique per organisation. Rows stored before it have
-- NULL (their bytes were not kept). The unique indexes are partial (NOT NULL): smaller, and the
-- planner never prefers them to the partial pending-count indexes for organisation-wide scans.
ALTER TABLE "resumes"
  ADD COLUMN "file_sha256" TEXT,
  -- The candidate's id in the client's ATS: a new file under a known external_id replaces that resume's content.
  ADD COLUMN "external_id" TEXT,
  ADD COLUMN "source" TEXT,
  ADD COLUMN "tags" TEXT[] NOT NULL DEFAULT '{}';
CREATE UNIQUE INDEX "resumes_organization_id_file_sha256_key" ON "resumes"("organization_id", "file_sha256") WHERE "file_sha256" IS NOT NULL;
CREATE UNIQUE INDEX "resumes_organization_id_external_id_key" ON "resumes"("organization_id", "external_id") WHERE "external_id" IS NOT NULL;

ALTER TABLE "jobs" ADD COLUMN "external_id" TEXT;
CREATE UNIQUE INDEX "jobs_organization_id_external_id_key" ON "jobs"("organization_id", "external_id") WHERE "external_id" IS NOT NULL;

-- The first answer to a POST sent with an Idempotency-Key, replayed for a repeat within 24 h.
-- status_code NULL: the first request is still running. fingerprint: sha256 of method, path and body.
CREATE TABLE "idempotency_keys" (
  "organization_id" UUID NOT NULL,
  "key" TEXT NOT NULL,
  "fingerprint" TEXT NOT NULL,
  "status_code" INTEGER,
  "response" JSONB,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "expires_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("organization_id", "key"),
  CONSTRAINT "idempotency_keys_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE
);
CREATE INDEX "idempotency_keys_expires_at_idx" ON "idempotency_keys"("expires_at");

GRANT SELECT, INSERT, UPDATE, DELETE ON "idempotency_keys" TO hirematch_app;
ALTER TABLE "idempotency_keys" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "idempotency_keys"
  USING ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid);
