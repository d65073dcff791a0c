import { DemoSeeder } from '../../../server/src/modules/demo/demo.service';
import { createTestApp, type TestApp } from '../support/test-app';

describe('content search over the demo data', () => {
  let t: TestApp;
  const search = async (q: string) =>
    (await t.http().get(`/api/contents/search?q=${encodeURIComponent(q)}`)).body as Array<{ title: string; highlight: string }>;

  beforeAll(async () => {
    t = await createTestApp();
    const seeder = await t.app.getApplicationContext().getAsync(DemoSeeder);
    await seeder.seed();
  });

  afterAll(async () => {
    await t.close();
  });

  it('should find the plan entries the issue names, best match first', async () => {
    expect((await search('住房补贴'))[0].title).toBe('来连留连稳定就业：住房补贴、学费补助');
    expect((await search('学费'))[0].title).toBe('来连留连稳定就业：住房补贴、学费补助');
    expect((await search('见习'))[0].title).toBe('青年见习岗位拓展计划');
    const loan = await search('创业担保贷款');
    expect(loan[0].title).toBe('创业扶持：税费减免、创业补贴、创业担保贷款及贴息');
    expect(loan[0].highlight).toContain('【创业担保贷款】');
  });

  it('should fill search keys only once when seeding again', async () => {
    const seeder = await t.app.getApplicationContext().getAsync(DemoSeeder);
    await seeder.seed();
    expect((await search('见习'))[0].title).toBe('青年见习岗位拓展计划');
  });
});
