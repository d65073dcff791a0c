import { promises as fs } from 'fs';
import { dirname, join } from 'path';

/** A place that keeps bytes by key: local disk or an S3-compatible object store. */
export interface StorageBackend {
  write(key: string, data: Buffer, contentType: string): Promise<void>;
  read(key: string): Promise<Buffer>;
  /** Idempotent: deleting a missing object succeeds. */
  delete(key: string): Promise<void>;
}

export class LocalDiskBackend implements StorageBackend {
  constructor(private readonly root: string) {}

  async write(key: string, data: Buffer): Promise<void> {
    const path = join(this.root, key);
    await fs.mkdir(dirname(path), { recursive: true });
    await fs.writeFile(path, data, { flag: 'wx' });
  }

  async read(key: string): Promise<Buffer> {
    return fs.readFile(join(this.root, key));
  }

  async delete(key: string): Promise<void> {
    await fs.rm(join(this.root, key), { force: true });
  }
}
