-- Okapi BM25 for keyword search. ts_rank_cd has no inverse document frequency, so a long query
-- (a whole resume) ranked 4-6x worse than plain BM25 on the same words (issue 14). BM25 needs, per
-- organisation and table: each term's document frequency, the number of documents and their total
-- length; and per row: each term's frequency and the row's length. The per-row parts are generated
-- from the same text as `search_vector`; the per-organisation parts are kept by statement triggers
-- in the writing transaction, so a committed row is always counted exactly once.

-- Term -> occurrences (positions) in a tsvector; a lexeme without positions counts once.
CREATE FUNCTION hirematch_term_frequencies(v tsvector) RETURNS jsonb
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT coalesce(jsonb_object_agg(lexeme, coalesce(array_length(positions, 1), 1)), '{}'::jsonb) FROM unnest(v)
  $$;

CREATE FUNCTION hirematch_document_length(v tsvector) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT coalesce(sum(coalesce(array_length(positions, 1), 1)), 0)::integer FROM unnest(v)
  $$;

-- A generated column cannot read another one, so these repeat search_vector's expression.
ALTER TABLE "resumes"
  ADD COLUMN "search_terms" jsonb GENERATED ALWAYS AS (hirematch_term_frequencies(to_tsvector('english', "content"))) STORED,
  ADD COLUMN "search_length" integer GENERATED ALWAYS AS (hirematch_document_length(to_tsvector('english', "content"))) STORED;
ALTER TABLE "jobs"
  ADD COLUMN "search_terms" jsonb GENERATED ALWAYS AS (hirematch_term_frequencies(
    setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "requirements"), 'B') ||
    setweight(to_tsvector('english', "description"), 'C'))) STORED,
  ADD COLUMN "search_length" integer GENERATED ALWAYS AS (hirematch_document_length(
    setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "requirements"), 'B') ||
    setweight(to_tsvector('english', "description"), 'C'))) STORED;

-- `target` is the table the statistics describe ('resumes' or 'jobs').
CREATE TABLE "search_term_stats" (
  "organization_id" UUID NOT NULL,
  "target" TEXT NOT NULL,
  "term" TEXT NOT NULL,
  "documents" INTEGER NOT NULL,
  PRIMARY KEY ("organization_id", "target", "term")
);
CREATE TABLE "search_corpus_stats" (
  "organization_id" UUID NOT NULL,
  "target" TEXT NOT NULL,
  "documents" INTEGER NOT NULL,
  "total_length" BIGINT NOT NULL,
  PRIMARY KEY ("organization_id", "target")
);

-- Applies the rows that left (`old_rows`) and arrived (`new_rows`) to the statistics. Terms go in
-- key order so that concurrent writers lock the same rows in the same order (no deadlock); a term no
-- document holds any more is deleted, so an erased person's words do not linger in the statistics.
CREATE FUNCTION hirematch_apply_search_stats(stats_target TEXT, departed JSONB, arrived JSONB) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  WITH changes AS (
    SELECT (r->>'organization_id')::uuid AS organization_id, r->'search_terms' AS terms, (r->>'search_length')::bigint AS length, -1 AS sign
    FROM jsonb_array_elements(departed) r
    UNION ALL
    SELECT (r->>'organization_id')::uuid, r->'search_terms', (r->>'search_length')::bigint, 1
    FROM jsonb_array_elements(arrived) r
  ), term_deltas AS (
    SELECT c.organization_id, t.term, sum(c.sign)::int AS delta
    FROM changes c, jsonb_object_keys(c.terms) AS t(term)
    GROUP BY c.organization_id, t.term
    HAVING sum(c.sign) <> 0
  ), corpus_deltas AS (
    SELECT organization_id, sum(sign)::int AS documents, sum(sign * length)::bigint AS total_length
    FROM changes GROUP BY organization_id
  ), corpus AS (
    INSERT INTO search_corpus_stats AS s (organization_id, target, documents, total_length)
    SELECT organization_id, stats_target, documents, total_length FROM corpus_deltas ORDER BY organization_id
    ON CONFLICT (organization_id, target) DO UPDATE
      SET documents = s.documents + EXCLUDED.documents, total_length = s.total_length + EXCLUDED.total_length
  )
  INSERT INTO search_term_stats AS s (organization_id, target, term, documents)
  SELECT organization_id, stats_target, term, delta FROM term_deltas ORDER BY organization_id, term
  ON CONFLICT (organization_id, target, term) DO UPDATE SET documents = s.documents + EXCLUDED.documents;
  IF jsonb_array_length(departed) > 0 THEN
    DELETE FROM search_term_stats s
    USING (SELECT DISTINCT (r->>'organization_id')::uuid AS organization_id, t.term
           FROM jsonb_array_elements(departed) r, jsonb_object_keys(r->'search_terms') AS t(term)) gone
    WHERE s.organization_id = gone.organization_id AND s.target = stats_target AND s.term = gone.term AND s.documents <= 0;
  END IF;
END $$;

-- Statement triggers with transition tables: one bulk INSERT of 1,000 rows updates each term once.
-- (Transition tables cannot be combined with `UPDATE OF <columns>`, so the UPDATE trigger keeps only
-- the rows whose terms or organisation changed: attaching a vector changes neither.)
CREATE FUNCTION hirematch_search_stats_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hirematch_apply_search_stats(TG_TABLE_NAME, '[]'::jsonb,
    (SELECT coalesce(jsonb_agg(jsonb_build_object('organization_id', organization_id, 'search_terms', search_terms, 'search_length', search_length)), '[]') FROM new_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION hirematch_search_stats_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hirematch_apply_search_stats(TG_TABLE_NAME,
    (SELECT coalesce(jsonb_agg(jsonb_build_object('organization_id', organization_id, 'search_terms', search_terms, 'search_length', search_length)), '[]') FROM old_rows),
    '[]'::jsonb);
  RETURN NULL;
END $$;
CREATE FUNCTION hirematch_search_stats_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hirematch_apply_search_stats(TG_TABLE_NAME,
    (SELECT coalesce(jsonb_agg(jsonb_build_object('organization_id', o.organization_id, 'search_terms', o.search_terms, 'search_length', o.search_length)), '[]')
       FROM old_rows o JOIN new_rows n USING (id)
       WHERE o.search_terms IS DISTINCT FROM n.search_terms OR o.organization_id <> n.organization_id),
    (SELECT coalesce(jsonb_agg(jsonb_build_object('organization_id', n.organization_id, 'search_terms', n.search_terms, 'search_length', n.search_length)), '[]')
       FROM old_rows o JOIN new_rows n USING (id)
       WHERE o.search_terms IS DISTINCT FROM n.search_terms OR o.organization_id <> n.organization_id));
  RETURN NULL;
END $$;

CREATE TRIGGER "resumes_search_stats_insert" AFTER INSERT ON "resumes"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hirematch_search_stats_on_insert();
CREATE TRIGGER "resumes_search_stats_delete" AFTER DELETE ON "resumes"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hirematch_search_stats_on_delete();
CREATE TRIGGER "resumes_search_stats_update" AFTER UPDATE ON "resumes"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hirematch_search_stats_on_update();
CREATE TRIGGER "jobs_search_stats_insert" AFTER INSERT ON "jobs"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hirematch_search_stats_on_insert();
CREATE TRIGGER "jobs_search_stats_delete" AFTER DELETE ON "jobs"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hirematch_search_stats_on_delete();
CREATE TRIGGER "jobs_search_stats_update" AFTER UPDATE ON "jobs"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hirematch_search_stats_on_update();

-- Rows stored before this migration.
INSERT INTO search_term_stats (organization_id, target, term, documents)
  SELECT organization_id, 'resumes', t.term, count(*) FROM resumes, jsonb_object_keys(search_terms) AS t(term) GROUP BY 1, 3;
INSERT INTO search_term_stats (organization_id, target, term, documents)
  SELECT organization_id, 'jobs', t.term, count(*) FROM jobs, jsonb_object_keys(search_terms) AS t(term) GROUP BY 1, 3;
INSERT INTO search_corpus_stats (organization_id, target, documents, total_length)
  SELECT organization_id, 'resumes', count(*), sum(search_length) FROM resumes GROUP BY 1;
INSERT INTO search_corpus_stats (organization_id, target, documents, total_length)
  SELECT organization_id, 'jobs', count(*), sum(search_length) FROM jobs GROUP BY 1;
