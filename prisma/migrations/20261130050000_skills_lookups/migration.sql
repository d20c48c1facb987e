-- Skills filters through the GIN indexes again. Row-level security evaluates a query's own conditions
-- after the tenant policy unless their operators are LEAKPROOF, and `@>` on arrays is not: under the app
-- role the GIN indexes on `skills` were never used, and a search filtered by a skill read every row of the
-- table (100k resumes, a skill 5% of them hold: 166 ms for the count and the exact vector scan, against
-- 64 ms through the index). These functions run the lookup as the tables' owner, whom the policies do not
-- bind, and bind it to the same tenant as the policies do (`app.organization_id`, set by every tenant
-- transaction): they return ids of the current organisation's rows only, at most `up_to` of them, and
-- nothing without an organisation. The queries that use them still run under the policies.

-- PL/pgSQL EXECUTE ... USING plans with the values: a rare skill through the GIN index, a common one by a
-- scan that stops at `up_to` rows (a SQL function's generic plan took the index for both); the
-- organisation is read once (in the statement, current_setting was evaluated for every row scanned).
CREATE FUNCTION hirematch_resumes_with_skills(wanted text[], up_to integer) RETURNS SETOF uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  organization uuid := NULLIF(current_setting('app.organization_id', true), '')::uuid;
BEGIN
  IF organization IS NULL THEN RETURN; END IF;
  RETURN QUERY EXECUTE 'SELECT id FROM resumes WHERE organization_id = $1 AND skills @> $2 LIMIT $3' USING organization, wanted, up_to;
END $$;

CREATE FUNCTION hirematch_jobs_with_skills(wanted text[], up_to integer) RETURNS SETOF uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  organization uuid := NULLIF(current_setting('app.organization_id', true), '')::uuid;
BEGIN
  IF organization IS NULL THEN RETURN; END IF;
  RETURN QUERY EXECUTE 'SELECT id FROM jobs WHERE organization_id = $1 AND skills @> $2 LIMIT $3' USING organization, wanted, up_to;
END $$;

REVOKE ALL ON FUNCTION hirematch_resumes_with_skills(text[], integer), hirematch_jobs_with_skills(text[], integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hirematch_resumes_with_skills(text[], integer), hirematch_jobs_with_skills(text[], integer) TO hirematch_app;
