-- Backfill bookkeeping: how often embedding a row has failed, and why. A row whose text fails
-- again and again ends as 'failed' instead of blocking the backfill (see EmbeddingBackfillService).
ALTER TABLE "resumes" ADD COLUMN "embedding_attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "resumes" ADD COLUMN "embedding_error" TEXT;
ALTER TABLE "jobs" ADD COLUMN "embedding_attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "jobs" ADD COLUMN "embedding_error" TEXT;

-- The backfill looks for pending rows every BACKFILL_INTERVAL_MS: keep that cheap at 100k rows.
CREATE INDEX "resumes_pending_embedding_idx" ON "resumes"("created_at", "id") WHERE "embedding_status" = 'pending';
CREATE INDEX "jobs_pending_embedding_idx" ON "jobs"("created_at", "id") WHERE "embedding_status" = 'pending';
