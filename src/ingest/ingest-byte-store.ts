import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { IngestRepository } from './ingest.repository.js';

/** One uploaded file's bytes, named by its ingest file id. */
export interface FileBytes {
  id: string;
  bytes: Buffer;
}

/**
 * Where uploaded bulk files wait for a worker (INGEST_BYTES_DIR): the database, or a directory every
 * process can read. Bytes kept outside the database are written before the job's transaction and
 * removed when it fails or when the file has ended; the database keeps them in that transaction.
 */
export abstract class IngestByteStore {
  /** True: IngestRepository.createJob stores the bytes in the job's own transaction (ingest_file_bytes). */
  abstract readonly inTransaction: boolean;
  /** Before the job's transaction: every file's bytes, or none of them (an error removes what was written). */
  abstract save(organizationId: string, files: FileBytes[]): Promise<void>;
  /** Null when the bytes are gone. */
  abstract read(organizationId: string, fileId: string): Promise<Buffer | null>;
  /** Once the files have ended (or the job's transaction failed); best effort, a missing file is fine. */
  abstract remove(organizationId: string, fileIds: string[]): Promise<void>;
  /** The organisation is erased: whatever of it still waits goes. */
  abstract removeOrganization(organizationId: string): Promise<void>;
}

/** The bytes as rows of ingest_file_bytes, written and deleted in the repository's transactions. */
export class DatabaseIngestByteStore extends IngestByteStore {
  readonly inTransaction = true;

  constructor(private readonly repository: IngestRepository) {
    super();
  }

  async save(): Promise<void> {}

  read(organizationId: string, fileId: string): Promise<Buffer | null> {
    return this.repository.fileBytes(organizationId, fileId);
  }

  // finishFile deletes the row in its transaction; a failed createJob stored none; erasure cascades.
  async remove(): Promise<void> {}

  async removeOrganization(): Promise<void> {}
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Files written at once by one upload (each is fsynced: a crash after the job's commit must not leave half a file). */
const WRITE_PARALLELISM = 8;

/**
 * `<root>/<organizationId>/<ingestFileId>`, mode 0600 in 0700 directories; each file is written to a
 * temporary name, fsynced, then renamed, so a reader sees all of it or nothing. Paths hold ids only.
 */
export class DirectoryIngestByteStore extends IngestByteStore {
  readonly inTransaction = false;
  private readonly logger = new Logger('IngestBytes');

  constructor(
    private readonly root: string,
    /** Files uploaded before the directory was configured still wait in the database. */
    private readonly repository: IngestRepository,
  ) {
    super();
  }

  /** At start-up: a directory this process cannot use stops it with a clear message instead of failing every upload. */
  async prepare(): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true, mode: 0o700 });
      await access(this.root, constants.R_OK | constants.W_OK | constants.X_OK);
    } catch (error) {
      throw new Error(`INGEST_BYTES_DIR ${this.root} cannot be read and written by this process (${code(error)})`);
    }
  }

  async save(organizationId: string, files: FileBytes[]): Promise<void> {
    const folder = this.folder(organizationId);
    try {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      for (let start = 0; start < files.length; start += WRITE_PARALLELISM)
        await Promise.all(files.slice(start, start + WRITE_PARALLELISM).map((file) => this.write(folder, file)));
      await syncDirectory(folder);
    } catch (error) {
      await this.remove(
        organizationId,
        files.map((file) => file.id),
      );
      throw error;
    }
  }

  async read(organizationId: string, fileId: string): Promise<Buffer | null> {
    try {
      const handle = await open(this.path(organizationId, fileId), 'r');
      try {
        return await handle.readFile();
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (code(error) !== 'ENOENT') throw error;
      return this.repository.fileBytes(organizationId, fileId);
    }
  }

  async remove(organizationId: string, fileIds: string[]): Promise<void> {
    for (const fileId of fileIds) {
      try {
        await unlink(this.path(organizationId, fileId));
      } catch (error) {
        if (code(error) !== 'ENOENT') this.logger.warn(`Bytes of ingest file ${fileId} not deleted (${code(error)})`);
      }
    }
  }

  async removeOrganization(organizationId: string): Promise<void> {
    await rm(this.folder(organizationId), { recursive: true, force: true });
  }

  private async write(folder: string, file: FileBytes): Promise<void> {
    const target = join(folder, checkId(file.id));
    const temporary = join(folder, `.${file.id}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await open(temporary, 'wx', 0o600);
    try {
      try {
        await handle.writeFile(file.bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  private folder(organizationId: string): string {
    return join(this.root, checkId(organizationId));
  }

  private path(organizationId: string, fileId: string): string {
    return join(this.folder(organizationId), checkId(fileId));
  }
}

/** Ids become path segments: anything but a UUID (no `..`, no `/`) is a bug, refused before it reaches the file system. */
function checkId(id: string): string {
  if (!UUID.test(id)) throw new Error('Not a UUID: refused as an ingest bytes path segment');
  return id;
}

/** The renames themselves survive a crash once the directory is synced (not supported everywhere: then skipped). */
async function syncDirectory(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } catch (error) {
    if (!['EINVAL', 'EISDIR', 'EPERM', 'ENOTSUP'].includes(code(error))) throw error;
  } finally {
    await handle.close();
  }
}

function code(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'error';
}
