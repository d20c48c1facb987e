/**
 * Shape of test/fixtures/matching/labelled-set.json and a pure validator for it (used by the spec and
 * by the matching evaluation script before it trusts the file).
 */

export type RelevanceGrade = 0 | 1 | 2 | 3;

export interface LabelledJob {
  id: string;
  title: string;
  description: string;
  /** One requirement per line, as a job ad lists them ("Nice to have: ..." lines are preferences). */
  requirements: string[];
  location: string;
  remote: boolean;
  minYearsExperience: number;
}

export interface LabelledResume {
  id: string;
  /** Human-readable note on who this is (for reviewers; never feed it to the matcher). */
  label: string;
  /** Plain-text resume. */
  text: string;
}

export interface LabelledSet {
  version: number;
  description: string;
  gradeScale: Record<string, string>;
  jobs: LabelledJob[];
  resumes: LabelledResume[];
  /** jobId -> resumeId -> grade, for every job and every resume (0 = irrelevant ... 3 = excellent). */
  relevance: Record<string, Record<string, RelevanceGrade>>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Returns a list of problems (empty when the set is valid). */
export function validateLabelledSet(data: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(data)) return ['root must be an object'];
  const jobs = Array.isArray(data.jobs) ? data.jobs : (problems.push('jobs must be an array'), []);
  const resumes = Array.isArray(data.resumes) ? data.resumes : (problems.push('resumes must be an array'), []);
  const relevance = isObject(data.relevance) ? data.relevance : (problems.push('relevance must be an object'), {});

  const jobIds = new Set<string>();
  jobs.forEach((job: unknown, i: number) => {
    if (!isObject(job)) return void problems.push(`jobs[${i}] must be an object`);
    for (const key of ['id', 'title', 'description', 'location'] as const) {
      if (!isNonEmptyString(job[key])) problems.push(`jobs[${i}].${key} must be a non-empty string`);
    }
    if (!Array.isArray(job.requirements) || !job.requirements.every(isNonEmptyString)) {
      problems.push(`jobs[${i}].requirements must be an array of strings`);
    }
    if (typeof job.remote !== 'boolean') problems.push(`jobs[${i}].remote must be a boolean`);
    if (typeof job.minYearsExperience !== 'number' || job.minYearsExperience < 0) {
      problems.push(`jobs[${i}].minYearsExperience must be a number >= 0`);
    }
    if (isNonEmptyString(job.id)) {
      if (jobIds.has(job.id)) problems.push(`duplicate job id ${job.id}`);
      jobIds.add(job.id);
    }
  });

  const resumeIds = new Set<string>();
  resumes.forEach((resume: unknown, i: number) => {
    if (!isObject(resume)) return void problems.push(`resumes[${i}] must be an object`);
    for (const key of ['id', 'label', 'text'] as const) {
      if (!isNonEmptyString(resume[key])) problems.push(`resumes[${i}].${key} must be a non-empty string`);
    }
    if (isNonEmptyString(resume.id)) {
      if (resumeIds.has(resume.id)) problems.push(`duplicate resume id ${resume.id}`);
      resumeIds.add(resume.id);
    }
  });

  for (const jobId of jobIds) {
    const grades = relevance[jobId];
    if (!isObject(grades)) {
      problems.push(`relevance.${jobId} is missing`);
      continue;
    }
    for (const resumeId of resumeIds) {
      const g = grades[resumeId];
      if (g !== 0 && g !== 1 && g !== 2 && g !== 3) problems.push(`relevance.${jobId}.${resumeId} must be 0, 1, 2 or 3`);
    }
    for (const resumeId of Object.keys(grades)) {
      if (!resumeIds.has(resumeId)) problems.push(`relevance.${jobId} grades unknown resume ${resumeId}`);
    }
    if (!Object.values(grades).some((g) => g === 3)) problems.push(`relevance.${jobId} has no excellent (3) resume`);
  }
  for (const jobId of Object.keys(relevance)) {
    if (!jobIds.has(jobId)) problems.push(`relevance grades unknown job ${jobId}`);
  }
  return problems;
}
