-- Every vector search and ranking response says how many of the organisation's rows have no vector
-- yet (`skippedPending`). Without an index that count was a sequential scan of the whole table
-- (64 of a 72 ms search at 100k rows); this partial index holds only the rows not yet embedded,
-- so the count reads a handful of index entries.
CREATE INDEX "resumes_not_ready_org_idx" ON "resumes"("organization_id") WHERE "embedding_status" <> 'ready';
CREATE INDEX "jobs_not_ready_org_idx" ON "jobs"("organization_id") WHERE "embedding_status" <> 'ready';
