import { Injectable } from '@nestjs/common';
import { ApiError } from '../common/api-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { EmbeddingService, EmbeddingUnavailableError } from '../embeddings/embedding.service.js';
import { ExplanationService, MatchExplanation } from '../explanation/explanation.service.js';
import { JobsRepository } from '../jobs/jobs.repository.js';
import { ResumesRepository } from '../resumes/resumes.repository.js';
import { toCandidateProfile, toJobProfile } from './match-profiles.mapper.js';
import { SearchTarget, SimilaritySearchResponse } from './matching.dto.js';
import { MatchingRepository } from './matching.repository.js';
import { InvalidWeightsError, MatchBreakdown, MatchWeights, normalizeWeights, scoreMatch } from './scoring/match-scorer.js';

export interface MatchResult extends MatchBreakdown {
  jobId: string;
  resumeId: string;
  explanation?: MatchExplanation;
  warnings: string[];
}

@Injectable()
export class MatchingService {
  constructor(
    private readonly resumes: ResumesRepository,
    private readonly jobs: JobsRepository,
    private readonly matching: MatchingRepository,
    private readonly embeddings: EmbeddingService,
    private readonly explanations: ExplanationService,
  ) {}

  /** Scores from the STORED vectors and parsed fields: no model call. */
  async calculate(
    organizationId: string,
    request: { jobId: string; resumeId: string; weights?: Partial<MatchWeights>; explain?: boolean },
  ): Promise<MatchResult> {
    const weights = this.validWeights(request.weights);
    const [job, resume, similarity] = await Promise.all([
      this.jobs.findById(organizationId, request.jobId),
      this.resumes.findById(organizationId, request.resumeId),
      this.matching.storedSimilarity(organizationId, request.jobId, request.resumeId),
    ]);
    if (!job) throw ApiError.notFound('Job', request.jobId);
    if (!resume) throw ApiError.notFound('Resume', request.resumeId);
    const breakdown = scoreMatch({ semanticSimilarity: similarity, candidate: toCandidateProfile(resume), job: toJobProfile(job), weights });
    const warnings = [job, resume]
      .filter((row) => row.embeddingStatus !== 'ready')
      .map((row) => `${row === job ? 'Job' : 'Resume'} ${row.id} has no embedding yet (${row.embeddingStatus}); semantic similarity was left out`);
    const result: MatchResult = { jobId: job.id, resumeId: resume.id, ...breakdown, warnings };
    if (request.explain) result.explanation = await this.explanations.explain(breakdown, job.title);
    return result;
  }

  async explain(organizationId: string, jobId: string, resumeId: string): Promise<MatchExplanation> {
    const result = await this.calculate(organizationId, { jobId, resumeId, explain: true });
    return result.explanation!;
  }

  async similaritySearch(organizationId: string, query: string, target: SearchTarget, limit: number): Promise<SimilaritySearchResponse> {
    let vector: Float32Array;
    try {
      vector = await this.embeddings.embed(query);
    } catch (error) {
      if (error instanceof EmbeddingUnavailableError) {
        throw new ApiError(ErrorCode.EMBEDDING_UNAVAILABLE, `${error.message}; semantic search is unavailable`, { reason: error.reason });
      }
      throw error;
    }
    if (target === 'jobs') {
      const [hits, skippedPending] = await Promise.all([
        this.jobs.searchByVector(organizationId, vector, limit),
        this.jobs.countPending(organizationId),
      ]);
      const rows = new Map((await this.jobs.findByIds(organizationId, hits.map((h) => h.id))).map((row) => [row.id, row]));
      return {
        target,
        model: this.embeddings.modelId,
        skippedPending,
        results: hits.map((hit) => ({ id: hit.id, similarity: hit.similarity, label: rows.get(hit.id)?.title ?? null, skills: rows.get(hit.id)?.skills ?? [] })),
      };
    }
    const [hits, skippedPending] = await Promise.all([
      this.resumes.searchByVector(organizationId, vector, limit),
      this.resumes.countPending(organizationId),
    ]);
    const rows = new Map((await this.resumes.findByIds(organizationId, hits.map((h) => h.id))).map((row) => [row.id, row]));
    return {
      target,
      model: this.embeddings.modelId,
      skippedPending,
      results: hits.map((hit) => {
        const row = rows.get(hit.id);
        const name = (row?.parsed as { name?: string | null } | undefined)?.name;
        return { id: hit.id, similarity: hit.similarity, label: name ?? row?.fileName ?? null, skills: row?.skills ?? [] };
      }),
    };
  }

  private validWeights(weights?: Partial<MatchWeights>): MatchWeights {
    try {
      return normalizeWeights(weights);
    } catch (error) {
      if (error instanceof InvalidWeightsError) throw new ApiError(ErrorCode.INVALID_WEIGHTS, error.message);
      throw error;
    }
  }
}
