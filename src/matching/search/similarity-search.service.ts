import { Injectable } from '@nestjs/common';
import { ApiError } from '../../common/api-error.js';
import { ErrorCode } from '../../common/error-codes.js';
import { SearchFilters } from '../../common/search-filters.js';
import { EmbeddingService, EmbeddingUnavailableError } from '../../embeddings/embedding.service.js';
import { JobsRepository } from '../../jobs/jobs.repository.js';
import { ResumesRepository } from '../../resumes/resumes.repository.js';
import { SkillExtractor } from '../../skills/skill-extractor.js';
import { SearchFiltersInput, SearchHitView, SearchMode, SearchTarget, SimilaritySearchResponse } from '../matching.dto.js';
import { reciprocalRankFusion } from './rank-fusion.js';

/** How deep each list goes before fusion: RRF needs more than `limit` from each side. */
const FUSION_DEPTH = 50;

type SearchTargetRepository = ResumesRepository | JobsRepository;

/** Query -> ranked jobs or resumes, by meaning (vector), by words (keyword), or both fused (hybrid). */
@Injectable()
export class SimilaritySearchService {
  constructor(
    private readonly embeddings: EmbeddingService,
    private readonly resumes: ResumesRepository,
    private readonly jobs: JobsRepository,
    private readonly skills: SkillExtractor,
  ) {}

  async search(
    organizationId: string,
    request: { query: string; target: SearchTarget; mode: SearchMode; limit: number; filters?: SearchFiltersInput },
  ): Promise<SimilaritySearchResponse> {
    const repository: SearchTargetRepository = request.target === 'jobs' ? this.jobs : this.resumes;
    const filters = this.canonicalFilters(request.filters);
    const warnings: string[] = [];
    let mode = request.mode;
    let queryVector: Float32Array | null = null;
    if (mode !== 'keyword') {
      try {
        queryVector = await this.embeddings.embed(organizationId, request.query);
      } catch (error) {
        if (!(error instanceof EmbeddingUnavailableError)) throw error;
        if (mode === 'vector') {
          throw new ApiError(ErrorCode.EMBEDDING_UNAVAILABLE, `${error.message}; vector search is unavailable (keyword mode still works)`, {
            reason: error.reason,
          });
        }
        // Hybrid degrades to its keyword half rather than failing.
        mode = 'keyword';
        warnings.push(`${error.message}: hybrid search answered with keyword results only`);
      }
    }

    let hits: SearchHitView[];
    if (mode === 'vector') {
      const found = await repository.searchByVector(organizationId, queryVector!, request.limit, filters);
      hits = found.map((hit) => ({ id: hit.id, similarity: round(hit.similarity), label: null, skills: [] }));
    } else if (mode === 'keyword') {
      const found = await repository.searchByKeywords(organizationId, request.query, request.limit, filters);
      hits = found.map((hit) => ({ id: hit.id, similarity: round(hit.rank), matchedTerms: hit.matchedTerms, label: null, skills: [] }));
    } else {
      hits = await this.hybrid(repository, organizationId, request.query, queryVector!, request.limit, filters);
    }

    const details = await repository.describe(
      organizationId,
      hits.map((hit) => hit.id),
    );
    for (const hit of hits) Object.assign(hit, details.get(hit.id) ?? {});
    return {
      target: request.target,
      mode: request.mode,
      model: queryVector ? this.embeddings.modelId : null,
      results: hits,
      skippedPending: mode === 'keyword' ? 0 : await repository.countPending(organizationId),
      ...(warnings.length ? { warnings } : {}),
    };
  }

  private async hybrid(
    repository: SearchTargetRepository,
    organizationId: string,
    query: string,
    queryVector: Float32Array,
    limit: number,
    filters: SearchFilters,
  ): Promise<SearchHitView[]> {
    const depth = Math.max(FUSION_DEPTH, limit * 3);
    const [byVector, byKeyword] = await Promise.all([
      repository.searchByVector(organizationId, queryVector, depth, filters),
      repository.searchByKeywords(organizationId, query, depth, filters),
    ]);
    const fused = reciprocalRankFusion([
      byVector.map((hit) => ({ id: hit.id, score: hit.similarity })),
      byKeyword.map((hit) => ({ id: hit.id, score: hit.rank })),
    ]).slice(0, limit);
    const similarity = new Map(byVector.map((hit) => [hit.id, hit.similarity]));
    const missing = fused.filter((hit) => !similarity.has(hit.id)).map((hit) => hit.id);
    if (missing.length) {
      // Keyword-only hits: their cosine to the query still tells how close they are in meaning.
      for (const row of await repository.similarities(organizationId, Array.from(queryVector), missing))
        similarity.set(row.id, row.similarity!);
    }
    const terms = new Map(byKeyword.map((hit) => [hit.id, hit.matchedTerms]));
    return fused.map((hit) => ({
      id: hit.id,
      similarity: similarity.get(hit.id) == null ? null : round(similarity.get(hit.id)!),
      fusedScore: round(hit.score, 6),
      ranks: { vector: hit.ranks[0], keyword: hit.ranks[1] },
      matchedTerms: terms.get(hit.id) ?? [],
      label: null,
      skills: [],
    }));
  }

  private canonicalFilters(input?: SearchFiltersInput): SearchFilters {
    if (!input) return {};
    return {
      skills: input.skills?.map((skill) => this.skills.canonicalize(skill) ?? skill.trim()),
      location: input.location?.trim() || undefined,
      minYears: input.minYears,
      createdAfter: input.createdAfter,
    };
  }
}

function round(value: number, digits = 4): number {
  const factor = 10 ** digits;
  return Math.round(Math.min(1, Math.max(0, value)) * factor) / factor;
}
