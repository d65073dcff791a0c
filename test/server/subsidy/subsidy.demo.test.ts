import { DemoSeeder } from '../../../server/src/modules/demo/demo.service';
import { SubsidyOfferModel } from '../../../server/src/modules/subsidy/subsidy-offer.model';
import { OFFER_DEMO_GRADUATES } from '../../../server/src/modules/subsidy/subsidy-offer.seed';
import { SubsidyApplicationModel, SubsidyProgramModel } from '../../../server/src/modules/subsidy/subsidy.model';
import { UserModel } from '../../../server/src/modules/user/user.model';
import { signAccessToken } from '../../../server/src/core/tokens';
import { createTestApp, type TestApp } from '../support/test-app';

describe('免申即享 demo data', () => {
  let t: TestApp;
  let seconds: number;
  let lines: string[];

  beforeAll(async () => {
    t = await createTestApp();
    const seeder = await t.app.getApplicationContext().getAsync(DemoSeeder);
    await seeder.seed();
    lines = [];
    const started = Date.now();
    await seeder.seedCity(line => lines.push(line), new Date(), 600);
    seconds = (Date.now() - started) / 1000;
  });

  afterAll(async () => {
    await t.close();
  });

  it('should mark the 求职创业补贴 demo program 免申即享, asking for no documents', async () => {
    const program = await t.db.model(SubsidyProgramModel).findOne({ seedKey: 'job-search-2026' }).lean();
    expect(program).toMatchObject({ offerMode: 'auto', requiredDocuments: [] });
  });

  it('should give the demo offers in each state through the real match and the graduates’ own steps, quickly', async () => {
    const program = await t.db.model(SubsidyProgramModel).findOne({ seedKey: 'job-search-2026' }).lean();
    const offers = await t.db.model(SubsidyOfferModel).find({ programId: program?._id }).lean();
    const byStatus = (s: string) => offers.filter(o => o.status === s).length;
    // 600 generated graduates, one in 23 with a 困难家庭 flag (26), and the three demo graduates.
    expect(offers).toHaveLength(29);
    expect([byStatus('offered'), byStatus('confirmed'), byStatus('declined')]).toEqual([27, 1, 1]);
    const confirmed = offers.find(o => o.status === 'confirmed');
    const app = await t.db.model(SubsidyApplicationModel).findById(confirmed?.applicationId).lean();
    expect(app).toMatchObject({ status: 'reviewing', stage: 'college', amount: 1500 });
    expect(lines.some(l => l.includes('免申即享 demo') && l.includes('待确认 27, 已确认 1, 不需要 1'))).toBe(true);
    expect(seconds).toBeLessThan(30);
  });

  it('should show the demo graduate who keeps the offer an open 一键确认 card', async () => {
    const keeper = OFFER_DEMO_GRADUATES.find(g => g.step === 'keep');
    const user = await t.db.model(UserModel).findOne({ devAccount: keeper?.devAccount }).lean();
    if (!user) throw new Error('demo graduate missing');
    const token = signAccessToken({ sub: user._id.toHexString(), sid: 'demo', roles: ['student'], scope: {} }, t.settings.auth.tokenSecret, 600, Math.floor(Date.now() / 1000));
    const res = await t.http().get('/api/subsidy/offers').set('Authorization', `Bearer ${token}`);
    expect(res.body).toEqual([expect.objectContaining({ programName: '困难毕业生求职创业补贴', status: 'offered', amount: 1500, message: '你符合困难毕业生求职创业补贴，约1500元' })]);
  });

  it('should change nothing when seeded again', async () => {
    const seeder = await t.app.getApplicationContext().getAsync(DemoSeeder);
    const before = await t.db.model(SubsidyOfferModel).countDocuments({});
    const again = await seeder.seedCity(undefined, new Date(), 600);
    expect(again.inserted.subsidyOfferRuns).toBeUndefined();
    expect(await t.db.model(SubsidyOfferModel).countDocuments({})).toBe(before);
    expect(await t.db.model(SubsidyApplicationModel).countDocuments({ programId: (await t.db.model(SubsidyProgramModel).findOne({ seedKey: 'job-search-2026' }).lean())?._id })).toBe(1);
  });
});
