-- HireMatch initial schema: resumes and jobs with 384-d all-MiniLM-L6-v2 embeddings (pgvector).
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TYPE "EmbeddingStatus" AS ENUM ('ready', 'pending', 'failed');

CREATE TABLE "resumes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "file_name" TEXT,
    "mime_type" TEXT,
    "content" TEXT NOT NULL,
    "content_sha256" TEXT NOT NULL,
    "parsed" JSONB NOT NULL,
    "skills" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "total_years_experience" DOUBLE PRECISION,
    "location" TEXT,
    "embedding" vector(384),
    "embedding_model" TEXT,
    "embedding_status" "EmbeddingStatus" NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "resumes_pkey" PRIMARY KEY ("id"),
    -- A vector is stored exactly when the row says it is ready: no placeholder vectors.
    CONSTRAINT "resumes_embedding_status_check" CHECK (("embedding" IS NOT NULL) = ("embedding_status" = 'ready'))
);

CREATE TABLE "jobs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "requirements" TEXT NOT NULL,
    "location" TEXT,
    "min_years_experience" DOUBLE PRECISION,
    "skills" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "parsed" JSONB NOT NULL,
    "content" TEXT NOT NULL,
    "content_sha256" TEXT NOT NULL,
    "embedding" vector(384),
    "embedding_model" TEXT,
    "embedding_status" "EmbeddingStatus" NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "jobs_embedding_status_check" CHECK (("embedding" IS NOT NULL) = ("embedding_status" = 'ready'))
);

CREATE INDEX "resumes_organization_id_created_at_idx" ON "resumes"("organization_id", "created_at");
CREATE INDEX "resumes_organization_id_content_sha256_idx" ON "resumes"("organization_id", "content_sha256");
CREATE INDEX "jobs_organization_id_created_at_idx" ON "jobs"("organization_id", "created_at");

-- Cosine-distance HNSW indexes: queries must order by `embedding <=> $q` to use them.
CREATE INDEX "resumes_embedding_hnsw_idx" ON "resumes" USING hnsw ("embedding" vector_cosine_ops);
CREATE INDEX "jobs_embedding_hnsw_idx" ON "jobs" USING hnsw ("embedding" vector_cosine_ops);
CREATE INDEX "resumes_skills_idx" ON "resumes" USING gin ("skills");
CREATE INDEX "jobs_skills_idx" ON "jobs" USING gin ("skills");
