import { PiiService } from '../../../server/src/core/pii';
import { DeliveryModel } from '../../../server/src/modules/notice/notice.model';
import { SubsidyOfferModel } from '../../../server/src/modules/subsidy/subsidy-offer.model';
import { SubsidyOfferService } from '../../../server/src/modules/subsidy/subsidy-offer.service';
import { SubsidyMatchRunModel } from '../../../server/src/modules/subsidy/subsidy-match-run.model';
import { MATCH_PAGE, SubsidyMatchService } from '../../../server/src/modules/subsidy/subsidy-match.service';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { GraduateModel } from '../../../server/src/modules/registry/registry.model';
import type { OfferMatchRun } from '../../../server/src/contract/subsidy-offer';
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
  let matches: SubsidyMatchService;
  const account = { bankName: '中国工商银行大连分行', bankAccount: bankCard('622202150000000123') };

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
    const pii = await t.app.getApplicationContext().getAsync(PiiService);
    service = await t.app.getApplicationContext().getAsync(SubsidyOfferService);
    matches = await t.app.getApplicationContext().getAsync(SubsidyMatchService);
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
  const runOf = async (id: string) => (await t.http().get(`/api/staff/subsidy/match-runs/${id}`).set('Authorization', bureau.auth)).body as OfferMatchRun;
  /** Starts a match (answered at once) and waits for the background run to finish. */
  const matchToEnd = async (id = programId): Promise<OfferMatchRun> => {
    const started = await match(bureau, id);
    expect(started.status).toBe(202);
    await matches.settled();
    return runOf(started.body.id);
  };
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

  it('should let only the bureau switch a program to 免申即享, refuse one that asks for documents by name, and audit each change once', async () => {
    const setMode = (who: Who | undefined, id: string, offerMode: unknown) => {
      const req = t.http().put(`/api/staff/subsidy/programs/${id}/offer-mode`);
      return (who ? req.set('Authorization', who.auth) : req).send({ offerMode });
    };
    const manual = await createProgram(t, bureau, { ...auto, name: '测试开关项目', offerMode: 'apply' });
    expect((await setMode(undefined, manual, 'auto')).status).toBe(401);
    expect((await setMode(zhuang, manual, 'auto')).status).toBe(403);
    const bad = await setMode(bureau, manual, 'sometimes');
    expect(bad.status).toBe(422);
    expect(bad.body.field).toBe('offerMode');
    const withDocs = await createProgram(t, bureau, subsidyProgram({ name: '要材料的项目' }));
    const refused = await setMode(bureau, withDocs, 'auto');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'SUBSIDY_PROGRAM_INVALID', field: 'offerMode' });
    expect(refused.body.message).toContain('不能要求上传材料');

    const on = await setMode(bureau, manual, 'auto');
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ id: manual, offerMode: 'auto', name: '测试开关项目' });
    expect((await setMode(bureau, manual, 'auto')).status).toBe(200);
    const listed = (await t.http().get('/api/staff/subsidy/offers').set('Authorization', bureau.auth)).body as Array<{ programId: string }>;
    expect(listed.map(c => c.programId)).toContain(manual);
    expect((await setMode(bureau, manual, 'apply')).body.offerMode).toBe('apply');
    const audit = await t.db.model(AuditModel).find({ targetId: manual, action: 'subsidy.program.offerMode' }).sort({ at: 1 }).lean();
    expect(audit.map(a => [a.from, a.to])).toEqual([
      ['apply', 'auto'],
      ['auto', 'apply'],
    ]);
  });

  it('should let only the bureau run a match, and only for a 免申即享 program', async () => {
    expect((await match(zhuang)).status).toBe(403);
    const plain = await createProgram(t, bureau, subsidyProgram({ name: '普通申报项目' }));
    const res = await match(bureau, plain);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SUBSIDY_OFFER_MODE_OFF');
  });

  it('should offer each qualifying graduate once, tell those with an account, and offer no one again on a rerun', async () => {
    // Answered at once with the run; the match goes on in the background and the run shows how far it got.
    const started = await match(bureau);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ id: expect.any(String), programId, status: 'running', total: 5 });
    await matches.settled();
    const first = await runOf(started.body.id);
    expect(first).toMatchObject({ status: 'done', scanned: 5, matched: 3, created: 3, notified: 3, finishedAt: expect.any(String) });
    expect((await counts())?.lastRun).toMatchObject({ id: started.body.id, status: 'done' });
    const audit = await t.db.model(AuditModel).find({ targetId: programId, action: /^subsidy\.offers\.match/ }).lean();
    expect(audit.map(a => a.action).sort()).toEqual(['subsidy.offers.match', 'subsidy.offers.match.start']);
    const again = await matchToEnd();
    expect(again.id).not.toBe(first.id);
    expect(again).toMatchObject({ status: 'done', scanned: 5, matched: 3, created: 0, notified: 0 });
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
    expect(await matchToEnd()).toMatchObject({ created: 0 });
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
  it('should answer a second start with the run still running, and let another process take over a run whose owner died, without a second offer', async () => {
    const other = await createProgram(t, bureau, { ...auto, name: '测试免申即享就业补贴（接管）' });
    const period = auto.period;
    const now = Date.now();
    // A run another process started and still holds: a start answers that run and starts none.
    const run = await t.db.model(SubsidyMatchRunModel).create({
      programId: other,
      period,
      runningKey: `${other}:${period}`,
      status: 'running',
      actor: { id: bureau.doc._id.toHexString(), roles: ['bureau'], scope: {}, sessionId: 'test' },
      total: 5,
      leaseOwner: 'another-process',
      leaseUntil: new Date(now + 60_000),
      startedAt: new Date(now - 5_000),
    });
    const second = await match(bureau, other);
    expect(second.status).toBe(202);
    expect(second.body).toMatchObject({ id: run._id.toHexString(), status: 'running', scanned: 0 });
    expect(await t.db.model(SubsidyMatchRunModel).countDocuments({ programId: other })).toBe(1);

    // That process wrote graduate 1's offer and died before its checkpoint; its lease runs out.
    const pii = await t.app.getApplicationContext().getAsync(PiiService);
    const hash = pii.hash(residentId(1));
    const record = await t.db.model(GraduateModel).findOne({ idNumberHash: hash }).lean();
    const [template] = await t.db.model(SubsidyOfferModel).find({ programId, idNumberHash: hash }).lean();
    if (!record || !template) throw new Error('fixture missing');
    const { _id: _drop, applicationId: _app, decidedAt: _at, notifiedAt: _told, notifiedRun: _by, ...offerShape } = template;
    await t.db.model(SubsidyOfferModel).create({ ...offerShape, offerKey: `${other}:${period}:${hash}`, programId: other, status: 'offered', runId: run._id });
    await t.db.model(SubsidyMatchRunModel).updateOne({ _id: run._id }, { $set: { leaseUntil: new Date(now - 1_000) } });

    // Looking at the run takes it over; it resumes and finishes, and graduate 1 still has one offer.
    expect((await runOf(run._id.toHexString())).status).toBe('running');
    await matches.settled();
    const done = await runOf(run._id.toHexString());
    expect(done).toMatchObject({ status: 'done', scanned: 5, matched: 3, created: 3, finishedAt: expect.any(String) });
    expect(await t.db.model(SubsidyOfferModel).countDocuments({ programId: other })).toBe(3);
    expect(await t.db.model(SubsidyOfferModel).countDocuments({ programId: other, idNumberHash: hash })).toBe(1);
    expect((await t.db.model(SubsidyMatchRunModel).findById(run._id).lean())?.takeovers).toBe(1);
    // The minute tick finds nothing left to take over.
    expect(await matches.takeOverExpired(new Date())).toBe(0);
  });
  it('should hand a run back at a page boundary when its process stops, and let another look resume it without a second offer', async () => {
    const third = await createProgram(t, bureau, { ...auto, name: '测试免申即享就业补贴（停止）' });
    matches.pageSize = 2;
    try {
      const started = await match(bureau, third);
      expect(started.status).toBe(202);
      await matches.handBack();
      const handed = await t.db.model(SubsidyMatchRunModel).findById(started.body.id).lean();
      expect(handed).toMatchObject({ status: 'running', scanned: 2, leaseUntil: new Date(0) });
      matches.resume();
      expect((await runOf(started.body.id)).status).toBe('running');
      await matches.settled();
      expect(await runOf(started.body.id)).toMatchObject({ status: 'done', scanned: 5, matched: 3, created: 3 });
      expect(await t.db.model(SubsidyOfferModel).countDocuments({ programId: third })).toBe(3);
    } finally {
      matches.pageSize = MATCH_PAGE;
      matches.resume();
    }
  });
});
