import { OrphanSweep } from '../../../../server/src/core/files/orphan-sweep';
import { FileStorage } from '../../../../server/src/core/files/storage';
import { startFakeS3, type FakeS3 } from '../../support/fake-s3';
import { pdf } from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';
import { DAY, scene } from './orphan-sweep.scene';

/** #13.12 against the S3 backend (the fake S3 server): ListObjectsV2 pages, then deletes. */

describe('orphan sweep (#13.12), S3 backend', () => {
  let fake: FakeS3;
  let t: TestApp;

  beforeAll(async () => {
    fake = await startFakeS3({ bucket: 'liulian-sweep', region: 'ap-guangzhou' });
    fake.pageSize = 2;
    t = await createTestApp({ storage: { driver: 's3', s3: fake.settings(), orphanGraceMs: DAY } });
  });

  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('should list the bucket page by page and delete only old unreferenced objects', async () => {
    const s = await scene(t, async (key, at) => {
      fake.modified.set(key, at);
    });
    // More old orphans than one listing page holds.
    const storage = await t.app.getApplicationContext().getAsync(FileStorage);
    const more = await Promise.all([1, 2, 3].map(i => storage.put('subsidy', pdf(`orphan ${i}`), 'pdf')));
    for (const key of more) fake.modified.set(key, new Date(Date.now() - 3 * DAY));

    const report = await (await t.app.getApplicationContext().getAsync(OrphanSweep)).sweep();
    expect(report.removed).toBe(5);
    expect([...fake.objects.keys()].sort()).toEqual([s.referencedOld, s.orphanYoung].sort());
    expect(fake.requests.filter(r => r.method === 'GET' && r.path.includes('list-type=2') && r.path.includes('continuation-token')).length).toBeGreaterThan(0);
  });
});
