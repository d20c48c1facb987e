-- An inverted index for BM25 (issue 14: a whole resume as the query, p95 <= 50 ms at 100k rows).
-- Scoring every row that holds any kept query term, by expanding its `search_terms` jsonb, cost
-- about 0.2 s at 10k rows and grew with the table. A posting per (row, term) lets a query read only
-- the postings of its own terms, best first per term (frequency, then shorter rows), and score
-- exactly from them. Kept beside the jsonb (which stays the source: statistics, "more like this")
-- by statement triggers in the writing transaction, as the statistics are.
CREATE TABLE "search_postings" (
  "target" TEXT NOT NULL,
  "row_id" UUID NOT NULL,
  "term" TEXT NOT NULL,
  "organization_id" UUID NOT NULL,
  "frequency" INTEGER NOT NULL,
  "length" INTEGER NOT NULL,
  PRIMARY KEY ("target", "row_id", "term")
);
CREATE INDEX "search_postings_term_idx" ON "search_postings" ("organization_id", "target", "term", "frequency" DESC, "length") INCLUDE ("row_id");

CREATE FUNCTION hirematch_search_postings_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_postings (target, row_id, term, organization_id, frequency, length)
  SELECT TG_TABLE_NAME, n.id, tf.key, n.organization_id, tf.value::integer, n.search_length
  FROM new_rows n CROSS JOIN LATERAL jsonb_each_text(n.search_terms) AS tf;
  RETURN NULL;
END $$;
CREATE FUNCTION hirematch_search_postings_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_postings p USING old_rows o WHERE p.target = TG_TABLE_NAME AND p.row_id = o.id;
  RETURN NULL;
END $$;
-- Only rows whose terms or organisation changed (attaching a vector changes neither).
CREATE FUNCTION hirematch_search_postings_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_postings p USING old_rows o JOIN new_rows n USING (id)
  WHERE p.target = TG_TABLE_NAME AND p.row_id = o.id
    AND (o.search_terms IS DISTINCT FROM n.search_terms OR o.organization_id <> n.organization_id);
  INSERT INTO search_postings (target, row_id, term, organization_id, frequency, length)
  SELECT TG_TABLE_NAME, n.id, tf.key, n.organization_id, tf.value::integer, n.search_length
  FROM old_rows o JOIN new_rows n USING (id) CROSS JOIN LATERAL jsonb_each_text(n.search_terms) AS tf
  WHERE o.search_terms IS DISTINCT FROM n.search_terms OR o.organization_id <> n.organization_id;
  RETURN NULL;
END $$;

CREATE TRIGGER "resumes_search_postings_insert" AFTER INSERT ON "resumes"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hirematch_search_postings_on_insert();
CREATE TRIGGER "resumes_search_postings_delete" AFTER DELETE ON "resumes"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hirematch_search_postings_on_delete();
CREATE TRIGGER "resumes_search_postings_update" AFTER UPDATE ON "resumes"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hirematch_search_postings_on_update();
CREATE TRIGGER "jobs_search_postings_insert" AFTER INSERT ON "jobs"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hirematch_search_postings_on_insert();
CREATE TRIGGER "jobs_search_postings_delete" AFTER DELETE ON "jobs"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hirematch_search_postings_on_delete();
CREATE TRIGGER "jobs_search_postings_update" AFTER UPDATE ON "jobs"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hirematch_search_postings_on_update();

INSERT INTO search_postings (target, row_id, term, organization_id, frequency, length)
SELECT 'resumes', r.id, tf.key, r.organization_id, tf.value::integer, r.search_length
FROM resumes r CROSS JOIN LATERAL jsonb_each_text(r.search_terms) AS tf;
INSERT INTO search_postings (target, row_id, term, organization_id, frequency, length)
SELECT 'jobs', j.id, tf.key, j.organization_id, tf.value::integer, j.search_length
FROM jobs j CROSS JOIN LATERAL jsonb_each_text(j.search_terms) AS tf;

-- Tenant data like the statistics (20261129140000_search_stats_rls).
GRANT SELECT, INSERT, UPDATE, DELETE ON "search_postings" TO hirematch_app;
ALTER TABLE "search_postings" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "search_postings"
  USING ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid);
