-- The keyword-search statistics (20261129123000_bm25) are tenant data like the rows they count:
-- document frequencies would tell one organisation which words another's resumes contain. The
-- statement triggers that keep them run as the role that wrote resumes/jobs, which is hirematch_app
-- inside TenantDatabase.forOrganization: it needs the grants, and row-level security keeps each
-- organisation to its own statistics (asSystem work runs as the connecting user, whom RLS does not bind).
GRANT SELECT, INSERT, UPDATE, DELETE ON "search_term_stats", "search_corpus_stats" TO hirematch_app;

ALTER TABLE "search_term_stats" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "search_term_stats"
  USING ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid);
ALTER TABLE "search_corpus_stats" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "search_corpus_stats"
  USING ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK ("organization_id" = NULLIF(current_setting('app.organization_id', true), '')::uuid);
