import type { JsonExample } from '../common/openapi-example.js';
import type { BatchMatchResponse, MatchBreakdownView, MatchExplanationView, MatchResultView } from './match-result.dto.js';
import type { RankingPage, SimilaritySearchResponse } from './matching.dto.js';

// Examples for the OpenAPI document (Swagger UI and openapi.json). Figures are illustrative.

const JOB_ID = '0d5c8f7a-3b1e-4c62-9a7f-6e2d1b4c9f30';
const RESUME_ID = '5b3f6f0e-8a51-4a7e-9d0c-2f1f0b8e4a11';

const BREAKDOWN_EXAMPLE: JsonExample<MatchBreakdownView> = {
  overallScore: 0.71,
  semanticSimilarity: 0.64,
  skillMatch: 0.86,
  otherFactors: 0.7,
  weights: { semantic: 0.6, skills: 0.3, other: 0.1 },
  matchedSkills: ['Node.js', 'TypeScript', 'PostgreSQL'],
  missingSkills: ['Kubernetes'],
  extraSkills: ['Redis'],
  parts: {
    semantic: { score: 0.64, evidence: ['The resume and the job describe closely related work'] },
    skills: {
      score: 0.86,
      required: { matched: ['Node.js', 'TypeScript', 'PostgreSQL'], missing: [] },
      preferred: { matched: [], missing: ['Kubernetes'] },
      extra: ['Redis'],
      unbacked: [],
      implied: [],
      languages: [],
      evidence: ['Has all 3 required skills', 'Missing preferred skill: Kubernetes'],
    },
    other: {
      score: 0.7,
      experience: { score: 1, status: 'met', candidateYears: 8.8, requiredYears: 5, evidence: ['8.8 years of experience vs 5 required'] },
      education: {
        score: 1,
        status: 'not_applicable',
        candidateLevel: 'master',
        requiredLevel: null,
        evidence: ['No education requirement'],
      },
      location: {
        score: 1,
        status: 'met',
        candidateLocation: 'Berlin, Germany',
        jobLocation: 'Berlin, Germany',
        remote: false,
        evidence: ["Based in the job's city (Berlin)"],
      },
      title: {
        score: 0,
        status: 'unmet',
        jobTitle: 'Senior Backend Engineer',
        bestMatchingTitle: null,
        evidence: ['No recent title resembles "Senior Backend Engineer" (most recent: Data Analyst)'],
      },
      weights: { experience: 0.35, education: 0.2, location: 0.2, title: 0.25 },
      evidence: ['8.8 years of experience vs 5 required', "Based in the job's city (Berlin)"],
    },
  },
};

export const EXPLANATION_EXAMPLE: JsonExample<MatchExplanationView> = {
  source: 'rules',
  fallbackReason: 'no OPENAI_API_KEY configured',
  summary: 'Good match: all required skills and enough experience, but no recent backend title.',
  strengths: ['Has all 3 required skills', '8.8 years of experience vs 5 required'],
  gaps: ['Missing preferred skill: Kubernetes'],
  recommendation: 'good_match',
};

export const MATCH_RESULT_EXAMPLE: JsonExample<MatchResultView> = {
  jobId: JOB_ID,
  resumeId: RESUME_ID,
  ...BREAKDOWN_EXAMPLE,
  explanation: EXPLANATION_EXAMPLE,
  warnings: [],
};

export const BATCH_EXAMPLE: JsonExample<BatchMatchResponse> = {
  jobId: JOB_ID,
  weights: { semantic: 0.6, skills: 0.3, other: 0.1 },
  results: [{ resumeId: RESUME_ID, ...BREAKDOWN_EXAMPLE }],
  notFound: ['00000000-0000-4000-8000-000000000999'],
};

export const SEARCH_EXAMPLE: JsonExample<SimilaritySearchResponse> = {
  target: 'resumes',
  mode: 'hybrid',
  scoreKind: 'cosine',
  model: 'Xenova/all-MiniLM-L6-v2',
  results: [
    {
      id: RESUME_ID,
      similarity: 0.71,
      label: 'Jane Doe',
      skills: ['TypeScript', 'Node.js', 'PostgreSQL'],
      matchedTerms: ['postgresql', 'typescript'],
      fusedScore: 1.64,
      ranks: { vector: 1, keyword: 1 },
    },
  ],
  skippedPending: 0,
};

export const RANKING_EXAMPLE: JsonExample<RankingPage> = {
  items: [
    {
      id: RESUME_ID,
      label: 'Jane Doe',
      ...BREAKDOWN_EXAMPLE,
    },
  ],
  total: 1,
  limit: 20,
  offset: 0,
  preselected: 1,
  skippedPending: 0,
};
