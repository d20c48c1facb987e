import { inflateRawSync } from 'node:zlib';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { inspectZip } from '../documents/zip-inspector.js';

export interface ZipBatchLimits {
  /** Entries (files) the archive may hold. */
  maxEntries: number;
  /** Bytes one entry may inflate to (MAX_UPLOAD_BYTES: the same bound as an uploaded file). */
  maxEntryBytes: number;
  /** Bytes all entries may inflate to together (MAX_ARCHIVE_UNCOMPRESSED_BYTES, the zip-bomb guard). */
  maxTotalBytes: number;
}

export interface ZipBatchEntry {
  /** The entry's path inside the archive. */
  name: string;
  bytes: Buffer;
}

const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

/**
 * A zip whose entries are resumes (a batch), as opposed to a DOCX, which is a zip too: a DOCX has
 * `word/document.xml` in its own directory (the bytes alone could hold that name inside a stored entry).
 */
export function isZipBatch(bytes: Buffer): boolean {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== LOCAL_SIGNATURE) {
    // An empty archive is only its end record.
    return bytes.length === 22 && bytes.readUInt32LE(0) === EOCD_SIGNATURE;
  }
  const summary = inspectZip(bytes);
  return !summary?.names.includes('word/document.xml');
}

/**
 * The files of a batch zip, inflated within bounds: the entry count and every size are checked
 * against the limits before and while inflating (a declared size is never trusted), so a zip bomb
 * costs at most `maxEntryBytes` of memory per entry. Folders, dot files and macOS resource forks are skipped.
 */
export function readZipBatch(bytes: Buffer, limits: ZipBatchLimits): ZipBatchEntry[] {
  const eocd = findEndOfDirectory(bytes);
  const corrupt = (): DomainError => new DomainError(ErrorCode.CORRUPT_DOCUMENT, 'The zip archive could not be read');
  if (eocd < 0) throw corrupt();
  const count = bytes.readUInt16LE(eocd + 10);
  const directoryOffset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) {
    throw new DomainError(ErrorCode.ARCHIVE_TOO_LARGE, 'ZIP64 archives are not supported; send smaller batches');
  }
  const entries: ZipBatchEntry[] = [];
  let total = 0;
  let offset = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== CENTRAL_SIGNATURE) throw corrupt();
    const flags = bytes.readUInt16LE(offset + 8);
    const method = bytes.readUInt16LE(offset + 10);
    const compressedSize = bytes.readUInt32LE(offset + 20);
    const declaredSize = bytes.readUInt32LE(offset + 24);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const localOffset = bytes.readUInt32LE(offset + 42);
    const name = bytes.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/') || isHidden(name)) continue;
    if (entries.length >= limits.maxEntries) {
      throw new DomainError(ErrorCode.TOO_MANY_FILES, `The zip holds more than ${limits.maxEntries} files (INGEST_MAX_FILES)`);
    }
    if (flags & 0x1) throw new DomainError(ErrorCode.ENCRYPTED_DOCUMENT, 'The zip archive is password-protected');
    if (declaredSize === 0xffffffff || compressedSize === 0xffffffff) {
      throw new DomainError(ErrorCode.ARCHIVE_TOO_LARGE, 'ZIP64 archives are not supported; send smaller batches');
    }
    if (declaredSize > limits.maxEntryBytes) throw entryTooLarge(limits);
    if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) throw corrupt();
    const dataStart = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > bytes.length) throw corrupt();
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    let content: Buffer;
    if (method === 0) {
      content = Buffer.from(data);
    } else if (method === 8) {
      try {
        // One byte over the limit is enough to know the entry is too large.
        content = inflateRawSync(data, { maxOutputLength: limits.maxEntryBytes + 1 });
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw entryTooLarge(limits);
        throw corrupt();
      }
    } else {
      throw new DomainError(ErrorCode.CORRUPT_DOCUMENT, 'The zip archive uses a compression method other than deflate');
    }
    if (content.length > limits.maxEntryBytes) throw entryTooLarge(limits);
    total += content.length;
    if (total > limits.maxTotalBytes) {
      throw new DomainError(ErrorCode.ARCHIVE_TOO_LARGE, `The zip would inflate to more than ${limits.maxTotalBytes} bytes`);
    }
    entries.push({ name, bytes: content });
  }
  return entries;
}

function entryTooLarge(limits: ZipBatchLimits): DomainError {
  return new DomainError(ErrorCode.FILE_TOO_LARGE, `A file in the zip is larger than ${limits.maxEntryBytes} bytes`);
}

function isHidden(name: string): boolean {
  const base = name.split('/').pop() ?? name;
  return name.startsWith('__MACOSX/') || base.startsWith('.');
}

function findEndOfDirectory(bytes: Buffer): number {
  const searchFrom = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= searchFrom; i--) {
    if (bytes.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  }
  return -1;
}
