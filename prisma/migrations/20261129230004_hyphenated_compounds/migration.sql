-- Keyword search indexed a hyphenated word whole AND as its parts ("month-end" -> month-end, month,
-- end, the whole one taking a position too), so two texts that both hyphenate shared one more term,
-- and a longer length, than "month-end" against "month end": they scored differently (issue 14; on the
-- labelled set a resume passed a better one by that extra term alone). hirematch_english is english
-- without the whole-compound token types: a hyphenated word is only its parts, at the positions
-- "month end" has. The trade-off: the compound itself is no longer a term, so "T-SQL" is found by,
-- and finds, any "SQL" ("t" is an english stop word), and "e-mail" is e, mail.
-- A text search configuration has no privileges of its own: hirematch_app, which has USAGE on the
-- schema, can use it.
CREATE TEXT SEARCH CONFIGURATION hirematch_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION hirematch_english DROP MAPPING FOR asciihword, hword, numhword;

-- The generated columns of 20261125100000_full_text_search and 20261129123000_bm25 with the new
-- configuration (PostgreSQL 15 cannot change a generated column's expression: drop and add; the GIN
-- index goes with its column). The table rewrite fires no trigger: the statistics are rebuilt below.
ALTER TABLE "resumes" DROP COLUMN "search_vector", DROP COLUMN "search_terms", DROP COLUMN "search_length";
ALTER TABLE "resumes"
  ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('hirematch_english', "content")) STORED,
  ADD COLUMN "search_terms" jsonb GENERATED ALWAYS AS (hirematch_term_frequencies(to_tsvector('hirematch_english', "content"))) STORED,
  ADD COLUMN "search_length" integer GENERATED ALWAYS AS (hirematch_document_length(to_tsvector('hirematch_english', "content"))) STORED;

ALTER TABLE "jobs" DROP COLUMN "search_vector", DROP COLUMN "search_terms", DROP COLUMN "search_length";
ALTER TABLE "jobs"
  ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('hirematch_english', "title"), 'A') ||
    setweight(to_tsvector('hirematch_english', "requirements"), 'B') ||
    setweight(to_tsvector('hirematch_english', "description"), 'C')) STORED,
  ADD COLUMN "search_terms" jsonb GENERATED ALWAYS AS (hirematch_term_frequencies(
    setweight(to_tsvector('hirematch_english', "title"), 'A') || setweight(to_tsvector('hirematch_english', "requirements"), 'B') ||
    setweight(to_tsvector('hirematch_english', "description"), 'C'))) STORED,
  ADD COLUMN "search_length" integer GENERATED ALWAYS AS (hirematch_document_length(
    setweight(to_tsvector('hirematch_english', "title"), 'A') || setweight(to_tsvector('hirematch_english', "requirements"), 'B') ||
    setweight(to_tsvector('hirematch_english', "description"), 'C'))) STORED;

CREATE INDEX "resumes_search_vector_idx" ON "resumes" USING gin ("search_vector");
CREATE INDEX "jobs_search_vector_idx" ON "jobs" USING gin ("search_vector");

-- The statistics and postings of the stored rows, recomputed from the new terms as
-- 20261129123000_bm25 and 20261129151000_search_postings first computed them.
DELETE FROM search_term_stats;
DELETE FROM search_corpus_stats;
DELETE FROM search_postings;
INSERT INTO search_term_stats (organization_id, target, term, documents)
  SELECT organization_id, 'resumes', t.term, count(*) FROM resumes, jsonb_object_keys(search_terms) AS t(term) GROUP BY 1, 3;
INSERT INTO search_term_stats (organization_id, target, term, documents)
  SELECT organization_id, 'jobs', t.term, count(*) FROM jobs, jsonb_object_keys(search_terms) AS t(term) GROUP BY 1, 3;
INSERT INTO search_corpus_stats (organization_id, target, documents, total_length)
  SELECT organization_id, 'resumes', count(*), sum(search_length) FROM resumes GROUP BY 1;
INSERT INTO search_corpus_stats (organization_id, target, documents, total_length)
  SELECT organization_id, 'jobs', count(*), sum(search_length) FROM jobs GROUP BY 1;
INSERT INTO search_postings (target, row_id, term, organization_id, frequency, length)
SELECT 'resumes', r.id, tf.key, r.organization_id, tf.value::integer, r.search_length
FROM resumes r CROSS JOIN LATERAL jsonb_each_text(r.search_terms) AS tf;
INSERT INTO search_postings (target, row_id, term, organization_id, frequency, length)
SELECT 'jobs', j.id, tf.key, j.organization_id, tf.value::integer, j.search_length
FROM jobs j CROSS JOIN LATERAL jsonb_each_text(j.search_terms) AS tf;
