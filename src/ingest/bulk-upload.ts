import type { Readable } from 'node:stream';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { sanitizeFileName } from '../resumes/file-name.js';
import type { ResumeFileMeta } from '../resumes/resumes.service.js';
import { isZipBatch, readZipBatch, type ZipBatchLimits } from './zip-batch.js';

export interface BulkLimits extends ZipBatchLimits {
  /** Bytes the request's files may add up to (INGEST_MAX_TOTAL_BYTES). */
  maxRequestBytes: number;
}

/** A multipart part as multer hands it to a storage engine. */
interface IncomingPart {
  stream: Readable;
  originalname?: string;
}

/**
 * Multer storage for bulk uploads: memory, like the single upload, but bounded per request: the
 * (maxEntries + 1)th file is a 413 TOO_MANY_FILES and bytes past maxRequestBytes a 413
 * BATCH_TOO_LARGE, both as soon as they arrive (multer's own fileSize limit bounds each file).
 */
export class BoundedMemoryStorage {
  private readonly usage = new WeakMap<object, { files: number; bytes: number }>();

  constructor(private readonly limits: Pick<BulkLimits, 'maxEntries' | 'maxRequestBytes'>) {}

  _handleFile(request: object, part: IncomingPart, done: (error: Error | null, info?: { buffer: Buffer; size: number }) => void): void {
    const usage = this.usage.get(request) ?? { files: 0, bytes: 0 };
    this.usage.set(request, usage);
    usage.files++;
    if (usage.files > this.limits.maxEntries) {
      part.stream.resume();
      done(new DomainError(ErrorCode.TOO_MANY_FILES, `Send at most ${this.limits.maxEntries} files per request (INGEST_MAX_FILES)`));
      return;
    }
    const chunks: Buffer[] = [];
    let finished = false;
    const finish = (error: Error | null, info?: { buffer: Buffer; size: number }): void => {
      if (finished) return;
      finished = true;
      done(error, info);
    };
    part.stream.on('data', (chunk: Buffer) => {
      if (finished) return;
      usage.bytes += chunk.length;
      if (usage.bytes > this.limits.maxRequestBytes) {
        chunks.length = 0;
        part.stream.resume();
        finish(
          new DomainError(
            ErrorCode.BATCH_TOO_LARGE,
            `The files add up to more than ${this.limits.maxRequestBytes} bytes (INGEST_MAX_TOTAL_BYTES)`,
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    part.stream.on('error', (error: Error) => finish(error));
    part.stream.on('end', () => {
      const buffer = Buffer.concat(chunks);
      finish(null, { buffer, size: buffer.length });
    });
  }

  _removeFile(_request: object, part: { buffer?: Buffer }, done: (error: Error | null) => void): void {
    delete part.buffer;
    done(null);
  }
}

/** One file of a bulk upload, once zips are opened and metadata matched. */
export interface BulkFile extends ResumeFileMeta {
  fileName: string | null;
  bytes: Buffer;
}

export interface FileMetadataEntry extends ResumeFileMeta {
  fileName: string;
}

const META_KEYS = new Set(['fileName', 'externalId', 'source', 'tags']);
const MAX_EXTERNAL_ID = 255;
const MAX_SOURCE = 100;
const MAX_TAGS = 20;
const MAX_TAG = 64;

/**
 * The `metadata` field: a JSON array of `{ fileName, externalId?, source?, tags? }`. Anything else
 * is a 400 naming what is wrong (never echoing the values).
 */
export function parseFileMetadata(raw: string | undefined, maxEntries: number): FileMetadataEntry[] {
  if (raw === undefined || raw.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new DomainError(ErrorCode.MALFORMED_JSON, 'The metadata field is not valid JSON');
  }
  const invalid = (problem: string): DomainError =>
    new DomainError(ErrorCode.VALIDATION_FAILED, `metadata ${problem}`, [`metadata ${problem}`]);
  if (!Array.isArray(value)) throw invalid('must be a JSON array of {fileName, externalId?, source?, tags?}');
  if (value.length > maxEntries) throw invalid(`must not hold more than ${maxEntries} entries`);
  return value.map((item: unknown, i): FileMetadataEntry => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalid(`[${i}] must be an object`);
    const entry = item as Record<string, unknown>;
    for (const key of Object.keys(entry)) {
      if (!META_KEYS.has(key)) throw invalid(`[${i}] has an unknown key; allowed: fileName, externalId, source, tags`);
    }
    const text = (key: string, max: number, required = false): string | undefined => {
      const field = entry[key];
      if (field === undefined || field === null) {
        if (required) throw invalid(`[${i}].${key} is required`);
        return undefined;
      }
      if (typeof field !== 'string' || field.length === 0 || field.length > max)
        throw invalid(`[${i}].${key} must be a string of 1 to ${max} characters`);
      if (field.includes('\u0000'))
        throw new DomainError(ErrorCode.INVALID_CHARACTERS, `metadata[${i}].${key} must not contain NUL (\\u0000) characters`);
      return field;
    };
    const fileName = text('fileName', 1024, true) as string;
    const tags = entry.tags;
    if (tags !== undefined && tags !== null) {
      if (!Array.isArray(tags) || tags.length > MAX_TAGS) throw invalid(`[${i}].tags must be an array of at most ${MAX_TAGS} strings`);
      for (const tag of tags) {
        if (typeof tag !== 'string' || tag.length === 0 || tag.length > MAX_TAG || tag.includes('\u0000')) {
          throw invalid(`[${i}].tags must hold strings of 1 to ${MAX_TAG} characters`);
        }
      }
    }
    return {
      fileName,
      externalId: text('externalId', MAX_EXTERNAL_ID),
      source: text('source', MAX_SOURCE),
      tags: (tags as string[] | undefined) ?? undefined,
    };
  });
}

/**
 * The files of a bulk upload in order: each uploaded part, or the entries of a part that is a zip
 * batch (a DOCX stays one file); then each file gets the metadata naming it (by its sanitized
 * name; files sharing a name take the entries naming it in order). Metadata naming no file is a 400.
 */
export function assembleBulkFiles(
  parts: { buffer: Buffer; originalname?: string }[],
  metadata: FileMetadataEntry[],
  limits: BulkLimits,
): BulkFile[] {
  const files: { fileName: string | null; bytes: Buffer }[] = [];
  let inflated = 0;
  for (const part of parts) {
    if (!isZipBatch(part.buffer)) {
      files.push({ fileName: sanitizeFileName(part.originalname), bytes: part.buffer });
    } else {
      const entries = readZipBatch(part.buffer, {
        ...limits,
        maxEntries: limits.maxEntries - files.length,
        maxTotalBytes: limits.maxTotalBytes - inflated,
      });
      for (const entry of entries) {
        inflated += entry.bytes.length;
        files.push({ fileName: sanitizeFileName(entry.name), bytes: entry.bytes });
      }
    }
    if (files.length > limits.maxEntries) {
      throw new DomainError(ErrorCode.TOO_MANY_FILES, `Send at most ${limits.maxEntries} files per request (INGEST_MAX_FILES)`);
    }
  }
  if (!files.length)
    throw new DomainError(ErrorCode.FILE_REQUIRED, 'Send the resumes as multipart/form-data field "files" (many files, or one zip)');
  const byName = new Map<string, FileMetadataEntry[]>();
  for (const entry of metadata) {
    const name = sanitizeFileName(entry.fileName) ?? entry.fileName;
    byName.set(name, [...(byName.get(name) ?? []), entry]);
  }
  const result = files.map((file): BulkFile => {
    const entry = file.fileName === null ? undefined : byName.get(file.fileName)?.shift();
    return entry ? { ...file, externalId: entry.externalId, source: entry.source, tags: entry.tags } : file;
  });
  const unmatched = [...byName.values()].reduce((sum, left) => sum + left.length, 0);
  if (unmatched) {
    const problem = `metadata names ${unmatched} file(s) that are not in the upload (match by file name)`;
    throw new DomainError(ErrorCode.VALIDATION_FAILED, problem, [problem]);
  }
  return result;
}
