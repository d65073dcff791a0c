import ExcelJS from 'exceljs';
import type { InboxItem } from '../../../server/src/contract/notice';
import { PAYMENT_COLUMNS, type PaymentBatchView } from '../../../server/src/contract/subsidy';
import { PushWorker } from '../../../server/src/modules/notice/push.worker';
import { noticeOutboxEntry } from '../../../server/src/modules/notice/notice.outbox';
import { NoticeService } from '../../../server/src/modules/notice/notice.service';
import { subsidyStepNotice } from '../../../server/src/modules/subsidy/subsidy.notice.rules';
import { SubsidyApplicationModel } from '../../../server/src/modules/subsidy/subsidy.model';
import { generatedBatch, createProgram, decide, draftApplication, pdf, studentProfile, subsidyProgram, uploadDocument, type Who } from '../support/factories';
import { FakeWeChatServer } from '../support/fake-wechat';
import { createTestApp, type TestApp } from '../support/test-app';

const TEMPLATE = 'tmpl-subsidy-status';
const PROGRAM = '测试就业补贴（通知）';

async function workbook(rows: Array<Record<string, string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('回盘');
  ws.addRow([PAYMENT_COLUMNS.reference, PAYMENT_COLUMNS.amount, PAYMENT_COLUMNS.result, PAYMENT_COLUMNS.reason]);
  for (const r of rows) ws.addRow([r.reference, r.amount, r.result, r.reason ?? '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('subsidy steps reach the graduate', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_subsidy_notice', secret: 'subsidy_notice_secret' });
  let t: TestApp;
  let programId: string;
  let bureau: Who;
  let dlut: Who;
  let zhuanghe: Who;
  let seq = 0;

  beforeAll(async () => {
    const apiBase = await wx.start();
    wx.defineTemplate(TEMPLATE, ['thing1', 'phrase2', 'thing3']);
    t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase }, notice: { templates: { subsidyStatus: TEMPLATE } } });
    bureau = await t.user({ roles: ['bureau'] });
    dlut = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
    zhuanghe = await t.user({ roles: ['district'], scope: { districtCode: '210283' } });
    programId = await createProgram(t, bureau, subsidyProgram({ name: PROGRAM, amount: { kind: 'fixed', amount: 3000 } }));
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  /** A dlut graduate's application at the college stage; the student holds `credits` subscribe credits. */
  async function submitted(credits = 10) {
    seq += 1;
    const openid = `openid-subsidy-notice-${seq}`;
    const student = await t.user({ profile: studentProfile({ collegeId: 'dlut' }), openid });
    wx.grantSubscribeCredit(openid, TEMPLATE, credits);
    const draft = await draftApplication(t, programId, { student });
    expect((await uploadDocument(t, student, draft.id, 'diploma', pdf(`diploma ${seq}`))).status).toBe(200);
    const res = await t.http().post('/api/subsidy/applications').set('Authorization', student.auth).send({ programId, form: {}, submit: true, consent: true });
    expect(res.body).toMatchObject({ status: 'reviewing', stage: 'college' });
    return { id: draft.id, student, openid };
  }

  const inbox = async (who: Who): Promise<InboxItem[]> => (await t.http().get('/api/inbox?limit=50').set('Authorization', who.auth)).body.items as InboxItem[];
  const cards = async (openid: string) => {
    await (await t.app.getApplicationContext().getAsync(PushWorker)).drain();
    return wx.sent.filter(m => m.touser === openid).map(m => [m.data.phrase2.value, m.data.thing3.value]);
  };

  it('should tell the graduate each stage passed, a return for correction, the approval, the payment and a bank return', async () => {
    const { id, student, openid } = await submitted();
    expect((await decide(t, dlut, id, 'approve')).body.stage).toBe('district');
    expect((await decide(t, zhuanghe, id, 'return', '劳动合同缺少签字页')).body.status).toBe('returned');
    await uploadDocument(t, student, id, 'diploma', pdf('clearer'), 'clear.pdf');
    // A corrected application resumes at the stage that returned it.
    const again = await t.http().post('/api/subsidy/applications').set('Authorization', student.auth).send({ programId, form: {}, submit: true, consent: true });
    expect(again.body).toMatchObject({ status: 'reviewing', stage: 'district' });
    expect((await decide(t, zhuanghe, id, 'approve')).status).toBe(200);
    expect((await decide(t, bureau, id, 'approve')).body.status).toBe('approved');

    // The bank returns the first payment; the second batch pays.
    const first = (await generatedBatch(t, bureau, programId)).body as PaymentBatchView;
    const upload = (batchId: string, data: Buffer) => t.http().post(`/api/staff/subsidy/batches/${batchId}/result`).set('Authorization', bureau.auth).attach('file', data, 'result.xlsx');
    expect((await upload(first.id, await workbook([{ reference: `${id}#1`, amount: 3000, result: '失败', reason: '账户已销户' }]))).status).toBe(200);
    const corrected = await t.http().post(`/api/subsidy/applications/${id}/account`).set('Authorization', student.auth).send({ bankName: '中国银行大连分行', bankAccount: '6222021234567890128' });
    expect(corrected.body.status).toBe('approved');
    const second = (await generatedBatch(t, bureau, programId)).body as PaymentBatchView;
    expect((await upload(second.id, await workbook([{ reference: `${id}#2`, amount: 3000, result: '成功' }]))).status).toBe(200);

    const items = await inbox(student);
    // Each batch is published (公示) before it is paid: the graduate is told with the notice's last day.
    const published = ['subsidy', `补贴发放前公示：${PROGRAM}`, expect.stringMatching(/^你的申请已列入发放前公示（姓名和证件号已隐去部分），公示至\d{4}-\d{2}-\d{2}；期满无异议即发放$/)];
    expect(items.map(i => [i.source, i.title, i.summary])).toEqual(
      [
        ['subsidy', `补贴审核进度：${PROGRAM}`, '你的申请已通过高校核验，进入区市县审核'],
        ['subsidy', `补贴申请需补正：${PROGRAM}`, '区市县审核退回了你的申请，请按意见补正后重新提交：劳动合同缺少签字页'],
        ['subsidy', `补贴审核进度：${PROGRAM}`, '你的申请已通过区市县审核，进入市人社局审批'],
        ['subsidy', `补贴申请已通过：${PROGRAM}`, '你的申请已通过审批，等待发放'],
        published,
        ['subsidy', `请更正收款账户：${PROGRAM}`, '银行退回了本次发放：账户已销户。请在“我的补贴申请”中更正收款账户，更正后列入下一发放批次'],
        published,
        ['subsidy', `补贴已发放：${PROGRAM}`, '补贴 3000 元已发放到你的银行账户，请注意查收'],
      ].reverse(),
    );
    expect(items.every(i => i.page === 'packages/subsidy/pages/applications/index')).toBe(true);
    expect(await cards(openid)).toEqual([
      ['审核中', '已通过高校核验'],
      ['退回补正', '劳动合同缺少签字页'],
      ['审核中', '已通过区市县审核'],
      ['待发放', '审批通过，等待发放'],
      ['公示中', expect.stringMatching(/^公示至\d{4}-\d{2}-\d{2}$/)],
      ['请更正账户', '银行退回：账户已销户'],
      ['公示中', expect.stringMatching(/^公示至\d{4}-\d{2}-\d{2}$/)],
      ['已发放', '补贴3000元已发放'],
    ]);
    expect((await t.db.model(SubsidyApplicationModel).findById(id).lean())?.pendingNotices).toEqual([]);
  });

  it('should tell the rejection once, however often the reviewer retries', async () => {
    const { id, student } = await submitted();
    expect((await decide(t, dlut, id, 'reject', '不符合申领条件')).status).toBe(200);
    expect((await decide(t, dlut, id, 'reject', '不符合申领条件')).status).toBe(409);
    expect((await inbox(student)).map(i => i.title)).toEqual([`补贴申请未通过：${PROGRAM}`]);
  });

  it('should tell once, through the worker, a decision whose process died before telling', async () => {
    const { id, student } = await submitted();
    const doc = await t.db.model(SubsidyApplicationModel).findById(id).lean();
    const at = new Date(Date.now() - 60_000);
    const event = subsidyStepNotice(doc!, { kind: 'stage-passed', stage: 'college', next: 'district' });
    // The decision as the review service writes it, and then the process "dies".
    await t.db.model(SubsidyApplicationModel).updateOne(
      { _id: doc!._id, status: 'reviewing', stage: 'college' },
      {
        $set: { stage: 'district' },
        $push: { timeline: { at, action: 'approved', stage: 'college', actorRole: 'college', actorId: dlut.doc._id.toHexString() }, pendingNotices: noticeOutboxEntry([doc!.applicantId], event, at) },
      },
    );
    expect(await inbox(student)).toEqual([]);
    const notices = await t.app.getApplicationContext().getAsync(NoticeService);
    expect(await notices.drainOutboxes()).toBe(1);
    expect(await notices.drainOutboxes()).toBe(0);
    expect((await inbox(student)).map(i => i.title)).toEqual([`补贴审核进度：${PROGRAM}`]);
    expect((await t.db.model(SubsidyApplicationModel).findById(id).lean())?.pendingNotices).toEqual([]);
  });
});
