import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { isUniqueViolation } from '../common/unique-violation.js';
import { Page } from '../common/pagination.dto.js';
import { sha256 } from '../common/sha256.js';
import { EmbeddingService } from '../embeddings/embedding.service.js';
import { DomainEvents } from '../events/domain-events.js';
import { Job } from '../generated/prisma/client.js';
import { SkillExtractor } from '../skills/skill-extractor.js';
import { detectMinYears, detectRemote, detectRequiredEducation } from './job-requirements.js';
import { CreateJobRequest, JobPreviewView, JobView, UpdateJobRequest } from './jobs.dto.js';
import type { JobSkill, ParsedJob } from './parsed-job.js';
import { EmbeddingChange, JobsRepository, NewJob } from './jobs.repository.js';

/** What is embedded for a job: title, description and requirements, in that order. */
export function jobEmbeddingText(job: { title: string; description: string; requirements: string }): string {
  return `${job.title}\n${job.description}\n${job.requirements}`;
}

@Injectable()
export class JobsService {
  private readonly logger = new Logger(JobsService.name);

  constructor(
    private readonly skills: SkillExtractor,
    private readonly embeddings: EmbeddingService,
    private readonly repository: JobsRepository,
    private readonly events: DomainEvents,
  ) {}

  /** What create() would store for these fields (skills, education, remote, years), storing nothing. */
  preview(request: CreateJobRequest): JobPreviewView {
    const parsed = this.parse(request);
    return {
      skills: [...new Set([...parsed.requiredSkills, ...parsed.preferredSkills])],
      parsed,
      minYearsExperience: this.minYears(request),
    };
  }

  /**
   * Creates a job, or, when `externalId` names a job of the organisation, replaces that job's fields
   * with the request (same id; re-embedded only if its text changed). Two concurrent creates with
   * one new externalId: the unique index lets one in, the other becomes its update.
   */
  async create(organizationId: string, request: CreateJobRequest): Promise<JobView & { outcome: 'created' | 'updated' }> {
    for (let attempt = 0; ; attempt++) {
      const existing = request.externalId ? await this.repository.findByExternalId(organizationId, request.externalId) : null;
      if (existing) return { ...(await this.save(organizationId, request, existing)), outcome: 'updated' };
      try {
        return { ...(await this.save(organizationId, request, null)), outcome: 'created' };
      } catch (error) {
        if (attempt >= 1 || !isUniqueViolation(error)) throw error;
      }
    }
  }

  /** PATCH: the given fields replace the job's; the job is parsed again, and embedded again only if its text changed. */
  async update(organizationId: string, id: string, patch: UpdateJobRequest): Promise<JobView> {
    const existing = await this.repository.findById(organizationId, id);
    if (!existing) throw DomainError.notFound('Job', id);
    if (patch.externalId !== undefined && patch.externalId !== existing.externalId) {
      const holder = await this.repository.findByExternalId(organizationId, patch.externalId);
      if (holder && holder.id !== id) throw externalIdInUse(holder.id);
    }
    const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const request: CreateJobRequest = { ...this.requestOf(existing), ...defined };
    try {
      return await this.save(organizationId, request, existing);
    } catch (error) {
      // Another job took the externalId between the check and the write.
      if (isUniqueViolation(error) && patch.externalId !== undefined) throw externalIdInUse(null);
      throw error;
    }
  }

  /** Stores `request` as a new job, or over `existing` (keeping its vector when the embedded text is the same). */
  private async save(organizationId: string, request: CreateJobRequest, existing: Job | null): Promise<JobView> {
    const fields: NewJob = {
      organizationId,
      title: request.title.trim(),
      description: request.description.trim(),
      requirements: request.requirements.trim(),
      location: request.location?.trim() || null,
      minYearsExperience: this.minYears(request),
      parsed: this.parse(request),
      content: jobEmbeddingText(request),
      contentSha256: sha256(jobEmbeddingText(request)),
      externalId: request.externalId ?? existing?.externalId ?? null,
    };
    const textChanged = !existing || jobEmbeddingText(fields) !== jobEmbeddingText(existing);
    let embedding: EmbeddingChange = 'keep';
    if (textChanged || existing?.embeddingStatus !== 'ready') {
      const vector = await this.embeddings.tryEmbed(organizationId, fields.content);
      if (!vector) this.logger.warn('Embedding unavailable: job stored with embeddingStatus "pending"');
      embedding = vector ? { vector, model: this.embeddings.modelId } : null;
    } else {
      // The vector stays: so do the text it was made from and its hash.
      fields.content = existing.content;
      fields.contentSha256 = existing.contentSha256;
    }
    let row: Job | null;
    if (existing) {
      row = await this.repository.update(existing.id, fields, embedding === null && !textChanged ? 'keep' : embedding);
      if (!row) throw DomainError.notFound('Job', existing.id);
    } else {
      row = await this.repository.create(fields, embedding === 'keep' ? null : embedding);
    }
    if (embedding !== 'keep' && embedding !== null) {
      this.events.publish('job.ready', { organizationId, jobId: row.id, ...(row.externalId ? { externalId: row.externalId } : {}) });
    }
    return toJobView(row);
  }

  /**
   * The request a stored job stands for: its text, and the skills, education, remote and years the
   * client gave, i.e. those its text alone does not yield (those it does are read again from the new text).
   */
  private requestOf(job: Job): CreateJobRequest {
    const text = { title: job.title, description: job.description, requirements: job.requirements, location: job.location ?? undefined };
    const stored = job.parsed as unknown as ParsedJob;
    const fromText = this.parse(text);
    const givenYears = job.minYearsExperience !== this.minYears(text) ? job.minYearsExperience : null;
    return {
      ...text,
      skills: stored.requiredSkills.filter((skill) => !fromText.requiredSkills.includes(skill)),
      preferredSkills: stored.preferredSkills.filter((skill) => !fromText.preferredSkills.includes(skill)),
      educationLevel: stored.educationLevel !== fromText.educationLevel ? (stored.educationLevel ?? undefined) : undefined,
      remote: stored.remote !== fromText.remote ? stored.remote : undefined,
      minYearsExperience: givenYears ?? undefined,
      externalId: job.externalId ?? undefined,
    };
  }

  async get(organizationId: string, id: string, includeEmbedding = false): Promise<JobView> {
    const row = await this.repository.findById(organizationId, id);
    if (!row) throw DomainError.notFound('Job', id);
    const view = toJobView(row);
    if (includeEmbedding) view.embedding = await this.repository.findEmbedding(organizationId, id);
    return view;
  }

  async list(organizationId: string, limit: number, offset: number): Promise<Page<JobView>> {
    const { items, total } = await this.repository.list(organizationId, limit, offset);
    return { items: items.map(toJobView), total, limit, offset };
  }

  async delete(organizationId: string, id: string): Promise<void> {
    if (!(await this.repository.delete(organizationId, id))) throw DomainError.notFound('Job', id);
  }

  private minYears(request: CreateJobRequest): number | null {
    return request.minYearsExperience ?? detectMinYears(request.requirements) ?? detectMinYears(request.description);
  }

  /** Skills named by the client count as required; the text adds required and preferred ones. */
  private parse(request: CreateJobRequest): ParsedJob {
    const fromText = this.skills.extractJobSkills(request);
    const canonical = (names: string[] = []) => names.map((name) => this.skills.canonicalize(name) ?? name.trim()).filter(Boolean);
    const required = [...new Set([...canonical(request.skills), ...fromText.required])];
    const preferred = [...new Set([...canonical(request.preferredSkills), ...fromText.preferred])].filter(
      (skill) => !required.includes(skill),
    );
    const text = `${request.description}\n${request.requirements}`;
    const found = new Map(fromText.mentions.map((m) => [m.name, m]));
    const detail = (name: string, isRequired: boolean): JobSkill => {
      const mention = found.get(name);
      const ref = this.skills.describe(name);
      const skill: JobSkill = { name, escoUri: ref.escoUri, type: ref.type, required: isRequired };
      if (mention?.level) skill.level = mention.level;
      return skill;
    };
    return {
      requiredSkills: required,
      preferredSkills: preferred,
      skillDetails: [...required.map((s) => detail(s, true)), ...preferred.map((s) => detail(s, false))],
      educationLevel: request.educationLevel ?? detectRequiredEducation(text),
      remote: request.remote ?? detectRemote(`${request.location ?? ''}\n${text}`),
    };
  }
}

export function toJobView(row: Job): JobView {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    requirements: row.requirements,
    location: row.location,
    minYearsExperience: row.minYearsExperience,
    skills: row.skills,
    parsed: row.parsed as unknown as ParsedJob,
    embeddingStatus: row.embeddingStatus,
    embeddingModel: row.embeddingModel,
    embeddingError: row.embeddingError,
    externalId: row.externalId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function externalIdInUse(jobId: string | null): DomainError {
  return new DomainError(
    ErrorCode.EXTERNAL_ID_IN_USE,
    jobId ? `Job ${jobId} already has this externalId` : 'Another job already has this externalId',
    jobId ? { jobId } : undefined,
  );
}
