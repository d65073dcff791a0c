import { promises as fs } from 'fs';
import { dirname, join } from 'path';

/** One stored file as a listing sees it. */
export interface StoredObject {
  key: string;
  modified: Date;
}

/** A place that keeps bytes by key: local disk or an S3-compatible object store. */
export interface StorageBackend {
  write(key: string, data: Buffer, contentType: string): Promise<void>;
  /** Replaces an existing object whole: a reader sees the old bytes or the new, never a mix. */
  replace(key: string, data: Buffer, contentType: string): Promise<void>;
  read(key: string): Promise<Buffer>;
  /** Idempotent: deleting a missing object succeeds. */
  delete(key: string): Promise<void>;
  /** Every object under `folder/`, in pages (for the orphan sweep). */
  list(folder: string): AsyncIterable<StoredObject[]>;
}

export class LocalDiskBackend implements StorageBackend {
  constructor(private readonly root: string) {}

  async write(key: string, data: Buffer): Promise<void> {
    const path = join(this.root, key);
    await fs.mkdir(dirname(path), { recursive: true });
    await fs.writeFile(path, data, { flag: 'wx' });
  }

  async replace(key: string, data: Buffer): Promise<void> {
    const path = join(this.root, key);
    const next = `${path}.${process.pid}.${Date.now()}.replacing`;
    await fs.writeFile(next, data, { flag: 'wx' });
    await fs.rename(next, path);
  }

  async read(key: string): Promise<Buffer> {
    return fs.readFile(join(this.root, key));
  }

  async delete(key: string): Promise<void> {
    await fs.rm(join(this.root, key), { force: true });
  }

  async *list(folder: string): AsyncIterable<StoredObject[]> {
    let names: string[];
    try {
      names = await fs.readdir(join(this.root, folder));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (let i = 0; i < names.length; i += 500) {
      const page: StoredObject[] = [];
      for (const name of names.slice(i, i + 500)) {
        // A file deleted since readdir is simply not listed.
        const stat = await fs.stat(join(this.root, folder, name)).catch(() => undefined);
        if (stat?.isFile()) page.push({ key: `${folder}/${name}`, modified: stat.mtime });
      }
      yield page;
    }
  }
}
