-- Full-text search for keyword and hybrid search modes (english configuration: stemming, stop words).
ALTER TABLE "resumes" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('english', "content")) STORED;

-- A job's title counts most, then its requirements, then its description.
ALTER TABLE "jobs" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (
    setweight(to_tsvector('english', "title"), 'A') ||
    setweight(to_tsvector('english', "requirements"), 'B') ||
    setweight(to_tsvector('english', "description"), 'C')
  ) STORED;

CREATE INDEX "resumes_search_vector_idx" ON "resumes" USING gin ("search_vector");
CREATE INDEX "jobs_search_vector_idx" ON "jobs" USING gin ("search_vector");
CREATE INDEX "resumes_organization_id_total_years_idx" ON "resumes"("organization_id", "total_years_experience");
