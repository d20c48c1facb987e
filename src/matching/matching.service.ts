import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { ExplanationService, MatchExplanation } from './explanation/explanation.service.js';
import { JobsRepository } from '../jobs/jobs.repository.js';
import { ResumesRepository } from '../resumes/resumes.repository.js';
import { SkillExtractor } from '../skills/skill-extractor.js';
import { toCandidateProfile, toJobProfile } from './match-profiles.mapper.js';
import { MatchingRepository } from './matching.repository.js';
import { MatchBreakdown, MatchWeights, normalizeWeights, scoreMatch } from './scoring/match-scorer.js';

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
    private readonly explanations: ExplanationService,
    private readonly skills: SkillExtractor,
  ) {}

  /** Scores from the STORED vectors and parsed fields: no model call. */
  async calculate(
    organizationId: string,
    request: { jobId: string; resumeId: string; weights?: Partial<MatchWeights>; explain?: boolean },
  ): Promise<MatchResult> {
    const weights = normalizeWeights(request.weights);
    const [job, resume, similarity] = await Promise.all([
      this.jobs.findById(organizationId, request.jobId),
      this.resumes.findById(organizationId, request.resumeId),
      this.matching.storedSimilarity(organizationId, request.jobId, request.resumeId),
    ]);
    if (!job) throw DomainError.notFound('Job', request.jobId);
    if (!resume) throw DomainError.notFound('Resume', request.resumeId);
    const breakdown = scoreMatch({
      semanticSimilarity: similarity,
      candidate: toCandidateProfile(resume, this.skills),
      job: toJobProfile(job, this.skills),
      weights,
    });
    const warnings = [job, resume]
      .filter((row) => row.embeddingStatus !== 'ready')
      .map(
        (row) =>
          `${row === job ? 'Job' : 'Resume'} ${row.id} has no embedding yet (${row.embeddingStatus}); semantic similarity was left out`,
      );
    const result: MatchResult = { jobId: job.id, resumeId: resume.id, ...breakdown, warnings };
    if (request.explain) result.explanation = await this.explanations.explain(breakdown, job.title);
    return result;
  }

  async explain(organizationId: string, jobId: string, resumeId: string): Promise<MatchExplanation> {
    const result = await this.calculate(organizationId, { jobId, resumeId, explain: true });
    return result.explanation!;
  }

  /** One job against up to 500 resumes in one round trip for the vectors; best first. */
  async batch(
    organizationId: string,
    request: { jobId: string; resumeIds: string[]; weights?: Partial<MatchWeights> },
  ): Promise<{ jobId: string; weights: MatchWeights; results: Array<MatchBreakdown & { resumeId: string }>; notFound: string[] }> {
    const weights = normalizeWeights(request.weights);
    const job = await this.jobs.findById(organizationId, request.jobId);
    if (!job) throw DomainError.notFound('Job', request.jobId);
    const vector = await this.jobs.findEmbedding(organizationId, job.id);
    const [resumes, similarities] = await Promise.all([
      this.resumes.findByIds(organizationId, request.resumeIds),
      vector ? this.resumes.similarities(organizationId, vector, request.resumeIds) : Promise.resolve(new Map<string, number | null>()),
    ]);
    const jobProfile = toJobProfile(job, this.skills);
    const results = resumes
      .map((resume) => ({
        resumeId: resume.id,
        ...scoreMatch({
          semanticSimilarity: similarities.get(resume.id) ?? null,
          candidate: toCandidateProfile(resume, this.skills),
          job: jobProfile,
          weights,
        }),
      }))
      .sort((a, b) => b.overallScore - a.overallScore || a.resumeId.localeCompare(b.resumeId));
    const found = new Set(resumes.map((resume) => resume.id));
    return { jobId: job.id, weights, results, notFound: request.resumeIds.filter((id) => !found.has(id)) };
  }
}
