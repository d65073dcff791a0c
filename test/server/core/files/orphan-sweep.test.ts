import { mkdtempSync, promises as fs, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { OrphanSweep } from '../../../../server/src/core/files/orphan-sweep';
import { createTestApp, type TestApp } from '../../support/test-app';
import { DAY, scene } from './orphan-sweep.scene';

/** #13.12: files no record references are deleted once older than the grace period; nothing else is. */

describe('orphan sweep (#13.12), local disk', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Its own folder: a sweep judges every file there against this test's database only.
    t = await createTestApp({ storage: { orphanGraceMs: DAY, localDir: mkdtempSync(join(tmpdir(), 'll-sweep-')) } });
  });

  afterAll(async () => {
    await t.close();
    rmSync(t.settings.storage.localDir, { recursive: true, force: true });
  });

  it('should delete old unreferenced files and keep referenced and young ones', async () => {
    const root = t.settings.storage.localDir;
    const s = await scene(t, (key, at) => fs.utimes(join(root, key), at, at));
    const exists = (key: string) => fs.stat(join(root, key)).then(() => true, () => false);
    // An operator's file in the folder is not ours to judge.
    await fs.writeFile(join(root, 'subsidy', 'README.txt'), 'notes');
    await fs.utimes(join(root, 'subsidy', 'README.txt'), new Date(0), new Date(0));

    const sweep = await t.app.getApplicationContext().getAsync(OrphanSweep);
    const report = await sweep.sweep();
    expect(report.removed).toBeGreaterThanOrEqual(2);
    expect(report.skipped).toEqual([]);
    expect(await exists(s.orphanOld)).toBe(false);
    expect(await exists(s.otherFolderOld)).toBe(false);
    expect(await exists(s.referencedOld)).toBe(true);
    expect(await exists(s.orphanYoung)).toBe(true);
    expect(await exists('subsidy/README.txt')).toBe(true);

    // A second run finds nothing more to do, and concurrent runs are one.
    const [a, b] = await Promise.all([sweep.sweep(), sweep.sweep()]);
    expect(a).toBe(b);
    expect(a.removed).toBe(0);
  });
});
