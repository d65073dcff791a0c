import { DemoSeeder } from '../../../server/src/modules/demo/demo.service';
import { PaymentBatchModel } from '../../../server/src/modules/subsidy/subsidy-batch.model';
import { DEMO_APPLICATION_SEEDS } from '../../../server/src/modules/subsidy/subsidy-demo.seed';
import { SubsidyDemoService } from '../../../server/src/modules/subsidy/subsidy-demo.service';
import { SubsidyApplicationModel } from '../../../server/src/modules/subsidy/subsidy.model';
import { UserModel } from '../../../server/src/modules/user/user.model';
import { createTestApp, type TestApp } from '../support/test-app';

// The city demo's subsidy applications, made by the real steps: every state, the demo graduate's own, the batches.
describe('subsidy applications of the demo city', () => {
  let t: TestApp;
  const lines: string[] = [];
  let inserted = 0;
  let seconds = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const context = t.app.getApplicationContext();
    await (await context.getAsync(DemoSeeder)).seed();
    const started = Date.now();
    await (await context.getAsync(SubsidyDemoService)).seedCityDemo((kind, isNew) => kind === 'subsidyApplications' && isNew && inserted++, line => lines.push(line));
    seconds = (Date.now() - started) / 1000;
    process.stderr.write(`[subsidy demo] ${lines.join('; ')} (${seconds.toFixed(1)} s)\n`);
  });

  afterAll(async () => {
    await t.close();
  });

  it('should put applications at every stage, quickly', async () => {
    expect(lines.join('\n')).not.toMatch(/left out|no demo batch/);
    expect(inserted).toBe(DEMO_APPLICATION_SEEDS.length);
    expect(seconds).toBeLessThan(20);
    const apps = await t.db.model(SubsidyApplicationModel).find({}).lean();
    const state = (a: (typeof apps)[number]) => (a.status === 'reviewing' ? `reviewing:${a.stage}` : a.status);
    expect(new Set(apps.map(state))).toEqual(
      new Set(['draft', 'reviewing:college', 'reviewing:district', 'reviewing:bureau', 'returned', 'rejected', 'approved', 'paying', 'paid', 'payReturned']),
    );
    const rejected = apps.find(a => a.status === 'rejected');
    expect(rejected?.timeline.at(-1)).toMatchObject({ action: 'rejected', stage: 'bureau', reason: expect.stringContaining('沈阳') });
    expect(apps.find(a => a.status === 'payReturned')?.paymentReturn?.reason).toContain('户名与账号不符');
    // Every submitted one carries all its materials, each file its own.
    const hashes = apps.flatMap(a => a.documents.map(d => d.hash));
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('should give the demo graduate four of his own in different states', async () => {
    const student = await t.db.model(UserModel).findOne({ devAccount: 'b-student-dlut' }).lean();
    const mine = await t.db.model(SubsidyApplicationModel).find({ applicantId: student?._id }).lean();
    expect(mine.map(a => `${a.programName}:${a.status}`).sort()).toEqual(
      ['一次性创业补贴:reviewing', '就业见习补贴:returned', '高校毕业生住房补贴:draft', '高校毕业生学费补助:paid'].sort(),
    );
  });

  it('should settle one batch with the bank after its 公示, weeks ago, and leave one in its 公示', async () => {
    const batches = await t.db.model(PaymentBatchModel).find({}).sort({ createdAt: 1 }).lean();
    expect(batches.map(b => b.status)).toEqual(['settled', 'open']);
    expect(batches.every(b => b.publicity)).toBe(true);
    expect(batches[0].publicity!.endsAt.getTime()).toBeLessThan(Date.now());
    // Made on the day of the history (21 days ago), and shown so on the batch list.
    expect(Math.round((Date.now() - batches[0].createdAt.getTime()) / 86_400_000)).toBe(21);
    expect(batches[1].publicity!.endsAt.getTime()).toBeGreaterThan(Date.now());
    // Each step of the paid ones on its day, in order.
    const paid = await t.db.model(SubsidyApplicationModel).find({ status: 'paid' }).lean();
    for (const app of paid) {
      const times = app.timeline.map(e => e.at.getTime());
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(app.timeline.map(e => e.action)).toEqual(expect.arrayContaining(['submitted', 'batched', 'published', 'paid']));
    }
    expect(batches[0].lines.map(l => l.status).sort()).toEqual(['failed', 'paid', 'paid', 'paid']);
    // The running notice lists g09 and the 64 notice graduates: more than a page.
    expect(batches[1].lines).toHaveLength(65);
  });

  it('should add nothing on a second run', async () => {
    let again = 0;
    await (await t.app.getApplicationContext().getAsync(SubsidyDemoService)).seedCityDemo((kind, isNew) => isNew && again++, () => undefined);
    expect(again).toBe(0);
    expect(await t.db.model(PaymentBatchModel).countDocuments({})).toBe(2);
  });
});
