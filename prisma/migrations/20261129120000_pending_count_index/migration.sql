-- Every vector search and ranking response counts the organisation's rows that have no vector yet
-- (`skippedPending`). Without an index that count was a sequential scan of the whole table (64 of a
-- 72 ms search at 100k rows); this partial index holds only the rows without a vector, so the count
-- reads a handful of index entries.
CREATE INDEX "resumes_without_vector_org_idx" ON "resumes"("organization_id") WHERE "embedding" IS NULL;
CREATE INDEX "jobs_without_vector_org_idx" ON "jobs"("organization_id") WHERE "embedding" IS NULL;
