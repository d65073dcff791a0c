import ExcelJS from 'exceljs';
import { PAYMENT_COLUMNS, type PaymentBatchView } from '../../../server/src/contract/subsidy';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { EnterpriseModel } from '../../../server/src/modules/enterprise/enterprise.model';
import { SubsidyApplicationModel } from '../../../server/src/modules/subsidy/subsidy.model';
import { FakeWeChatServer } from '../support/fake-wechat';
import {
  createProgram,
  decide as decideAs,
  enterprise as makeEnterprise,
  pdf,
  residentId,
  studentProfile,
  subsidyProgram,
  type Who,
  generatedBatch,
} from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { PushWorker } from '../../../server/src/modules/notice/push.worker';

const TEMPLATE = 'tmpl-subsidy-status';

const hiring = subsidyProgram({
  name: '测试吸纳就业补贴',
  legalBasis: '留连来连行动三',
  applicantKind: 'enterprise',
  requiredDocuments: ['businessLicence'],
  conditions: [
    { field: 'enterpriseSize', op: 'in', value: ['20人以下', '20-99人'] },
    { field: 'socialInsuranceMonths', op: 'gte', value: 3 },
  ],
  amount: { kind: 'perGraduate', amount: 1500, maxGraduates: 20, label: '吸纳就业补贴（示例金额）' },
  workflow: ['district', 'bureau'],
});

const housing = subsidyProgram({
  ...hiring,
  name: '测试住房补贴',
  applicantKind: 'graduate',
  conditions: [{ field: 'employedInDalian', op: 'eq', value: true }],
  amount: { kind: 'fixed', amount: 1000 },
});

const PDF = pdf('business licence scan');
let seq = 0;
const graduate = (name = '王芳') => ({ name, idNumber: residentId('2002-03-04', String(++seq)) });
const account = () => `6222${String(++seq).padStart(15, '0')}`;

describe('enterprise subsidy applications', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_subsidy_enterprise', secret: 'subsidy_secret' });
  let t: TestApp;
  let hiringId: string;
  let housingId: string;
  let bureau: Who;
  let ganjingzi: Who;
  let zhongshan: Who;

  /** An enterprise with `recruiters` recruiter accounts; verified unless told otherwise. */
  const enterprise = (options: Parameters<typeof makeEnterprise>[1] = {}) => makeEnterprise(t, options);

  const save = (who: { auth: string }, body: Record<string, unknown>) =>
    t.http().post('/api/subsidy/enterprise/applications').set('Authorization', who.auth).send({ programId: hiringId, submit: false, ...body });

  const uploadLicence = (who: { auth: string }, id: string, data: Buffer = PDF) =>
    t.http().post(`/api/subsidy/enterprise/applications/${id}/documents?kind=businessLicence`).set('Authorization', who.auth).attach('file', data, 'licence.pdf');

  const decide = (who: Who, id: string, decision: 'approve' | 'return' | 'reject', reason?: string) => decideAs(t, who, id, decision, reason);

  /** An enterprise whose application (two graduates) is submitted and waiting at its district. */
  async function submitted(options: { bankAccount?: string; graduates?: Array<{ name: string; idNumber: string }>; licence?: Buffer; recruiters?: number } = {}) {
    const e = await enterprise({ recruiters: options.recruiters });
    const [r] = e.recruiters;
    const form = { socialInsuranceMonths: 6, graduates: options.graduates ?? [graduate(), graduate('赵雷')], bankName: '招商银行大连分行', bankAccount: options.bankAccount ?? account() };
    const draft = await save(r, { form });
    expect(draft.status).toBe(200);
    expect((await uploadLicence(r, draft.body.id, options.licence)).status).toBe(200);
    const res = await save(r, { form: {}, submit: true, consent: true });
    expect(res.status).toBe(200);
    return { enterprise: e, recruiter: r, id: res.body.id as string, form };
  }

  beforeAll(async () => {
    const apiBase = await wx.start();
    wx.defineTemplate(TEMPLATE, ['thing1', 'phrase2', 'thing3']);
    t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase }, notice: { templates: { subsidyStatus: TEMPLATE } } });
    bureau = await t.user({ roles: ['bureau'] });
    ganjingzi = await t.user({ roles: ['district'], scope: { districtCode: '210211' } });
    zhongshan = await t.user({ roles: ['district'], scope: { districtCode: '210202' } });
    hiringId = await createProgram(t, bureau, hiring);
    housingId = await createProgram(t, bureau, housing);
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  describe('access', () => {
    it('should answer 401 without a token', async () => {
      expect((await t.http().get('/api/subsidy/enterprise/programs')).status).toBe(401);
      expect((await t.http().post('/api/subsidy/enterprise/applications').send({})).status).toBe(401);
    });

    it('should answer 403 to a student on the enterprise routes, and SUBSIDY_APPLICANT_KIND to one applying for an enterprise program', async () => {
      const s = await t.user({ profile: studentProfile() });
      const routed = await save(s, { form: {} });
      expect(routed.status).toBe(403);
      expect(routed.body.code).toBe('FORBIDDEN');
      const res = await t.http().post('/api/subsidy/applications').set('Authorization', s.auth).send({ programId: hiringId, form: {}, submit: false });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('SUBSIDY_APPLICANT_KIND');
    });

    it('should answer SUBSIDY_APPLICANT_KIND to a recruiter applying for a graduate program, and 403 on the graduate routes', async () => {
      const e = await enterprise();
      const res = await save(e.recruiters[0], { programId: housingId, form: {} });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('SUBSIDY_APPLICANT_KIND');
      const graduateRoute = await t.http().post('/api/subsidy/applications').set('Authorization', e.recruiters[0].auth).send({ programId: housingId, form: {}, submit: false });
      expect(graduateRoute.status).toBe(403);
      expect(graduateRoute.body.code).toBe('FORBIDDEN');
    });

    it('should refuse a recruiter whose enterprise is not verified, or who has none, writing nothing', async () => {
      const pending = await enterprise({ status: 'pending' });
      const res = await save(pending.recruiters[0], { form: { socialInsuranceMonths: 6 } });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ENTERPRISE_NOT_VERIFIED');
      expect(res.body.message).toContain('补贴');
      expect(await t.db.model(SubsidyApplicationModel).countDocuments({ applicantId: pending.id })).toBe(0);
      const overview = await t.http().get('/api/subsidy/enterprise/programs').set('Authorization', pending.recruiters[0].auth);
      expect(overview.body.enterprise.status).toBe('pending');
      const lone = await t.user({ roles: ['recruiter'] });
      const none = await save(lone, { form: {} });
      expect(none.status).toBe(409);
      expect(none.body.code).toBe('ENTERPRISE_REQUIRED');
    });

    it('should refuse an enterprise frozen by a complaint, and still show it its applications', async () => {
      const e = await enterprise();
      const draft = await save(e.recruiters[0], { form: { socialInsuranceMonths: 6 } });
      expect(draft.status).toBe(200);
      await t.db.model(EnterpriseModel).updateOne({ _id: e.id }, { $set: { frozenAt: new Date() } });
      const res = await save(e.recruiters[0], { form: { socialInsuranceMonths: 7 } });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ENTERPRISE_FROZEN');
      const mine = await t.http().get(`/api/subsidy/enterprise/applications/${draft.body.id}`).set('Authorization', e.recruiters[0].auth);
      expect(mine.status).toBe(200);
      expect(mine.body.form.socialInsuranceMonths).toBe(6);
    });

    it('should not let recruiters of another enterprise see, change or read the documents of an application', async () => {
      const { id, enterprise: mine } = await submitted();
      const other = await enterprise();
      const stranger = other.recruiters[0];
      expect((await t.http().get(`/api/subsidy/enterprise/applications/${id}`).set('Authorization', stranger.auth)).status).toBe(404);
      const list = await t.http().get('/api/subsidy/enterprise/applications').set('Authorization', stranger.auth);
      expect(list.body.map((a: { id: string }) => a.id)).not.toContain(id);
      expect((await uploadLicence(stranger, id)).status).toBe(404);
      const own = await t.http().get(`/api/subsidy/enterprise/applications/${id}`).set('Authorization', mine.recruiters[0].auth);
      const url = own.body.documents[0].url as string;
      expect((await t.http().get(url).set('Authorization', stranger.auth)).status).toBe(403);
      expect((await t.http().get(url).set('Authorization', mine.recruiters[0].auth)).status).toBe(200);
    });

    it('should not let the district of another area see or decide it', async () => {
      const { id } = await submitted();
      const queue = await t.http().get('/api/staff/subsidy/applications').set('Authorization', zhongshan.auth);
      expect(queue.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
      const detail = await t.http().get(`/api/staff/subsidy/applications/${id}`).set('Authorization', zhongshan.auth);
      expect(detail.status).toBe(403);
      expect(detail.body.code).toBe('OUT_OF_SCOPE');
      const res = await decide(zhongshan, id, 'approve');
      expect(res.status).toBe(403);
      expect((await t.db.model(SubsidyApplicationModel).findById(id).lean())?.stage).toBe('district');
    });
  });

  describe('bad input', () => {
    it('should reject a hired graduate’s wrong ID check digit, naming the row, and keep nothing', async () => {
      const e = await enterprise();
      const good = graduate();
      const wrong = good.idNumber.slice(0, 17) + (good.idNumber[17] === '0' ? '1' : '0');
      const res = await save(e.recruiters[0], { form: { graduates: [graduate(), { name: '钱多', idNumber: wrong }] } });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'ID_NUMBER_INVALID', field: 'form.graduates.1.idNumber' });
      expect(await t.db.model(SubsidyApplicationModel).countDocuments({ applicantId: e.id })).toBe(0);
    });

    it('should reject the same graduate listed twice and a graduate without a name', async () => {
      const e = await enterprise();
      const g = graduate();
      const twice = await save(e.recruiters[0], { form: { graduates: [g, { ...g, name: '另一个名字' }] } });
      expect(twice.status).toBe(422);
      expect(twice.body).toMatchObject({ code: 'SUBSIDY_GRADUATE_DUPLICATE', field: 'form.graduates.1.idNumber' });
      const nameless = await save(e.recruiters[0], { form: { graduates: [{ idNumber: g.idNumber }] } });
      expect(nameless.body).toMatchObject({ code: 'SUBSIDY_FORM_INCOMPLETE', field: 'form.graduates.0.name' });
    });

    it('should refuse to submit without graduates, bank account, consent, documents or eligibility', async () => {
      const e = await enterprise();
      const r = e.recruiters[0];
      const submit = (form: Record<string, unknown>, consent = true) => save(r, { form, submit: true, consent });
      expect((await save(r, { form: { socialInsuranceMonths: 6, bankName: '招商银行', bankAccount: account() } })).status).toBe(200);
      expect((await submit({})).body).toMatchObject({ code: 'SUBSIDY_FORM_INCOMPLETE', field: 'form.graduates' });
      expect((await submit({ graduates: [graduate()], bankAccount: '12ab' })).body.code).toBe('SUBSIDY_BANK_ACCOUNT_INVALID');
      expect((await save(r, { form: { graduates: [graduate()] } })).status).toBe(200);
      expect((await submit({}, false)).body.code).toBe('SUBSIDY_CONSENT_REQUIRED');
      expect((await submit({})).body.code).toBe('SUBSIDY_DOCUMENTS_MISSING');
      const low = await submit({ socialInsuranceMonths: 2 });
      expect(low.status).toBe(422);
      expect(low.body.code).toBe('SUBSIDY_NOT_ELIGIBLE');
      expect(low.body.message).toContain('社保缴纳月数须不少于3个月');
      const large = await enterprise({ size: '500人以上' });
      const big = await save(large.recruiters[0], { form: { socialInsuranceMonths: 6, graduates: [graduate()] } });
      expect(big.body.eligibility).toMatchObject({ outcome: 'ineligible', explanation: '不符合条件：企业规模须为20人以下、20-99人' });
    });
  });

  describe('applying', () => {
    it('should list enterprise programs with the enterprise’s record and eligibility explained', async () => {
      const e = await enterprise();
      const before = await t.http().get('/api/subsidy/enterprise/programs').set('Authorization', e.recruiters[0].auth);
      expect(before.status).toBe(200);
      expect(before.body.enterprise).toMatchObject({ name: e.name, uscc: e.uscc, district: '210211', size: '20-99人', status: 'verified' });
      expect(before.body.programs.map((p: { program: { applicantKind: string } }) => p.program.applicantKind)).not.toContain('graduate');
      const entry = before.body.programs.find((p: { program: { id: string } }) => p.program.id === hiringId);
      expect(entry.fields).toEqual(['enterpriseSize', 'socialInsuranceMonths', 'graduatesHired']);
      expect(entry.eligibility.outcome).toBe('incomplete');
      await save(e.recruiters[0], { form: { socialInsuranceMonths: 4, graduates: [graduate(), graduate()] } });
      const after = await t.http().get('/api/subsidy/enterprise/programs').set('Authorization', e.recruiters[0].auth);
      const now = after.body.programs.find((p: { program: { id: string } }) => p.program.id === hiringId);
      expect(now.eligibility).toMatchObject({ outcome: 'eligible', amount: 3000 });
      expect(now.eligibility.explanation).toContain('企业规模20-99人，社保缴纳4个月，吸纳高校毕业生2名');
    });

    it('should take the enterprise’s data from its record, mask IDs and the account, and let another recruiter continue the draft', async () => {
      const e = await enterprise({ recruiters: 2 });
      const [first, second] = e.recruiters;
      const g = graduate('孙丽');
      const bankAccount = account();
      const draft = await save(first, { form: { socialInsuranceMonths: 6, graduates: [g], bankName: '招商银行大连分行', bankAccount } });
      expect(draft.status).toBe(200);
      expect(draft.body).toMatchObject({ applicantKind: 'enterprise', applicantName: e.name, status: 'draft' });
      expect(draft.body.enterprise).toEqual({ name: e.name, uscc: e.uscc, district: '210211', industry: '信息传输、软件和信息技术服务业', size: '20-99人' });
      expect(draft.body.form.bankAccount).toBe(`${'*'.repeat(bankAccount.length - 4)}${bankAccount.slice(-4)}`);
      const [saved] = draft.body.form.graduates;
      expect(saved.name).toBe('孙丽');
      expect(saved.idNumber).not.toContain(g.idNumber.slice(6, 14));
      const stored = await t.db.model(SubsidyApplicationModel).findById(draft.body.id).lean();
      expect(stored?.applicantId.toHexString()).toBe(e.id.toHexString());
      expect(JSON.stringify(stored)).not.toContain(g.idNumber);
      expect(JSON.stringify(stored)).not.toContain(bankAccount);

      const seen = await t.http().get('/api/subsidy/enterprise/applications').set('Authorization', second.auth);
      expect(seen.body.map((a: { id: string }) => a.id)).toEqual([draft.body.id]);
      const more = await save(second, { form: { graduates: [{ key: saved.key }, graduate('周杰')] } });
      expect(more.body.id).toBe(draft.body.id);
      expect(more.body.form.graduates.map((x: { name: string }) => x.name)).toEqual(['孙丽', '周杰']);
      expect(more.body.form.graduates[0]).toEqual(saved);
      expect(more.body.amount).toBe(3000);
      const stale = await save(first, { form: { graduates: [{ key: 'abcdefabcdef' }] } });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('SUBSIDY_STATE_CHANGED');
    });

    it('should create one application when two recruiters of the same enterprise submit at once', async () => {
      const e = await enterprise({ recruiters: 2 });
      const [first, second] = e.recruiters;
      const form = { socialInsuranceMonths: 6, graduates: [graduate()], bankName: '招商银行', bankAccount: account() };
      const first1 = await save(first, { form });
      await uploadLicence(first, first1.body.id);
      const results = await Promise.all([first, second, first, second].map(r => save(r, { form: {}, submit: true, consent: true })));
      expect(results.map(r => r.status)).toEqual([200, 200, 200, 200]);
      expect(new Set(results.map(r => r.body.id)).size).toBe(1);
      const stored = await t.db.model(SubsidyApplicationModel).find({ applicantId: e.id }).lean();
      expect(stored).toHaveLength(1);
      expect(stored[0].timeline.filter(x => x.action === 'submitted')).toHaveLength(1);
      expect(stored[0]).toMatchObject({ status: 'reviewing', stage: 'district', stages: ['district', 'bureau'] });
    });

    it('should create one application when two recruiters save a first draft at once', async () => {
      const e = await enterprise({ recruiters: 2 });
      const results = await Promise.all([...e.recruiters, ...e.recruiters].map(r => save(r, { form: { socialInsuranceMonths: 5 } })));
      expect(results.every(r => r.status === 200)).toBe(true);
      expect(await t.db.model(SubsidyApplicationModel).countDocuments({ applicantId: e.id })).toBe(1);
    });
  });

  describe('reviewing and paying', () => {
    it('should go district → bureau with audit and flags, pay the enterprise in a batch naming it, and show the recruiters each step', async () => {
      const shared = graduate('吴涛');
      const bankAccount = account();
      const mine = await submitted({ bankAccount, graduates: [shared, graduate()] });
      const rival = await submitted({ bankAccount, graduates: [shared] });

      const queue = await t.http().get('/api/staff/subsidy/applications').set('Authorization', ganjingzi.auth);
      const row = queue.body.items.find((a: { id: string }) => a.id === mine.id);
      expect(row).toMatchObject({ applicantKind: 'enterprise', applicantName: mine.enterprise.name, amount: 3000 });
      const detail = await t.http().get(`/api/staff/subsidy/applications/${mine.id}`).set('Authorization', ganjingzi.auth);
      expect(detail.status).toBe(200);
      expect(detail.body.enterprise.uscc).toBe(mine.enterprise.uscc);
      expect(detail.body.eligibility.explanation).toContain('每名 1500 元 × 2 名');
      const flags = detail.body.flags as Array<{ kind: string; otherApplicationIds?: string[] }>;
      expect(flags.map(f => f.kind)).toEqual(expect.arrayContaining(['sameBankAccount', 'sameIdNumber', 'sameDocument']));
      expect(flags.map(f => f.kind)).not.toContain('employerNotVerified');
      expect(flags.find(f => f.kind === 'sameIdNumber')?.otherApplicationIds).toEqual([rival.id]);

      expect((await decide(ganjingzi, mine.id, 'approve')).body.stage).toBe('bureau');
      const done = await decide(bureau, mine.id, 'approve');
      expect(done.body).toMatchObject({ status: 'approved', amount: 3000 });
      const audits = await t.db.model(AuditModel).find({ targetId: mine.id }).lean();
      expect(audits.map(a => a.to).sort()).toEqual(['approved', 'reviewing:bureau']);

      const other = mine.enterprise.recruiters[0];
      const seen = await t.http().get(`/api/subsidy/enterprise/applications/${mine.id}`).set('Authorization', other.auth);
      expect(seen.body.timeline.map((e: { action: string; stage?: string }) => `${e.action}${e.stage ? `:${e.stage}` : ''}`)).toEqual([
        'saved',
        'submitted',
        'approved:district',
        'approved:bureau',
      ]);

      const batch = await generatedBatch(t, bureau, hiringId);
      expect(batch.status).toBe(200);
      const line = (batch.body as PaymentBatchView).lines.find(l => l.applicationId === mine.id);
      expect(line).toMatchObject({ name: mine.enterprise.name, amount: 3000 });
      const file = await t.http().get(`/api/staff/subsidy/batches/${batch.body.id}/export`).set('Authorization', bureau.auth).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.body as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0];
      const header = (sheet.getRow(1).values as unknown[]).map(v => String(v ?? ''));
      const cell = (r: number, column: string) => String(sheet.getRow(r).getCell(header.indexOf(column)).value ?? '');
      const r = [...Array(sheet.rowCount).keys()].map(i => i + 1).find(i => cell(i, PAYMENT_COLUMNS.reference) === `${mine.id}#1`) ?? 0;
      expect(cell(r, PAYMENT_COLUMNS.name)).toBe(mine.enterprise.name);
      expect(cell(r, PAYMENT_COLUMNS.idType)).toBe('统一社会信用代码');
      expect(cell(r, PAYMENT_COLUMNS.idNumber)).toBe(mine.enterprise.uscc);
      expect(cell(r, PAYMENT_COLUMNS.bankAccount)).toBe(bankAccount);

      // The bank returns the payment; any recruiter of the enterprise corrects the corporate account.
      sheet.getRow(r).getCell(header.indexOf(PAYMENT_COLUMNS.result)).value = '失败';
      sheet.getRow(r).getCell(header.indexOf(PAYMENT_COLUMNS.reason)).value = '账户已销户';
      const returned = await t.http().post(`/api/staff/subsidy/batches/${batch.body.id}/result`).set('Authorization', bureau.auth).attach('file', Buffer.from(await wb.xlsx.writeBuffer()), 'result.xlsx');
      expect(returned.body).toMatchObject({ failed: 1 });
      const fix = (who: Who, body: object) => t.http().post(`/api/subsidy/enterprise/applications/${mine.id}/account`).set('Authorization', who.auth).send(body);
      expect((await fix(other, { bankName: '中国银行大连分行', bankAccount: '12345' })).body).toMatchObject({ code: 'SUBSIDY_BANK_ACCOUNT_INVALID', field: 'bankAccount' });
      const fixed = await fix(other, { bankName: '中国银行大连分行', bankAccount: '216000123456789012' });
      expect(fixed.body).toMatchObject({ status: 'approved', form: { bankName: '中国银行大连分行', bankAccount: '**************9012' } });
      expect((await t.http().post(`/api/subsidy/applications/${mine.id}/account`).set('Authorization', other.auth).send({ bankName: 'x', bankAccount: '1' })).status).toBe(403);
    });

    it('should tell every recruiter of the enterprise of each step, once', async () => {
      const { id, enterprise: e } = await submitted({ recruiters: 2, licence: Buffer.concat([PDF, Buffer.from(`notice ${++seq}`)]) });
      const openids = e.recruiters.map(r => r.doc.openid as string);
      for (const openid of openids) wx.grantSubscribeCredit(openid, TEMPLATE, 2);
      const sentNow = async () => {
        await (await t.app.getApplicationContext().getAsync(PushWorker)).drain();
        return wx.sent.filter(m => openids.includes(m.touser));
      };
      await decide(ganjingzi, id, 'approve');
      const passed = await sentNow();
      expect(passed.map(m => m.touser).sort()).toEqual([...openids].sort());
      expect(passed.map(m => m.data.phrase2.value)).toEqual(['审核中', '审核中']);
      await decide(bureau, id, 'approve');
      expect((await decide(bureau, id, 'approve')).status).toBe(409);
      const sent = (await sentNow()).slice(2);
      expect(sent.map(m => m.touser).sort()).toEqual([...openids].sort());
      for (const m of sent) {
        expect(m.page).toMatch(/^packages\/subsidy\/pages\/enterprise-applications\/index\?n=[0-9a-f]{24}$/);
        expect(m.data.phrase2.value).toBe('待发放');
      }
      const inbox = await t.http().get('/api/inbox').set('Authorization', e.recruiters[0].auth);
      expect(inbox.body.items.map((i: { title: string }) => i.title)).toEqual([
        expect.stringMatching(/^.+补贴待发放：/),
        expect.stringMatching(/^.+补贴审核中：/),
      ]);
      expect(inbox.body.items[1].summary).toBe('贵单位的申请已通过区市县审核，进入市人社局审批');
    });

    it('should flag an enterprise that is no longer verified', async () => {
      const { id, enterprise: e } = await submitted({ licence: Buffer.concat([PDF, Buffer.from(`unique ${++seq}`)]) });
      await t.db.model(EnterpriseModel).updateOne({ _id: e.id }, { $set: { status: 'rejected' } });
      const detail = await t.http().get(`/api/staff/subsidy/applications/${id}`).set('Authorization', ganjingzi.auth);
      expect(detail.body.flags.map((f: { kind: string }) => f.kind)).toEqual(['employerNotVerified']);
    });

    it('should take a returned application back from any recruiter of the enterprise at the same step', async () => {
      const { id, enterprise: e } = await submitted();
      await decide(ganjingzi, id, 'return', '营业执照不清晰');
      const other = await t.user({ roles: ['recruiter'] });
      await t.db.model(EnterpriseModel).updateOne({ _id: e.id }, { $addToSet: { recruiterIds: other.doc._id } });
      const seen = await t.http().get(`/api/subsidy/enterprise/applications/${id}`).set('Authorization', other.auth);
      expect(seen.body.timeline.at(-1)).toMatchObject({ action: 'returned', stage: 'district', reason: '营业执照不清晰' });
      // One document per kind: the clear copy replaces the unclear one.
      const replaced = (await uploadLicence(other, id, pdf('business licence, clear copy'))).body.documents;
      expect(replaced.map((d: { kind: string; size: number }) => d.kind)).toEqual(['businessLicence']);
      const again = await save(other, { form: {}, submit: true, consent: true });
      expect(again.body).toMatchObject({ id, status: 'reviewing', stage: 'district' });
      expect(again.body.timeline.at(-1).action).toBe('resubmitted');
    });
  });
});
