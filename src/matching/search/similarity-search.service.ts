import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error.js';
import { ErrorCode } from '../../common/error-codes.js';
import { SearchFilters } from '../../common/search-filters.js';
import { EmbeddingService, EmbeddingUnavailableError } from '../../embeddings/embedding.service.js';
import { JobsRepository } from '../../jobs/jobs.repository.js';
import { ResumesRepository } from '../../resumes/resumes.repository.js';
import { SkillExtractor } from '../../skills/skill-extractor.js';
import { FusionMethod, SearchFiltersInput, SearchHitView, SearchMode, SearchTarget, SimilaritySearchResponse } from '../matching.dto.js';
import { DescribedResults, KeywordQuery } from '../../database/searchable-repository.js';
import { DEFAULT_FUSION_METHOD, fuseRankedLists } from './rank-fusion.js';

/** How deep each list goes before fusion: fusion needs more than `limit` from each side. */
const FUSION_DEPTH = 50;

/** Ranked hits, and the ids the keyword half found (rows without a vector among them were ranked, not skipped). */
interface RankedHits {
  hits: SearchHitView[];
  rankedByWords: string[];
  /** Labels, skills and the skipped count when the search read them in its own transaction (vector and keyword modes). */
  described?: DescribedResults;
}

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
    request: {
      query: string;
      target: SearchTarget;
      mode: SearchMode;
      limit: number;
      fusion?: FusionMethod;
      filters?: SearchFiltersInput;
    },
  ): Promise<SimilaritySearchResponse> {
    const repository = this.repositoryFor(request.target);
    const warnings: string[] = [];
    let mode = request.mode;
    let queryVector: Float32Array | null = null;
    if (mode !== 'keyword') {
      try {
        queryVector = await this.embeddings.embed(organizationId, request.query);
      } catch (error) {
        if (!(error instanceof EmbeddingUnavailableError)) throw error;
        if (mode === 'vector') {
          throw new EmbeddingUnavailableError(error.reason, `${error.message}; vector search is unavailable (keyword mode still works)`);
        }
        // Hybrid degrades to its keyword half rather than failing.
        mode = 'keyword';
        warnings.push(`${error.message}: hybrid search answered with keyword results only`);
      }
    }
    const filters = this.canonicalFilters(request.filters);
    const ranked = await this.rank(repository, organizationId, {
      mode,
      vector: queryVector,
      keywords: { text: request.query },
      limit: request.limit,
      fusion: request.fusion ?? DEFAULT_FUSION_METHOD,
      filters,
    });
    return this.respond(repository, organizationId, {
      target: request.target,
      requested: request.mode,
      answered: mode,
      model: queryVector ? this.embeddings.modelId : null,
      ranked,
      filters,
      warnings,
    });
  }

  /**
   * "More like this": the stored record is the query, through its stored vector and its stored BM25
   * terms (nothing is re-embedded or cut short); the record itself is left out.
   */
  async similarTo(
    organizationId: string,
    target: SearchTarget,
    id: string,
    request: { mode: SearchMode; limit: number; fusion?: FusionMethod; filters?: SearchFiltersInput },
  ): Promise<SimilaritySearchResponse> {
    const repository = this.repositoryFor(target);
    const terms = await repository.storedTerms(organizationId, id);
    if (terms === null) throw DomainError.notFound(target === 'jobs' ? 'Job' : 'Resume', id);
    const stored = request.mode === 'keyword' ? null : await repository.findEmbedding(organizationId, id);
    const warnings: string[] = [];
    let mode = request.mode;
    if (!stored && mode === 'vector') {
      throw new DomainError(ErrorCode.EMBEDDING_NOT_READY, 'This record has no vector yet (embedding pending); keyword mode works now');
    }
    if (!stored && mode === 'hybrid') {
      mode = 'keyword';
      warnings.push('This record has no vector yet (embedding pending): answered with keyword results only');
    }
    const filters = this.canonicalFilters(request.filters);
    const ranked = await this.rank(repository, organizationId, {
      mode,
      vector: stored ? Float32Array.from(stored) : null,
      keywords: { terms, exceptRow: id },
      limit: request.limit + 1,
      fusion: request.fusion ?? DEFAULT_FUSION_METHOD,
      filters,
    });
    return this.respond(repository, organizationId, {
      target,
      requested: request.mode,
      answered: mode,
      model: stored ? this.embeddings.modelId : null,
      // The record itself is the query, not a result, and never counts as skipped.
      ranked: {
        ...ranked,
        hits: ranked.hits.filter((hit) => hit.id !== id).slice(0, request.limit),
        rankedByWords: [...ranked.rankedByWords, id],
      },
      filters,
      warnings,
    });
  }

  private repositoryFor(target: SearchTarget): SearchTargetRepository {
    return target === 'jobs' ? this.jobs : this.resumes;
  }

  private async rank(
    repository: SearchTargetRepository,
    organizationId: string,
    query: {
      mode: SearchMode;
      vector: Float32Array | null;
      keywords: KeywordQuery;
      limit: number;
      fusion: FusionMethod;
      filters: SearchFilters;
    },
  ): Promise<RankedHits> {
    const { mode, vector, keywords, limit, filters } = query;
    if (mode === 'vector') {
      // The query row of "more like this" is no result and never counts as skipped.
      const notSkipped = 'exceptRow' in keywords && keywords.exceptRow ? [keywords.exceptRow] : [];
      const { hits: found, ...described } = await repository.searchByVectorDescribed(organizationId, vector!, limit, filters, notSkipped);
      return {
        hits: found.map((hit) => ({ id: hit.id, similarity: round(hit.similarity), label: null, skills: [] })),
        rankedByWords: [],
        described,
      };
    }
    if (mode === 'keyword') {
      const { hits: found, ...described } = await repository.searchByKeywordsDescribed(organizationId, keywords, limit, filters);
      const hits = found.map((hit) => ({
        id: hit.id,
        similarity: round(hit.rank),
        matchedTerms: hit.matchedTerms,
        label: null,
        skills: [],
      }));
      return { hits, rankedByWords: found.map((hit) => hit.id), described };
    }
    const depth = Math.max(FUSION_DEPTH, limit * 3);
    const [byVector, byKeyword] = await Promise.all([
      repository.searchByVector(organizationId, vector!, depth, filters),
      repository.searchByKeywords(organizationId, keywords, depth, filters),
    ]);
    const lists = [
      byVector.map((hit) => ({ id: hit.id, score: hit.similarity })),
      byKeyword.map((hit) => ({ id: hit.id, score: hit.bm25 })),
    ];
    const fused = fuseRankedLists(query.fusion, lists, 'exceptRow' in keywords ? keywords.exceptRow : undefined).slice(0, limit);
    const similarity = new Map<string, number | null>(byVector.map((hit) => [hit.id, hit.similarity]));
    const rankedByWords = byKeyword.map((hit) => hit.id);
    // Labels, the skipped count and the keyword-only hits' cosine to the query (it still tells how
    // close they are in meaning), in one transaction.
    const described = await repository.describeResults(
      organizationId,
      fused.map((hit) => hit.id),
      { filters, rankedIds: rankedByWords },
      { vector: vector!, ids: fused.filter((hit) => !similarity.has(hit.id)).map((hit) => hit.id) },
    );
    for (const [id, value] of described.similarities ?? []) similarity.set(id, value);
    const terms = new Map(byKeyword.map((hit) => [hit.id, hit.matchedTerms]));
    const hits = fused.map((hit) => ({
      id: hit.id,
      similarity: similarity.get(hit.id) == null ? null : round(similarity.get(hit.id)!),
      fusedScore: round(hit.score, 6),
      ranks: { vector: hit.ranks[0], keyword: hit.ranks[1] },
      matchedTerms: terms.get(hit.id) ?? [],
      label: null,
      skills: [],
    }));
    // Rows without a vector that the words found are ranked; only the others count as skipped.
    return { hits, rankedByWords, described };
  }

  private async respond(
    repository: SearchTargetRepository,
    organizationId: string,
    answer: {
      target: SearchTarget;
      requested: SearchMode;
      /** The mode that answered: hybrid falls back to keyword when there is no query vector. */
      answered: SearchMode;
      model: string | null;
      ranked: RankedHits;
      filters: SearchFilters;
      warnings: string[];
    },
  ): Promise<SimilaritySearchResponse> {
    const { hits, rankedByWords } = answer.ranked;
    const { details, skippedPending } =
      answer.ranked.described ??
      (await repository.describeResults(
        organizationId,
        hits.map((hit) => hit.id),
        answer.answered === 'keyword' ? null : { filters: answer.filters, rankedIds: rankedByWords },
      ));
    for (const hit of hits) Object.assign(hit, details.get(hit.id) ?? {});
    return {
      target: answer.target,
      mode: answer.requested,
      scoreKind: answer.answered === 'keyword' ? 'text_rank' : 'cosine',
      model: answer.model,
      results: hits,
      skippedPending,
      ...(answer.warnings.length ? { warnings: answer.warnings } : {}),
    };
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
