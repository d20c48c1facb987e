import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { Page } from '../common/pagination.dto.js';
import { sha256 } from '../common/sha256.js';
import { EmbeddingService } from '../embeddings/embedding.service.js';
import { DomainEvents } from '../events/domain-events.js';
import { Job } from '../generated/prisma/client.js';
import { SkillExtractor } from '../skills/skill-extractor.js';
import { detectMinYears, detectRemote, detectRequiredEducation } from './job-requirements.js';
import { CreateJobRequest, JobPreviewView, JobView } from './jobs.dto.js';
import type { JobSkill, ParsedJob } from './parsed-job.js';
import { JobsRepository } from './jobs.repository.js';

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

  async create(organizationId: string, request: CreateJobRequest): Promise<JobView> {
    const content = jobEmbeddingText(request);
    const parsed = this.parse(request);
    const vector = await this.embeddings.tryEmbed(organizationId, content);
    if (!vector) this.logger.warn('Embedding unavailable: job stored with embeddingStatus "pending"');
    const row = await this.repository.create(
      {
        organizationId,
        title: request.title.trim(),
        description: request.description.trim(),
        requirements: request.requirements.trim(),
        location: request.location?.trim() || null,
        minYearsExperience: this.minYears(request),
        parsed,
        content,
        contentSha256: sha256(content),
      },
      vector ? { vector, model: this.embeddings.modelId } : null,
    );
    if (vector) this.events.publish('job.ready', { organizationId, jobId: row.id });
    return toJobView(row);
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
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
