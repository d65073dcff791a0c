import { Init, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import { join } from 'path';

/**
 * Where uploaded files live. Local disk under the ignored `.data/` folder by default
 * (`UPLOAD_DIR` overrides); an object-store implementation can replace this class.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class FileStorage {
  private root = '';

  @Init()
  init(): void {
    this.root = process.env.UPLOAD_DIR || join(process.cwd(), '.data', 'uploads');
  }

  /** Stores the bytes under a fresh random key like `resumes/3f…9a.pdf` and returns the key. */
  async put(folder: 'resumes' | 'licences' | 'subsidy' | 'complaints', data: Buffer, ext: string): Promise<string> {
    const key = `${folder}/${randomBytes(16).toString('hex')}.${ext}`;
    await fs.mkdir(join(this.root, folder), { recursive: true });
    await fs.writeFile(join(this.root, key), data, { flag: 'wx' });
    return key;
  }

  async get(key: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(key));
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!/^(resumes|licences|subsidy|complaints)\/[0-9a-f]{32}\.[a-z]{3,4}$/.test(key)) throw new Error(`bad storage key ${key}`);
    return join(this.root, key);
  }
}
