import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error.js';
import { SearchFilters } from '../../common/search-filters.js';
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
    const filters = this.filters(options);
    const vector = await this.jobs.findEmbedding(organizationId, jobId);
    const pool = vector
      ? await this.resumes.searchByVector(organizationId, Float32Array.from(vector), poolSize(options), filters)
      : // A job without a vector yet is pre-selected by its words instead (BM25 over its stored terms).
        (
          await this.resumes.searchByKeywords(
            organizationId,
            { lexemes: (await this.jobs.storedTerms(organizationId, jobId)) ?? [] },
            poolSize(options),
            filters,
          )
        ).map((hit) => ({
          id: hit.id,
          similarity: null,
        }));
    const rows = new Map(
      (
        await this.resumes.findByIds(
          organizationId,
          pool.map((hit) => hit.id),
        )
      ).map((row) => [row.id, row]),
    );
    const jobProfile = toJobProfile(job, this.skills);
    const scored = pool.flatMap((hit) => {
      const resume = rows.get(hit.id);
      if (!resume) return [];
      const breakdown = scoreMatch({
        semanticSimilarity: hit.similarity,
        candidate: toCandidateProfile(resume, this.skills),
        job: jobProfile,
        weights: options.weights,
      });
      return [toRanked(resume.id, resumeLabel(resume), breakdown)];
    });
    // Without a vector of its own the job pre-selects by words, which reaches rows without vectors too.
    return this.page(scored, options, pool.length, vector ? await this.resumes.countSkippedWithoutVector(organizationId, filters) : 0);
  }

  async jobsForResume(organizationId: string, resumeId: string, options: RankingOptions): Promise<RankingPage> {
    const resume = await this.resumes.findById(organizationId, resumeId);
    if (!resume) throw DomainError.notFound('Resume', resumeId);
    const filters = this.filters(options);
    const vector = await this.resumes.findEmbedding(organizationId, resumeId);
    const pool = vector
      ? await this.jobs.searchByVector(organizationId, Float32Array.from(vector), poolSize(options), filters)
      : (
          await this.jobs.searchByKeywords(
            organizationId,
            { lexemes: (await this.resumes.storedTerms(organizationId, resumeId)) ?? [] },
            poolSize(options),
            filters,
          )
        ).map((hit) => ({
          id: hit.id,
          similarity: null,
        }));
    const rows = new Map(
      (
        await this.jobs.findByIds(
          organizationId,
          pool.map((hit) => hit.id),
        )
      ).map((row) => [row.id, row]),
    );
    const candidate = toCandidateProfile(resume, this.skills);
    const scored = pool.flatMap((hit) => {
      const job = rows.get(hit.id);
      if (!job) return [];
      const breakdown = scoreMatch({
        semanticSimilarity: hit.similarity,
        candidate,
        job: toJobProfile(job, this.skills),
        weights: options.weights,
      });
      return [toRanked(job.id, job.title, breakdown)];
    });
    return this.page(scored, options, pool.length, vector ? await this.jobs.countSkippedWithoutVector(organizationId, filters) : 0);
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
