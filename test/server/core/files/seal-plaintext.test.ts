import { mkdtempSync, promises as fs, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { FileStorage } from '../../../../server/src/core/files/storage';
import { pdf } from '../../support/files';
import { createTestApp, type TestApp } from '../../support/test-app';

/** #13.11: files stored before encryption at rest are encrypted in place by seal-stored-files. */

describe('sealing files stored before encryption', () => {
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'll-seal-'));
    t = await createTestApp({ storage: { localDir: root } });
  });

  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('should encrypt plaintext files in place, leave sealed ones alone, serve both, and do nothing the second time', async () => {
    const storage = await t.app.getApplicationContext().getAsync(FileStorage);
    const recent = pdf('stored after the change');
    const recentKey = await storage.put('subsidy', recent, 'pdf');
    const recentOnDisk = await fs.readFile(join(root, recentKey));
    const legacy = pdf('stored in plain before the change');
    const legacyKey = 'resumes/0123456789abcdef0123456789abcdef.pdf';
    await fs.mkdir(join(root, 'resumes'), { recursive: true });
    await fs.writeFile(join(root, legacyKey), legacy);

    const progress: string[] = [];
    const first = await storage.sealPlaintext(folder => progress.push(folder));
    expect(first).toEqual({ checked: 2, sealed: 1 });
    expect(progress).toEqual(['resumes', 'subsidy']);
    const sealed = await fs.readFile(join(root, legacyKey));
    expect(sealed.subarray(0, 4).toString('latin1')).toBe('LLF1');
    expect(sealed.includes(Buffer.from('stored in plain'))).toBe(false);
    expect(Buffer.compare(await storage.get(legacyKey), legacy)).toBe(0);
    expect(Buffer.compare(await fs.readFile(join(root, recentKey)), recentOnDisk)).toBe(0);
    expect(Buffer.compare(await storage.get(recentKey), recent)).toBe(0);
    // No temporary file is left beside the replaced one.
    expect(await fs.readdir(join(root, 'resumes'))).toEqual(['0123456789abcdef0123456789abcdef.pdf']);

    expect(await storage.sealPlaintext()).toEqual({ checked: 2, sealed: 0 });
    expect(Buffer.compare(await fs.readFile(join(root, legacyKey)), sealed)).toBe(0);
  });
});
