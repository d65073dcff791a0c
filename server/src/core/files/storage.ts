import { Config, Init, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { ILogger } from '@midwayjs/logger';
import { randomBytes } from 'crypto';
import { BizError, notFound } from '../errors';
import { storageConfigProblems } from '../startup-checks';
import type { AppSettings } from '../../interface';
import { LocalDiskBackend, type StorageBackend, type StoredObject } from './backend';
import { FileCipher } from './file-cipher';
import { S3Backend, S3Error } from './s3';

export const STORAGE_FOLDERS = ['resumes', 'licences', 'subsidy', 'complaints', 'stories', 'contents'] as const;
export type StorageFolder = (typeof STORAGE_FOLDERS)[number];

const KEY_PATTERN = /^(resumes|licences|subsidy|complaints|stories|contents)\/[0-9a-f]{32}\.[a-z0-9]{3,4}$/;

export interface SealReport {
  checked: number;
  /** Files that were plaintext and are now encrypted. */
  sealed: number;
}

/** Which of `keys` (all in one folder) a record of the registering module still points at. */
export type ReferencedKeys = (keys: string[]) => Promise<Iterable<string>>;

/**
 * Where uploaded files live: local disk under the ignored `.data/` folder by default (`UPLOAD_DIR`
 * overrides), or an S3-compatible object store with `STORAGE_DRIVER=s3` (config `app.storage`).
 * Files are encrypted before they leave the process (FileCipher) and opened on the way back; files
 * stored before encryption are read as they are.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class FileStorage {
  @Config('app')
  private settings!: AppSettings;

  @Logger()
  private logger!: ILogger;

  private backend!: StorageBackend;

  private cipher!: FileCipher;

  private readonly references = new Map<StorageFolder, Map<string, ReferencedKeys>>();

  @Init()
  init(): void {
    const storage = this.settings.storage;
    const problems = storageConfigProblems(storage);
    if (problems.length) throw new Error(`File storage is misconfigured: ${problems.join('; ')}`);
    this.backend = storage.driver === 's3' ? new S3Backend(storage.s3) : new LocalDiskBackend(storage.localDir);
    this.cipher = new FileCipher(this.settings.pii.encryptionKey);
  }

  /** Stores the bytes, encrypted, under a fresh random key like `resumes/3f…9a.pdf` and returns the key. */
  async put(folder: StorageFolder, data: Buffer, ext: string): Promise<string> {
    const key = `${folder}/${randomBytes(16).toString('hex')}.${ext}`;
    const sealed = this.cipher.seal(key, data);
    // The stored object is ciphertext whatever the key's extension says.
    await this.guard(() => this.backend.write(key, sealed, 'application/octet-stream'));
    return key;
  }

  async get(key: string): Promise<Buffer> {
    const stored = await this.guard(() => this.backend.read(this.checked(key)));
    return this.cipher.open(key, stored);
  }

  /**
   * A module says which stored files its records point at (in its `@Init`, with `@Autoload` so a
   * worker-only process has it too). The orphan sweep deletes only files of folders that have a
   * source, and only those no source claims. `name` makes registering twice harmless.
   */
  registerReferences(folder: StorageFolder, name: string, referenced: ReferencedKeys): void {
    const sources = this.references.get(folder) ?? new Map<string, ReferencedKeys>();
    sources.set(name, referenced);
    this.references.set(folder, sources);
  }

  /** The folders with a reference source, and their sources. */
  referenceSources(): Array<[StorageFolder, ReferencedKeys[]]> {
    return STORAGE_FOLDERS.filter(f => this.references.has(f)).map(f => [f, [...(this.references.get(f)?.values() ?? [])]]);
  }

  /** Pages of stored files in one folder; names that are not ours (an operator's notes) are left out. */
  async *list(folder: StorageFolder): AsyncIterable<StoredObject[]> {
    for await (const page of this.backend.list(folder)) yield page.filter(o => KEY_PATTERN.test(o.key));
  }

  /**
   * Encrypts in place every file stored before encryption (no `LLF1` mark): same key, same content,
   * now sealed. Safe to run while the service runs and to run again: a reader gets the same bytes
   * from either form, and sealed files are left alone.
   */
  async sealPlaintext(progress: (folder: StorageFolder, report: SealReport) => void = () => undefined): Promise<SealReport> {
    const total: SealReport = { checked: 0, sealed: 0 };
    for (const folder of STORAGE_FOLDERS) {
      const mine: SealReport = { checked: 0, sealed: 0 };
      for await (const page of this.list(folder)) {
        for (const { key } of page) {
          const stored = await this.guard(() => this.backend.read(key));
          mine.checked += 1;
          if (FileCipher.isSealed(stored)) continue;
          await this.guard(() => this.backend.replace(key, this.cipher.seal(key, stored), 'application/octet-stream'));
          mine.sealed += 1;
        }
        progress(folder, mine);
      }
      total.checked += mine.checked;
      total.sealed += mine.sealed;
    }
    return total;
  }

  async remove(key: string): Promise<void> {
    await this.guard(() => this.backend.delete(this.checked(key)));
  }

  /**
   * A file gone from the store is a 404 for the caller; an unreachable or refusing object store is a
   * 503, with the S3 details in the log.
   */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if ((err instanceof S3Error && err.code === 'NoSuchKey') || (err as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('文件');
      if (!(err instanceof S3Error)) throw err;
      this.logger.error('[storage] %s', err.message);
      throw new BizError('STORAGE_UNAVAILABLE');
    }
  }

  private checked(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error(`bad storage key ${key}`);
    return key;
  }
}
