import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { RowDescription, SearchableRepository, searchSettings, StoredEmbedding } from '../database/searchable-repository.js';
import { TenantDatabase, TenantTx } from '../database/tenant-database.js';
import { Prisma, Resume } from '../generated/prisma/client.js';
import { forgetAnswersNaming } from '../idempotency/idempotency.store.js';
import { CandidateIdentity, normalizeEmail, phoneDigits, samePhone } from '../privacy/candidate-match.js';
import { resumeMatchingText } from './matching-text.js';
import { ParsedResume } from './parsing/parsed-resume.js';

/** A deleted resume, with what is needed to delete what was derived from it (cached vectors). */
export interface ErasedResume {
  id: string;
  organizationId: string;
  /** The text its vector was made from. */
  embeddingText: string;
}

export interface NewResume {
  organizationId: string;
  fileName: string | null;
  mimeType: string;
  content: string;
  contentSha256: string;
  parsed: ParsedResume;
  /** sha256 of the uploaded bytes: unique per organisation. */
  fileSha256: string;
  externalId: string | null;
  source: string | null;
  tags: string[];
}

/** The rows an upload may be: the one with the same bytes, the one with the same externalId. */
export interface UploadTargets {
  byFile: Resume | null;
  byExternalId: Resume | null;
}

/** Resume persistence; vector and full-text search come from SearchableRepository. */
@Injectable()
export class ResumesRepository extends SearchableRepository {
  constructor(db: TenantDatabase, @Inject(APP_CONFIG) config: AppConfig) {
    super(db, 'resumes', 'total_years_experience', searchSettings(config));
  }

  /** Row and vector are written in one transaction: a resume is never half-stored. */
  create(resume: NewResume, embedding: StoredEmbedding | null): Promise<Resume> {
    return this.db.forOrganization(resume.organizationId, async (tx) => {
      const row = await tx.resume.create({ data: { organizationId: resume.organizationId, ...contentFields(resume) } });
      if (!embedding) return row;
      await this.writeEmbedding(tx, row.id, embedding.vector, embedding.model);
      return { ...row, embeddingStatus: 'ready', embeddingModel: embedding.model };
    });
  }

  /**
   * Replaces a resume's content in place (same id, same createdAt), in one transaction: the row,
   * its vector (or none: pending for the backfill) and, through the triggers, its search postings
   * and statistics. Null when the row is gone.
   */
  replaceContent(id: string, resume: NewResume, embedding: StoredEmbedding | null): Promise<Resume | null> {
    return this.db.forOrganization(resume.organizationId, async (tx) => {
      const { count } = await tx.resume.updateMany({ where: { id, organizationId: resume.organizationId }, data: contentFields(resume) });
      if (!count) return null;
      if (embedding) await this.writeEmbedding(tx, id, embedding.vector, embedding.model);
      else await this.clearEmbedding(tx, id);
      return tx.resume.findFirst({ where: { id, organizationId: resume.organizationId } });
    });
  }

  /** The resume with these bytes and the one with this externalId (either may be null, or both the same row). */
  findUploadTargets(organizationId: string, fileSha256: string, externalId: string | null): Promise<UploadTargets> {
    return this.db.forOrganization(organizationId, async (tx) => ({
      byFile: await tx.resume.findFirst({ where: { organizationId, fileSha256 } }),
      byExternalId: externalId === null ? null : await tx.resume.findFirst({ where: { organizationId, externalId } }),
    }));
  }

  findById(organizationId: string, id: string): Promise<Resume | null> {
    return this.db.forOrganization(organizationId, (tx) => tx.resume.findFirst({ where: { id, organizationId } }));
  }

  findByIds(organizationId: string, ids: string[]): Promise<Resume[]> {
    return this.db.forOrganization(organizationId, (tx) => tx.resume.findMany({ where: { organizationId, id: { in: ids } } }));
  }

  /** Display fields for search results: candidate name (or file name) and skills. */
  protected async describeIn(tx: TenantTx, organizationId: string, ids: string[]): Promise<Map<string, RowDescription>> {
    const rows = await tx.resume.findMany({
      where: { organizationId, id: { in: ids } },
      select: { id: true, fileName: true, parsed: true, skills: true },
    });
    return new Map(
      rows.map((row) => [row.id, { label: (row.parsed as { name?: string | null }).name ?? row.fileName, skills: row.skills }]),
    );
  }

  async list(organizationId: string, limit: number, offset: number, externalId?: string): Promise<{ items: Resume[]; total: number }> {
    const where = externalId === undefined ? { organizationId } : { organizationId, externalId };
    return this.db.forOrganization(organizationId, async (tx) => ({
      items: await tx.resume.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: limit, skip: offset }),
      total: await tx.resume.count({ where }),
    }));
  }

  /**
   * The list narrowed by a case-insensitive substring of the location or a skill, and (unless
   * `identity` is false: blind review) of the file name, candidate name or e-mail. Same order as
   * list(). A sequential filter over one organisation's rows: a console's search box, not a
   * search engine (that is similarity-search).
   */
  async listMatching(
    organizationId: string,
    match: { text: string; identity: boolean },
    limit: number,
    offset: number,
  ): Promise<{ items: Resume[]; total: number }> {
    const pattern = `%${match.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const where = Prisma.sql`organization_id = ${organizationId}::uuid AND (
      location ILIKE ${pattern}
      OR EXISTS (SELECT 1 FROM unnest(skills) AS skill WHERE skill ILIKE ${pattern})
      OR (${match.identity}::boolean AND (file_name ILIKE ${pattern} OR parsed->>'name' ILIKE ${pattern} OR parsed->>'email' ILIKE ${pattern}))
    )`;
    return this.db.forOrganization(organizationId, async (tx) => {
      const page = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id::text AS id FROM resumes WHERE ${where} ORDER BY created_at DESC, id ASC LIMIT ${limit} OFFSET ${offset}`;
      const [{ count }] = await tx.$queryRaw<Array<{ count: number }>>`SELECT count(*)::int AS count FROM resumes WHERE ${where}`;
      const rows = new Map(
        (await tx.resume.findMany({ where: { organizationId, id: { in: page.map((row) => row.id) } } })).map((row) => [row.id, row]),
      );
      return { items: page.flatMap((row) => rows.get(row.id) ?? []), total: count };
    });
  }

  delete(organizationId: string, id: string): Promise<boolean> {
    return this.db.forOrganization(organizationId, async (tx) => {
      const { count } = await tx.resume.deleteMany({ where: { id, organizationId } });
      // In the same transaction: a replayed upload answer would bring the parsed fields back.
      if (count) await forgetAnswersNaming(tx, [id]);
      return count > 0;
    });
  }

  /**
   * Deletes every resume of one person in the organisation, in one transaction: the parsed email
   * equals `email` or the text contains it; the parsed phone is the same line as `phone` or the
   * text contains it as written. Returns what was deleted.
   */
  eraseCandidate(organizationId: string, identity: CandidateIdentity): Promise<ErasedResume[]> {
    const email = identity.email ? normalizeEmail(identity.email) : null;
    const phone = identity.phone?.trim() || null;
    const lastDigits = phone ? (phoneDigits(phone)?.slice(-7) ?? null) : null;
    return this.db.forOrganization(organizationId, async (tx) => {
      const found = await tx.$queryRaw<Array<{ id: string; content: string; parsed: ParsedResume }>>`
        SELECT id::text AS id, content, parsed FROM resumes
        WHERE organization_id = ${organizationId}::uuid AND (
          (${email}::text IS NOT NULL AND (lower(parsed->>'email') = ${email} OR strpos(lower(content), ${email}) > 0))
          OR (${phone}::text IS NOT NULL AND strpos(content, ${phone}) > 0)
          OR (${lastDigits}::text IS NOT NULL AND regexp_replace(coalesce(parsed->>'phone', ''), '\D', '', 'g') LIKE '%' || ${lastDigits})
        )`;
      const matching = found.filter(
        (row) =>
          (email && (row.parsed.email?.toLowerCase() === email || row.content.toLowerCase().includes(email))) ||
          (phone && (row.content.includes(phone) || (row.parsed.phone !== null && samePhone(row.parsed.phone, phone)))),
      );
      const ids = matching.map((row) => row.id);
      if (ids.length) {
        await tx.resume.deleteMany({ where: { organizationId, id: { in: ids } } });
        await forgetAnswersNaming(tx, ids);
      }
      return matching.map((row) => ({ id: row.id, organizationId, embeddingText: resumeMatchingText(row.content, row.parsed) }));
    });
  }

  /**
   * Retention, across organisations (system context): deletes resumes older than their
   * organisation's `retention_days`. Derived from the data on every run, so a restart loses nothing.
   */
  purgeExpired(): Promise<ErasedResume[]> {
    return this.db.asSystem(async (tx) => {
      const rows = await tx.$queryRaw<Array<{ id: string; organizationId: string; content: string; parsed: ParsedResume }>>`
        DELETE FROM resumes r USING organizations o
        WHERE r.organization_id = o.id AND o.retention_days IS NOT NULL
          AND r.created_at < now() - make_interval(days => o.retention_days)
        RETURNING r.id::text AS id, r.organization_id::text AS "organizationId", r.content, r.parsed`;
      await forgetAnswersNaming(
        tx,
        rows.map((row) => row.id),
      );
      return rows.map((row) => ({
        id: row.id,
        organizationId: row.organizationId,
        embeddingText: resumeMatchingText(row.content, row.parsed),
      }));
    });
  }
}

/** The columns an upload writes, on create and on replace. */
function contentFields(resume: NewResume) {
  return {
    fileName: resume.fileName,
    mimeType: resume.mimeType,
    content: resume.content,
    contentSha256: resume.contentSha256,
    parsed: resume.parsed as unknown as Prisma.InputJsonValue,
    skills: resume.parsed.skills.map((skill) => skill.name),
    totalYearsExperience: resume.parsed.totalYearsExperience,
    location: resume.parsed.location,
    fileSha256: resume.fileSha256,
    externalId: resume.externalId,
    source: resume.source,
    tags: resume.tags,
  };
}
