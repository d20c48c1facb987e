-- Rotating a webhook's signing secret without dropping deliveries: until `previous_secret_expires_at`
-- every delivery is signed with the new secret AND the previous one (two `v1=` entries, as Stripe
-- rolls secrets), so a receiver can switch to the new secret whenever it deploys.
ALTER TABLE "webhooks"
  ADD COLUMN "previous_secret" TEXT,
  ADD COLUMN "previous_secret_expires_at" TIMESTAMPTZ(3),
  ADD CONSTRAINT "webhooks_previous_secret_expiry" CHECK (("previous_secret" IS NULL) = ("previous_secret_expires_at" IS NULL));
