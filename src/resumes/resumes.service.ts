import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { Page } from '../common/pagination.dto.js';
import { sha256 } from '../common/sha256.js';
import { DocumentProcessor } from '../documents/document-processor.js';
import { EmbeddingService } from '../embeddings/embedding.service.js';
import { DomainEvents } from '../events/domain-events.js';
import { Resume } from '../generated/prisma/client.js';
import { sanitizeFileName } from './file-name.js';
import { resumeMatchingText } from './matching-text.js';
import { ParsedResume } from './parsing/parsed-resume.js';
import { ResumeParser } from './parsing/resume-parser.js';
import { blindResumeView } from '../privacy/blind-review.js';
import { ResumeInclude, ResumeView } from './resumes.dto.js';
import { ResumesRepository } from './resumes.repository.js';

/** What an integration may say about a file besides its bytes (bulk ingest metadata). */
export interface ResumeFileMeta {
  externalId?: string;
  source?: string;
  tags?: string[];
}

export interface UploadedFile {
  buffer: Buffer;
  originalname?: string;
}

@Injectable()
export class ResumesService {
  private readonly logger = new Logger(ResumesService.name);

  constructor(
    private readonly documents: DocumentProcessor,
    private readonly parser: ResumeParser,
    private readonly embeddings: EmbeddingService,
    private readonly repository: ResumesRepository,
    private readonly events: DomainEvents,
  ) {}

  /** bytes -> text -> parsed fields -> vector (or pending when the model is down) -> one transaction. */
  // `meta` and `outcome` are the signature bulk ingest calls; their behaviour (duplicates, externalId) comes with the records work.
  async upload(
    organizationId: string,
    file: UploadedFile,
    meta?: ResumeFileMeta,
  ): Promise<ResumeView & { outcome: 'created' | 'duplicate' | 'updated' }> {
    void meta;
    const document = await this.documents.extract(file.buffer);
    const parsed = this.parser.parse(document.text);
    const vector = await this.embeddings.tryEmbed(organizationId, resumeMatchingText(document.text, parsed));
    if (!vector) this.logger.warn('Embedding unavailable: resume stored with embeddingStatus "pending"');
    const row = await this.repository.create(
      {
        organizationId,
        fileName: sanitizeFileName(file.originalname),
        mimeType: document.mimeType,
        content: document.text,
        contentSha256: sha256(document.text),
        parsed,
      },
      vector ? { vector, model: this.embeddings.modelId } : null,
    );
    if (vector) this.events.publish('resume.ready', { organizationId, resumeId: row.id });
    return { ...toView(row), warnings: document.warnings, outcome: 'created' };
  }

  async get(organizationId: string, id: string, include: ResumeInclude[] = [], blind = false): Promise<ResumeView> {
    const row = await this.repository.findById(organizationId, id);
    if (!row) throw DomainError.notFound('Resume', id);
    const view = toView(row);
    if (include.includes('text')) view.text = row.content;
    if (include.includes('embedding')) view.embedding = await this.repository.findEmbedding(organizationId, id);
    return blind ? blindResumeView(view) : view;
  }

  async list(organizationId: string, query: { limit: number; offset: number; q?: string; blind?: boolean }): Promise<Page<ResumeView>> {
    const { limit, offset, blind = false } = query;
    const q = query.q?.trim();
    const { items, total } = q
      ? await this.repository.listMatching(organizationId, { text: q, identity: !blind }, limit, offset)
      : await this.repository.list(organizationId, limit, offset);
    const views = items.map(toView);
    return { items: blind ? views.map(blindResumeView) : views, total, limit, offset };
  }

  async delete(organizationId: string, id: string): Promise<void> {
    if (!(await this.repository.delete(organizationId, id))) throw DomainError.notFound('Resume', id);
  }
}

function toView(row: Resume): ResumeView {
  return {
    id: row.id,
    fileName: row.fileName,
    mimeType: row.mimeType,
    embeddingStatus: row.embeddingStatus,
    embeddingModel: row.embeddingModel,
    embeddingError: row.embeddingError,
    skills: row.skills,
    parsed: row.parsed as unknown as ParsedResume,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
