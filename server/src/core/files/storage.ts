import { Config, Init, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { ILogger } from '@midwayjs/logger';
import { randomBytes } from 'crypto';
import { BizError, notFound } from '../errors';
import { storageConfigProblems } from '../startup-checks';
import type { AppSettings } from '../../interface';
import { LocalDiskBackend, type StorageBackend } from './backend';
import { contentTypeOf, S3Backend, S3Error } from './s3';

/**
 * Where uploaded files live: local disk under the ignored `.data/` folder by default (`UPLOAD_DIR`
 * overrides), or an S3-compatible object store with `STORAGE_DRIVER=s3` (config `app.storage`).
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class FileStorage {
  @Config('app')
  private settings!: AppSettings;

  @Logger()
  private logger!: ILogger;

  private backend!: StorageBackend;

  @Init()
  init(): void {
    const storage = this.settings.storage;
    const problems = storageConfigProblems(storage);
    if (problems.length) throw new Error(`File storage is misconfigured: ${problems.join('; ')}`);
    this.backend = storage.driver === 's3' ? new S3Backend(storage.s3) : new LocalDiskBackend(storage.localDir);
  }

  /** Stores the bytes under a fresh random key like `resumes/3f…9a.pdf` and returns the key. */
  async put(folder: 'resumes' | 'licences' | 'subsidy' | 'complaints' | 'stories' | 'contents', data: Buffer, ext: string): Promise<string> {
    const key = `${folder}/${randomBytes(16).toString('hex')}.${ext}`;
    await this.guard(() => this.backend.write(key, data, contentTypeOf(key)));
    return key;
  }

  async get(key: string): Promise<Buffer> {
    return this.guard(() => this.backend.read(this.checked(key)));
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
    if (!/^(resumes|licences|subsidy|complaints|stories|contents)\/[0-9a-f]{32}\.[a-z0-9]{3,4}$/.test(key)) throw new Error(`bad storage key ${key}`);
    return key;
  }
}
