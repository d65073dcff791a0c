import { PiiService } from '../../../server/src/core/pii';
import { DeliveryModel } from '../../../server/src/modules/notice/notice.model';
import { SubsidyOfferModel } from '../../../server/src/modules/subsidy/subsidy-offer.model';
import { SubsidyOfferService } from '../../../server/src/modules/subsidy/subsidy-offer.service';
import { SubsidyApplicationModel } from '../../../server/src/modules/subsidy/subsidy.model';
import { UserModel } from '../../../server/src/modules/user/user.model';
import { EMPLOYER_A, insuranceRow, insuranceWorkbook } from '../insurance/fixtures';
import { graduateRow, residentId, workbook } from '../registry/fixtures';
import { bankCard, createProgram, decide, giveConsent, studentProfile, subsidyProgram, type Who } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

/** 免申即享: employed in Dalian with three months of insurance; 两市一县 pays more. Bureau review only. */
const auto = subsidyProgram({
  name: '测试免申即享就业补贴',
  offerMode: 'auto',
  requiredDocuments: [],
  conditions: [
    { field: 'graduationDate', op: 'withinYears', value: 2 },
    { field: 'employedInDalian', op: 'eq', value: true },
    { field: 'socialInsuranceMonths', op: 'gte', value: 3 },
  ],
  amount: {
    kind: 'table',
    rows: [
      { when: { districtClass: 'twoCitiesOneCounty' }, amount: 15000, label: '两市一县标准（示例金额）' },
      { when: {}, amount: 8000, label: '其他地区标准（示例金额）' },
    ],
  },
  workflow: ['bureau'],
});

describe('免申即享 offers over HTTP', () => {
  let t: TestApp;
  let bureau: Who;
  let zhuang: Who;
  let other: Who;
  let decliner: Who;
  let programId: string;
  let service: SubsidyOfferService;
  const account = { bankName: '中国工商银行大连分行', bankAccount: bankCard('622202150000000123') };

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
    const pii = await t.app.getApplicationContext().getAsync(PiiService);
    service = await t.app.getApplicationContext().getAsync(SubsidyOfferService);
    const withId = async (seq: number): Promise<Who> => {
      const who = await t.user({ profile: studentProfile({ name: `学生${seq}` }) });
      await t.db.model(UserModel).updateOne({ _id: who.doc._id }, { $set: { idNumberHash: pii.hash(residentId(seq)) } });
      return who;
    };
    [zhuang, other, decliner] = await Promise.all([withId(1), withId(2), withId(5)]);
    programId = await createProgram(t, bureau, auto);
    // 1: hired in 庄河市, 6 months paid; 2: in 中山区, 3 months; 3: no insurance; 4: one month; 5: 中山区, 4 months.
    const registry = await t
      .http()
      .post('/api/staff/registry/import?collegeId=dlut')
      .set('Authorization', bureau.auth)
      .attach(
        'file',
        await workbook([
          graduateRow(1, { 单位所在区市县: '庄河市' }),
          graduateRow(2, { 单位所在区市县: '中山区' }),
          graduateRow(3),
          graduateRow(4),
          graduateRow(5, { 单位所在区市县: '中山区' }),
        ]),
        '名单.xlsx',
      );
    expect(registry.body).toMatchObject({ imported: true, created: 5, linked: 3 });
    const insurance = await t
      .http()
      .post('/api/staff/insurance/import')
      .set('Authorization', bureau.auth)
      .attach('file', await insuranceWorkbook([insuranceRow(1, { 累计缴费月数: 6, 参保起始年月: '2026-05' }), insuranceRow(2), insuranceRow(4, { 累计缴费月数: 1, 参保起始年月: '2026-11' }), insuranceRow(5, { 累计缴费月数: 4, 参保起始年月: '2026-07' })]), '社保.xlsx');
    expect(insurance.body).toMatchObject({ imported: true, created: 4 });
  });

  afterAll(async () => {
    await t.close();
  });

  const match = (who: Who, id = programId) => t.http().post(`/api/staff/subsidy/programs/${id}/match`).set('Authorization', who.auth);
  const mine = async (who: Who) => (await t.http().get('/api/subsidy/offers').set('Authorization', who.auth)).body as Array<{ id: string; status: string; amount: number; applicationId?: string }>;
  // Confirming processes the ID number and bank account: the graduate has agreed to the subsidy consent on its sheet.
  const confirm = async (who: Who, id: string, body: object = { ...account, consent: true }) => {
    await giveConsent(t, who, 'subsidy');
    return t.http().post(`/api/subsidy/offers/${id}/confirm`).set('Authorization', who.auth).send(body);
  };
  const counts = async () => ((await t.http().get('/api/staff/subsidy/offers').set('Authorization', bureau.auth)).body as Array<Record<string, unknown>>).find(c => c.programId === programId);

  it('should refuse a 免申即享 program that asks for documents or for facts the records do not hold', async () => {
    const withDocs = await t.http().post('/api/staff/subsidy/programs').set('Authorization', bureau.auth).send({ ...auto, requiredDocuments: ['diploma'] });
    expect(withDocs.status).toBe(422);
    expect(withDocs.body).toMatchObject({ code: 'SUBSIDY_PROGRAM_INVALID', field: 'requiredDocuments' });
    const trainee = await t.http().post('/api/staff/subsidy/programs').set('Authorization', bureau.auth).send({ ...auto, conditions: [{ field: 'traineeMonths', op: 'gte', value: 3 }] });
    expect(trainee.status).toBe(422);
    expect(trainee.body).toMatchObject({ code: 'SUBSIDY_PROGRAM_INVALID', field: 'offerMode' });
    expect(trainee.body.message).toContain('见习月数');
  });

  it('should let only the bureau run a match, and only for a 免申即享 program', async () => {
    expect((await match(zhuang)).status).toBe(403);
    const plain = await createProgram(t, bureau, subsidyProgram({ name: '普通申报项目' }));
    const res = await match(bureau, plain);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SUBSIDY_OFFER_MODE_OFF');
  });

  it('should offer each qualifying graduate once, tell those with an account, and offer no one again on a rerun', async () => {
    const first = await match(bureau);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ scanned: 5, matched: 3, created: 3, notified: 3 });
    const again = await match(bureau);
    expect(again.body).toMatchObject({ scanned: 5, matched: 3, created: 0, notified: 0 });
    expect(await t.db.model(SubsidyOfferModel).countDocuments({ programId })).toBe(3);

    const [offer] = await mine(zhuang);
    expect(offer).toMatchObject({
      status: 'offered',
      amount: 15000,
      message: '你符合测试免申即享就业补贴，约15000元',
      prefill: { employmentDistrict: '210283', employerName: '大连示例科技有限公司', employerUscc: EMPLOYER_A, socialInsuranceMonths: 6 },
    });
    expect((offer as unknown as { sources: string[] }).sources).toEqual([
      '毕业生实名库（大连理工大学，2026届）',
      '高校报送的毕业去向（市场化就业，2026年7月1日）',
      '社保参保记录（2026-05起，累计缴费6个月）',
    ]);
    expect((await mine(other))[0]).toMatchObject({ amount: 8000 });
    const inbox = await t.db.model(DeliveryModel).find({ userId: zhuang.doc._id }).lean();
    expect(inbox.map(d => (d as unknown as { title: string }).title)).toEqual(['你符合测试免申即享就业补贴，约15000元']);
    expect(await counts()).toMatchObject({ offered: 3, confirmed: 0, declined: 0, expired: 0 });
  });

  it('should answer a confirm of another person’s offer 404 and one without consent or with a bad card 422, changing nothing', async () => {
    const [offer] = await mine(zhuang);
    const stranger = await confirm(other, offer.id);
    expect(stranger.status).toBe(404);
    const noConsent = await confirm(zhuang, offer.id, { ...account, consent: false });
    expect(noConsent.status).toBe(422);
    expect(noConsent.body.field).toBe('consent');
    const badCard = await confirm(zhuang, offer.id, { ...account, bankAccount: '6222021500000000124', consent: true });
    expect(badCard.status).toBe(422);
    expect(badCard.body.field).toBe('bankAccount');
    expect((await mine(zhuang))[0].status).toBe('offered');
    expect(await t.db.model(SubsidyApplicationModel).countDocuments({ programId })).toBe(0);
  });

  it('should submit the application from the records on one tap, once however often it is tapped', async () => {
    const [offer] = await mine(zhuang);
    const res = await confirm(zhuang, offer.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'confirmed', applicationId: expect.any(String) });
    const again = await confirm(zhuang, offer.id);
    expect(again.status).toBe(200);
    expect(again.body.applicationId).toBe(res.body.applicationId);
    const app = await t.http().get(`/api/subsidy/applications/${res.body.applicationId}`).set('Authorization', zhuang.auth);
    expect(app.body).toMatchObject({ status: 'reviewing', stage: 'bureau', amount: 15000, form: { employmentDistrict: '210283', socialInsuranceMonths: 6, bankAccount: `***************${account.bankAccount.slice(-4)}` } });
    expect(await t.db.model(SubsidyApplicationModel).countDocuments({ programId })).toBe(1);
    // The rest is the ordinary flow: the bureau approves it like any other.
    expect((await decide(t, bureau, res.body.applicationId, 'approve')).status).toBe(200);
    expect((await match(bureau)).body).toMatchObject({ created: 0 });
    expect(await t.db.model(SubsidyApplicationModel).countDocuments({ programId })).toBe(1);
    expect(await counts()).toMatchObject({ offered: 2, confirmed: 1 });
  });

  it('should close an offer on 不需要 and refuse to confirm it or an expired one with 409', async () => {
    const [offer] = await mine(decliner);
    const declined = await t.http().post(`/api/subsidy/offers/${offer.id}/decline`).set('Authorization', decliner.auth);
    expect(declined.body).toMatchObject({ status: 'declined' });
    const late = await confirm(decliner, offer.id);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('SUBSIDY_OFFER_CLOSED');

    const [open] = await mine(other);
    const clock = service.now;
    service.now = () => new Date(Date.now() + 40 * 86_400_000);
    try {
      const expired = await confirm(other, open.id);
      expect(expired.status).toBe(409);
      expect(expired.body.code).toBe('SUBSIDY_OFFER_EXPIRED');
      expect((await mine(other))[0].status).toBe('expired');
      expect(await counts()).toMatchObject({ offered: 0, confirmed: 1, declined: 1, expired: 1 });
    } finally {
      service.now = clock;
    }
    expect(await t.db.model(SubsidyApplicationModel).countDocuments({ programId })).toBe(1);
  });
});
