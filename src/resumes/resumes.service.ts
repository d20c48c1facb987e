import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { Page } from '../common/pagination.dto.js';
import { ErrorCode } from '../common/error-codes.js';
import { sha256, sha256Bytes } from '../common/sha256.js';
import { isUniqueViolation } from '../common/unique-violation.js';
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
import { ResumesRepository, UploadTargets } from './resumes.repository.js';

export interface UploadedFile {
  buffer: Buffer;
  originalname?: string;
}

/** What the client says about a file besides its bytes (validated by the caller). */
export interface ResumeFileMeta {
  /** The candidate's id in the client's ATS: a known one replaces that resume's content. */
  externalId?: string;
  source?: string;
  tags?: string[];
}

/** created: a new resume; duplicate: these bytes already are a resume (nothing written); updated: an externalId's resume got this file. */
export type UploadOutcome = 'created' | 'duplicate' | 'updated';

/** What an upload does, decided from the rows it may be before any extraction. */
type UploadPlan = { duplicate: Resume } | { replace: Resume | null };

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

  /**
   * bytes -> text -> parsed fields -> vector (or pending when the model is down) -> one transaction.
   * The same bytes in the organisation are the same resume (`duplicate`, found before extraction,
   * nothing written). A known `externalId` gets the new content in place, keeping its id (`updated`).
   * Concurrent uploads are settled by the unique indexes: the loser looks again and answers from
   * the row the winner wrote.
   */
  async upload(organizationId: string, file: UploadedFile, meta: ResumeFileMeta = {}): Promise<ResumeView & { outcome: UploadOutcome }> {
    const fileSha256 = sha256Bytes(file.buffer);
    const externalId = meta.externalId ?? null;
    let plan = this.plan(await this.repository.findUploadTargets(organizationId, fileSha256, externalId));
    if ('duplicate' in plan) return { ...toView(plan.duplicate), outcome: 'duplicate' };
    const document = await this.documents.extract(file.buffer);
    const parsed = this.parser.parse(document.text);
    const vector = await this.embeddings.tryEmbed(organizationId, resumeMatchingText(document.text, parsed));
    if (!vector) this.logger.warn('Embedding unavailable: resume stored with embeddingStatus "pending"');
    const embedding = vector ? { vector, model: this.embeddings.modelId } : null;
    const fields = (existing: Resume | null) => ({
      organizationId,
      fileName: sanitizeFileName(file.originalname),
      mimeType: document.mimeType,
      content: document.text,
      contentSha256: sha256(document.text),
      parsed,
      fileSha256,
      externalId,
      // Not given: an update keeps what the resume had.
      source: meta.source ?? existing?.source ?? null,
      tags: meta.tags ?? existing?.tags ?? [],
    });
    for (let attempt = 0; ; attempt++) {
      try {
        const row = plan.replace
          ? await this.repository.replaceContent(plan.replace.id, fields(plan.replace), embedding)
          : await this.repository.create(fields(null), embedding);
        // Deleted between the look-up and the write: stored as a new resume on the next pass.
        if (!row) throw new RowGone();
        if (vector)
          this.events.publish('resume.ready', {
            organizationId,
            resumeId: row.id,
            ...(row.externalId ? { externalId: row.externalId } : {}),
          });
        return { ...toView(row), warnings: document.warnings, outcome: plan.replace ? 'updated' : 'created' };
      } catch (error) {
        if (attempt >= 2 || !(error instanceof RowGone || isUniqueViolation(error))) throw error;
        plan = this.plan(await this.repository.findUploadTargets(organizationId, fileSha256, externalId));
        if ('duplicate' in plan) return { ...toView(plan.duplicate), outcome: 'duplicate' };
      }
    }
  }

  /**
   * Same bytes, and no externalId naming another resume: the duplicate. Same bytes but the
   * externalId names another resume: that one cannot take bytes that already are a resume (409).
   * Otherwise: replace the externalId's resume, or create.
   */
  private plan({ byFile, byExternalId }: UploadTargets): UploadPlan {
    if (byFile && byExternalId && byFile.id !== byExternalId.id) {
      throw new DomainError(
        ErrorCode.RESUME_FILE_CONFLICT,
        `This file is already resume ${byFile.id}; the externalId names another resume (${byExternalId.id})`,
        { resumeId: byFile.id, externalIdResumeId: byExternalId.id },
      );
    }
    if (byFile) return { duplicate: byFile };
    return { replace: byExternalId };
  }

  async get(organizationId: string, id: string, include: ResumeInclude[] = [], blind = false): Promise<ResumeView> {
    const row = await this.repository.findById(organizationId, id);
    if (!row) throw DomainError.notFound('Resume', id);
    const view = toView(row);
    if (include.includes('text')) view.text = row.content;
    if (include.includes('embedding')) view.embedding = await this.repository.findEmbedding(organizationId, id);
    return blind ? blindResumeView(view) : view;
  }

  async list(
    organizationId: string,
    query: { limit: number; offset: number; q?: string; blind?: boolean; externalId?: string },
  ): Promise<Page<ResumeView>> {
    const { limit, offset, blind = false } = query;
    const q = query.q?.trim();
    const { items, total } =
      query.externalId !== undefined
        ? await this.repository.list(organizationId, limit, offset, query.externalId)
        : q
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
    externalId: row.externalId,
    source: row.source,
    tags: row.tags,
    parsed: row.parsed as unknown as ParsedResume,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The resume an upload was to replace was deleted meanwhile. */
class RowGone extends Error {}
