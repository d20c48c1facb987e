import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error.js';
import { SearchFilters } from '../../common/search-filters.js';
import type { SearchableRepository } from '../../database/searchable-repository.js';
import type { Resume } from '../../generated/prisma/client.js';
import { JobsRepository } from '../../jobs/jobs.repository.js';
import { ResumesRepository } from '../../resumes/resumes.repository.js';
import { SkillExtractor } from '../../skills/skill-extractor.js';
import { toCandidateProfile, toJobProfile } from '../match-profiles.mapper.js';
import { RankedMatchView, RankingPage } from '../matching.dto.js';
import { MatchWeights, scoreMatch } from '../scoring/match-scorer.js';

export interface RankingOptions {
  limit: number;
  offset: number;
  minScore?: number;
  skills?: string[];
  minYears?: number;
  weights?: MatchWeights;
}

interface Preselection<Row> {
  /** Each pre-selected row that still exists, with its similarity (null when pre-selected by words). */
  hits: Array<{ row: Row; similarity: number | null }>;
  preselected: number;
  skippedPending: number;
}

/** Pre-selection size: enough that the full score can reorder what the vector alone ranked. */
function poolSize(options: RankingOptions): number {
  return Math.min(1000, Math.max(200, (options.offset + options.limit) * 5));
}

/**
 * Ranks stored resumes for a job (and jobs for a resume): pgvector pre-selects the nearest rows
 * (with the filters applied inside the index scan), then every pre-selected pair gets the full
 * match score, and the page is cut from that order (overall desc, id asc: stable).
 */
@Injectable()
export class RankingService {
  constructor(
    private readonly resumes: ResumesRepository,
    private readonly jobs: JobsRepository,
    private readonly skills: SkillExtractor,
  ) {}

  async candidatesForJob(organizationId: string, jobId: string, options: RankingOptions): Promise<RankingPage> {
    const job = await this.jobs.findById(organizationId, jobId);
    if (!job) throw DomainError.notFound('Job', jobId);
    const { hits, preselected, skippedPending } = await this.preselect(
      organizationId,
      { id: jobId, from: this.jobs },
      this.resumes,
      options,
    );
    const jobProfile = toJobProfile(job, this.skills);
    const scored = hits.map(({ row: resume, similarity }) =>
      toRanked(
        resume.id,
        resumeLabel(resume),
        scoreMatch({
          semanticSimilarity: similarity,
          candidate: toCandidateProfile(resume, this.skills),
          job: jobProfile,
          weights: options.weights,
        }),
      ),
    );
    return this.page(scored, options, preselected, skippedPending);
  }

  async jobsForResume(organizationId: string, resumeId: string, options: RankingOptions): Promise<RankingPage> {
    const resume = await this.resumes.findById(organizationId, resumeId);
    if (!resume) throw DomainError.notFound('Resume', resumeId);
    const { hits, preselected, skippedPending } = await this.preselect(
      organizationId,
      { id: resumeId, from: this.resumes },
      this.jobs,
      options,
    );
    const candidate = toCandidateProfile(resume, this.skills);
    const scored = hits.map(({ row: job, similarity }) =>
      toRanked(
        job.id,
        job.title,
        scoreMatch({ semanticSimilarity: similarity, candidate, job: toJobProfile(job, this.skills), weights: options.weights }),
      ),
    );
    return this.page(scored, options, preselected, skippedPending);
  }

  /**
   * The rows to score against a record, loaded, in pool order: the nearest to its vector, or (a
   * record without a vector yet) the best by BM25 over its stored terms, which reaches rows without
   * vectors too, so none counts as skipped.
   */
  private async preselect<Row extends { id: string }>(
    organizationId: string,
    record: { id: string; from: SearchableRepository },
    among: SearchableRepository & { findByIds(organizationId: string, ids: string[]): Promise<Row[]> },
    options: RankingOptions,
  ): Promise<Preselection<Row>> {
    const filters = this.filters(options);
    const vector = await record.from.findEmbedding(organizationId, record.id);
    const pool = vector
      ? await among.searchByVector(organizationId, Float32Array.from(vector), poolSize(options), filters)
      : (
          await among.searchByKeywords(
            organizationId,
            { terms: (await record.from.storedTerms(organizationId, record.id)) ?? {} },
            poolSize(options),
            filters,
          )
        ).map((hit) => ({ id: hit.id, similarity: null }));
    const rows = new Map(
      (
        await among.findByIds(
          organizationId,
          pool.map((hit) => hit.id),
        )
      ).map((row) => [row.id, row]),
    );
    return {
      hits: pool.flatMap((hit) => {
        const row = rows.get(hit.id);
        return row ? [{ row, similarity: hit.similarity }] : [];
      }),
      preselected: pool.length,
      skippedPending: vector ? await among.countSkippedWithoutVector(organizationId, filters) : 0,
    };
  }

  private page(scored: RankedMatchView[], options: RankingOptions, preselected: number, skippedPending: number): RankingPage {
    const kept = scored
      .filter((match) => options.minScore === undefined || match.overallScore >= options.minScore)
      .sort((a, b) => b.overallScore - a.overallScore || a.id.localeCompare(b.id));
    return {
      items: kept.slice(options.offset, options.offset + options.limit),
      total: kept.length,
      limit: options.limit,
      offset: options.offset,
      preselected,
      skippedPending,
    };
  }

  private filters(options: RankingOptions): SearchFilters {
    return {
      skills: options.skills?.map((skill) => this.skills.canonicalize(skill) ?? skill.trim()),
      minYears: options.minYears,
    };
  }
}

function resumeLabel(resume: Resume): string | null {
  return (resume.parsed as { name?: string | null }).name ?? resume.fileName;
}

function toRanked(id: string, label: string | null, breakdown: ReturnType<typeof scoreMatch>): RankedMatchView {
  return {
    id,
    label,
    overallScore: breakdown.overallScore,
    semanticSimilarity: breakdown.semanticSimilarity,
    skillMatch: breakdown.skillMatch,
    otherFactors: breakdown.otherFactors,
    matchedSkills: breakdown.matchedSkills,
    missingSkills: breakdown.missingSkills,
    extraSkills: breakdown.extraSkills,
    weights: breakdown.weights,
    parts: breakdown.parts,
  };
}
