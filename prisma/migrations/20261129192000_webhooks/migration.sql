-- Webhooks (issue 13): per organisation, the URLs that receive domain events, and one delivery row
-- per event and webhook, kept as the delivery log. Tenant tables under row-level security like resumes.
CREATE TABLE "webhooks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[] NOT NULL,
    "description" TEXT,
    -- The signing secret (`whsec_...`): shown once at creation; kept because the server signs with it.
    "secret" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhooks_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhooks_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE,
    CONSTRAINT "webhooks_events_not_empty" CHECK (cardinality("events") >= 1)
);
CREATE INDEX "webhooks_organization_id_idx" ON "webhooks"("organization_id");

CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "webhook_id" UUID NOT NULL,
    -- `evt_...`: the same for every webhook one event is delivered to, so receivers can de-duplicate.
    "event_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    -- The exact bytes sent (ids and codes only): every retry sends the same body.
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "last_duration_ms" INTEGER,
    -- Every attempt: [{attempt, at, statusCode, error, durationMs}].
    "attempt_log" JSONB NOT NULL DEFAULT '[]',
    "next_attempt_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_deliveries_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE,
    CONSTRAINT "webhook_deliveries_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE,
    CONSTRAINT "webhook_deliveries_status_check" CHECK ("status" IN ('pending', 'succeeded', 'failed'))
);
CREATE INDEX "webhook_deliveries_webhook_id_created_at_idx" ON "webhook_deliveries"("webhook_id", "created_at" DESC, "id");
-- Start-up recovery reads the pending ones only.
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries"("created_at") WHERE "status" = 'pending';

CREATE TRIGGER "webhooks_set_timestamps" BEFORE INSERT OR UPDATE ON "webhooks"
  FOR EACH ROW EXECUTE FUNCTION "hirematch_set_timestamps"();
CREATE TRIGGER "webhook_deliveries_set_timestamps" BEFORE INSERT OR UPDATE ON "webhook_deliveries"
  FOR EACH ROW EXECUTE FUNCTION "hirematch_set_timestamps"();

GRANT SELECT, INSERT, UPDATE, DELETE ON "webhooks", "webhook_deliveries" TO hirematch_app;
ALTER TABLE "webhooks" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "webhooks"
  USING ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid);
ALTER TABLE "webhook_deliveries" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "webhook_deliveries"
  USING ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid);

-- The new scope `webhooks:manage`: admin keys made before it existed get it, as new admin keys do.
UPDATE "api_keys" SET "scopes" = array_append("scopes", 'webhooks:manage')
  WHERE 'admin' = ANY("scopes") AND NOT ('webhooks:manage' = ANY("scopes"));
