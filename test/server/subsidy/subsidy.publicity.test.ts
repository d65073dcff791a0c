import ExcelJS from 'exceljs';
import type { InboxItem } from '../../../server/src/contract/notice';
import { PAYMENT_COLUMNS, type PaymentBatchView } from '../../../server/src/contract/subsidy';
import { Types } from 'mongoose';
import type { Page } from '../../../server/src/contract/common';
import type { ObjectionStaffView, ObjectionView, PublicityEntry, PublicityNoticeView, StaffNoticeView } from '../../../server/src/contract/subsidy-publicity';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { ComplaintModel } from '../../../server/src/modules/complaint/complaint.model';
import { PaymentBatchModel } from '../../../server/src/modules/subsidy/subsidy-batch.model';
import { ObjectionModel } from '../../../server/src/modules/subsidy/subsidy-publicity.model';
import { PaymentAttemptModel } from '../../../server/src/modules/subsidy/subsidy-stages.model';
import { SubsidyApplicationModel } from '../../../server/src/modules/subsidy/subsidy.model';
import { png } from '../support/files';
import { approveThrough, createProgram, studentProfile, submittedApplication, subsidyProgram, unpublishedBatch, type Who } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const program = subsidyProgram({
  name: '测试公示补贴',
  legalBasis: '留连来连行动七',
  requiredDocuments: [],
  conditions: [{ field: 'hardship', op: 'eq', value: true }],
  amount: { kind: 'fixed', amount: 2000 },
  workflow: ['bureau'],
});

async function workbook(rows: Array<{ reference: string; amount: number }>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('回盘');
  ws.addRow([PAYMENT_COLUMNS.reference, PAYMENT_COLUMNS.amount, PAYMENT_COLUMNS.result]);
  for (const r of rows) ws.addRow([r.reference, r.amount, '成功']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('subsidy 公示 before payment', () => {
  let t: TestApp;
  let bureau: Who;
  let programId: string;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
    programId = await createProgram(t, bureau, program);
  });

  afterAll(async () => {
    await t.close();
  });

  async function approved(name: string) {
    const app = await submittedApplication(t, programId, {
      profile: studentProfile({ name, collegeId: undefined, schoolName: '沈阳某大学', originCity: '沈阳市' }),
      form: { employmentDistrict: '210211', hardship: true, bankName: '中国建设银行' },
    });
    expect((await approveThrough(t, app.id, [bureau])).status).toBe('approved');
    seq += 1;
    return app;
  }

  const post = (path: string, who: Who, body?: object) => t.http().post(path).set('Authorization', who.auth).send(body);
  const publish = (batchId: string, who = bureau) => post(`/api/staff/subsidy/batches/${batchId}/publicity`, who);
  const object = (batchId: string, who: Who, applicationId: string, patch: object = {}) =>
    post(`/api/subsidy-notices/${batchId}/objections`, who, { applicationId, reason: '据我所知此人并未在大连就业，社保由中介代缴', phone: '13912345678', ...patch });
  const decideObjection = (id: string, decision: string, reason = '经核实，劳动合同与社保缴费记录一致') => post(`/api/staff/subsidy/objections/${id}/decision`, bureau, { decision, reason });
  const exportFile = (batchId: string) =>
    t.http().get(`/api/staff/subsidy/batches/${batchId}/export`).set('Authorization', bureau.auth).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  const importResult = (batchId: string, data: Buffer) => t.http().post(`/api/staff/subsidy/batches/${batchId}/result`).set('Authorization', bureau.auth).attach('file', data, 'result.xlsx');
  const endNotice = (batchId: string) => t.db.model(PaymentBatchModel).updateOne({ _id: batchId }, { $set: { 'publicity.endsAt': new Date(Date.now() - 1000) } });
  const inbox = async (who: Who): Promise<InboxItem[]> => (await t.http().get('/api/inbox?limit=50').set('Authorization', who.auth)).body.items as InboxItem[];
  const timeline = async (id: string) => ((await t.db.model(SubsidyApplicationModel).findById(id).lean())?.timeline ?? []).map(e => e.action);

  it('should refuse payment before and during the notice, publish once, and show everyone a masked list', async () => {
    const a = await approved('赵小雪');
    const b = await approved('钱多多');
    const created = await unpublishedBatch(t, bureau, programId);
    expect(created.status).toBe(200);
    const batch = created.body as PaymentBatchView;
    expect(batch.publicity).toBeUndefined();

    const before = await exportFile(batch.id);
    expect([before.status, JSON.parse(before.body.toString()).code]).toEqual([409, 'SUBSIDY_NOTICE_REQUIRED']);
    const early = await importResult(batch.id, await workbook(batch.lines.map(l => ({ reference: l.key, amount: l.amount }))));
    expect([early.status, early.body.code]).toEqual([409, 'SUBSIDY_NOTICE_REQUIRED']);

    const student = await t.user();
    expect((await publish(batch.id, student)).status).toBe(403);
    expect((await t.http().get('/api/subsidy-notices')).status).toBe(401);

    const [first, again] = [await publish(batch.id), await publish(batch.id)];
    expect(first.status).toBe(200);
    expect(first.body.publicity).toMatchObject({ workingDays: 5, running: true, openObjections: 0 });
    expect(again.body.publicity).toEqual(first.body.publicity);
    expect(await t.db.model(AuditModel).countDocuments({ action: 'subsidy.batch.publish', targetId: batch.id })).toBe(1);
    expect((await timeline(a.id)).filter(x => x === 'published')).toHaveLength(1);
    expect((await inbox(a.student)).map(i => i.title)).toContain('补贴发放前公示：测试公示补贴');

    const running = await exportFile(batch.id);
    expect([running.status, JSON.parse(running.body.toString()).code]).toEqual([409, 'SUBSIDY_NOTICE_RUNNING']);

    // Any role reads it: names and ID numbers masked, program and amount shown.
    const recruiter = await t.user({ roles: ['recruiter'] });
    const list = await t.http().get('/api/subsidy-notices').set('Authorization', recruiter.auth);
    expect(list.status).toBe(200);
    const notice = (list.body as PublicityNoticeView[]).find(n => n.id === batch.id);
    expect(notice).toMatchObject({ open: true, workingDays: 5, lastDay: first.body.publicity.lastDay, counts: { total: 2, held: 0 }, programs: ['测试公示补贴'] });
    const page = await t.http().get(`/api/subsidy-notices/${batch.id}/entries`).set('Authorization', recruiter.auth);
    expect(page.status).toBe(200);
    const entries = (page.body as Page<PublicityEntry>).items;
    const entry = entries.find(e => e.applicationId === a.id);
    expect(entry).toMatchObject({ name: '赵*雪', programName: '测试公示补贴', amount: 2000, held: false });
    expect(entry?.idNumber).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    expect(entries.find(e => e.applicationId === b.id)?.name).toBe('钱*多');
    expect(JSON.stringify(page.body)).not.toContain('赵小雪');
    expect(JSON.stringify(page.body)).not.toContain(a.form.idNumber);
  });

  it('should take one objection per person while the notice runs, hold the line, and refuse payment of it', async () => {
    const a = await approved('孙一鸣');
    const b = await approved('李二');
    const batch = (await unpublishedBatch(t, bureau, programId)).body as PaymentBatchView;
    expect((await publish(batch.id)).status).toBe(200);
    const objector = await t.user({ roles: ['recruiter'] });
    const late = await t.user();

    const bad = await object(batch.id, objector, a.id, { phone: '12' });
    expect([bad.status, bad.body.code, bad.body.field]).toEqual([422, 'PHONE_INVALID', 'phone']);
    const stranger = await object(batch.id, objector, '0123456789abcdef01234567');
    expect([stranger.status, stranger.body.code, stranger.body.field]).toEqual([422, 'SUBSIDY_NOTICE_NOT_LISTED', 'applicationId']);
    expect(await t.db.model(ObjectionModel).countDocuments({ batchId: batch.id })).toBe(0);

    const filed = await object(batch.id, objector, a.id);
    expect(filed.status).toBe(200);
    const objection = filed.body as ObjectionView;
    expect(objection).toMatchObject({ status: 'open', entry: { name: '孙*鸣', amount: 2000 }, evidenceCount: 0 });
    // A retry, even reworded, is the same objection and the same complaint.
    const retried = await object(batch.id, objector, a.id, { reason: '再次提交：此人并未在大连就业，请核实' });
    expect(retried.body.id).toBe(objection.id);
    expect(await t.db.model(ComplaintModel).countDocuments({ category: 'publicity-objection', subsidyApplicationId: a.id })).toBe(1);

    const evidence = await t.http().post(`/api/subsidy-notices/objections/${objection.id}/evidence`).set('Authorization', objector.auth).attach('file', png(7), 'proof.png');
    expect([evidence.status, evidence.body.evidenceCount]).toEqual([200, 1]);
    expect((await t.http().get('/api/subsidy-notices/objections').set('Authorization', objector.auth)).body).toEqual([expect.objectContaining({ id: objection.id, evidenceCount: 1 })]);

    const view = (await t.http().get(`/api/staff/subsidy/batches/${batch.id}`).set('Authorization', bureau.auth)).body as PaymentBatchView;
    expect(view.publicity?.openObjections).toBe(1);
    expect(view.lines.find(l => l.applicationId === a.id)?.held).toBe(true);
    expect(await timeline(a.id)).toContain('objected');
    expect((await inbox(a.student)).map(i => i.title)).toContain('公示期间收到异议：测试公示补贴');

    // The complaint is decided on the notice page, not through the complaint desk.
    const desk = await post(`/api/staff/complaints/${objection.complaintId}/investigate`, bureau);
    expect([desk.status, desk.body.code]).toEqual([409, 'COMPLAINT_DECIDED_ON_NOTICE']);

    await endNotice(batch.id);
    const closed = await object(batch.id, late, b.id);
    expect([closed.status, closed.body.code, closed.body.field]).toEqual([409, 'SUBSIDY_NOTICE_CLOSED', 'applicationId']);
    expect(await t.db.model(ComplaintModel).countDocuments({ complainantId: late.doc._id })).toBe(0);

    // The bank file leaves the held line out; a result naming it is refused whole.
    const file = await exportFile(batch.id);
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    const refs = wb.worksheets[0].getColumn(1).values.slice(2).map(String);
    const lineOf = (id: string) => batch.lines.find(l => l.applicationId === id)!;
    expect(refs).toEqual([lineOf(b.id).key]);
    const held = await importResult(batch.id, await workbook([lineOf(a.id), lineOf(b.id)].map(l => ({ reference: l.key, amount: l.amount }))));
    expect([held.status, held.body.code, held.body.field]).toEqual([409, 'SUBSIDY_OBJECTION_OPEN', 'file']);
    expect((await t.db.model(SubsidyApplicationModel).findById(b.id).lean())?.status).toBe('paying');

    // Dismissed (reason required; the same decision again is a retry; another one is refused): the line is paid with the batch.
    const noReason = await decideObjection(objection.id, 'dismiss', ' ');
    expect([noReason.status, noReason.body.field]).toEqual([422, 'reason']);
    const dismissed = await decideObjection(objection.id, 'dismiss');
    expect(dismissed.status).toBe(200);
    expect((dismissed.body as ObjectionStaffView).status).toBe('dismissed');
    expect((await decideObjection(objection.id, 'dismiss')).status).toBe(200);
    const flip = await decideObjection(objection.id, 'uphold');
    expect([flip.status, flip.body.code]).toEqual([409, 'SUBSIDY_OBJECTION_DECIDED']);
    expect(await t.db.model(AuditModel).countDocuments({ action: 'subsidy.objection.decide', targetId: a.id })).toBe(1);
    expect((await timeline(a.id)).filter(x => x === 'objectionDismissed')).toHaveLength(1);
    expect((await t.db.model(ComplaintModel).findById(objection.complaintId).lean())?.status).toBe('rejected');
    expect((await t.http().get('/api/subsidy-notices/objections').set('Authorization', objector.auth)).body[0]).toMatchObject({ status: 'dismissed', decisionReason: '经核实，劳动合同与社保缴费记录一致' });

    const paid = await importResult(batch.id, await workbook([lineOf(a.id), lineOf(b.id)].map(l => ({ reference: l.key, amount: l.amount }))));
    expect([paid.status, paid.body.paid, paid.body.batch.status]).toEqual([200, 2, 'settled']);
  });

  it('should take an application with an upheld objection out of its batch, rejected with the reason', async () => {
    const c = await approved('周正');
    const d = await approved('吴用心');
    const batch = (await unpublishedBatch(t, bureau, programId)).body as PaymentBatchView;
    expect((await publish(batch.id)).status).toBe(200);
    const [one, two] = [await t.user(), await t.user({ roles: ['recruiter'] })];
    const first = (await object(batch.id, one, c.id)).body as ObjectionView;
    const second = (await object(batch.id, two, c.id)).body as ObjectionView;

    const staff = (await t.http().get('/api/staff/subsidy/notices').set('Authorization', bureau.auth)).body as StaffNoticeView[];
    const mine = staff.find(n => n.id === batch.id);
    expect(mine?.objections.map(o => [o.id, o.applicantName, o.phone, o.reason.slice(0, 4)])).toEqual([
      [first.id, '周正', '139****5678', '据我所知'],
      [second.id, '周正', '139****5678', '据我所知'],
    ]);

    const upheld = await decideObjection(first.id, 'uphold', '经核实，申请人未在本市缴纳社保');
    expect([upheld.status, upheld.body.status]).toEqual([200, 'upheld']);
    const app = await t.db.model(SubsidyApplicationModel).findById(c.id).lean();
    expect(app?.status).toBe('rejected');
    expect(app?.batchId).toBeUndefined();
    expect(app?.timeline.at(-1)).toMatchObject({ action: 'objectionUpheld', reason: '经核实，申请人未在本市缴纳社保' });
    // Every objection to it is settled with it.
    expect((await t.db.model(ObjectionModel).findById(second.id).lean())?.status).toBe('upheld');
    const after = (await t.http().get(`/api/staff/subsidy/batches/${batch.id}`).set('Authorization', bureau.auth)).body as PaymentBatchView;
    expect(after.lines.map(l => l.applicationId)).toEqual([d.id]);
    expect(await t.db.model(PaymentAttemptModel).countDocuments({ applicationId: c.id })).toBe(0);
    expect((await inbox(c.student)).map(i => i.title)).toContain('公示异议成立：测试公示补贴');
    // A retry changes nothing more.
    expect((await decideObjection(first.id, 'uphold', '经核实，申请人未在本市缴纳社保')).status).toBe(200);
    expect((await t.db.model(SubsidyApplicationModel).findById(c.id).lean())?.timeline.filter(e => e.action === 'objectionUpheld')).toHaveLength(1);
  });

  it('should page a notice of thousands a page at a time, let a person find their own line by full name, and keep ended notices to the bureau', async () => {
    const a = await approved('冯晓岚');
    const batch = (await unpublishedBatch(t, bureau, programId)).body as PaymentBatchView;
    expect((await publish(batch.id)).status).toBe(200);
    // The other 129 lines stand for applications this test need not make whole: paging reads the batch's lines
    // (masking of a real application is checked on 冯晓岚's). Ids after hers, so the line order is the id order.
    const extra = Array.from({ length: 129 }, (_, i) => {
      const applicationId = new Types.ObjectId();
      return { applicationId, key: `${applicationId.toHexString()}#1`, name: `测试${String(i).padStart(3, '0')}号`, programName: i % 3 === 0 ? '另一补贴' : '测试公示补贴', bankAccountMasked: '****0001', amount: 1000, status: 'pending' };
    });
    await t.db.model(PaymentBatchModel).updateOne({ _id: batch.id }, { $push: { lines: { $each: extra } } });
    const lineOrder = [a.id, ...extra.map(l => l.applicationId.toHexString())];

    const reader = await t.user();
    const get = (path: string, who: Who = reader) => t.http().get(path).set('Authorization', who.auth);
    const entries = (query: string, who: Who = reader) => get(`/api/subsidy-notices/${batch.id}/entries?${query}`, who);
    expect((await t.http().get(`/api/subsidy-notices/${batch.id}/entries`)).status).toBe(401);

    // The list carries counts, not the 130 entries.
    const list = await get('/api/subsidy-notices');
    const summary = (list.body as PublicityNoticeView[]).find(n => n.id === batch.id);
    expect(summary).toMatchObject({ counts: { total: 130, held: 0 }, programs: ['测试公示补贴', '另一补贴'] });
    expect(JSON.stringify(list.body)).not.toContain(a.id);

    // Pages of 50 in the batch's line order: no gap, no repeat.
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await entries(`limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      const body = page.body as Page<PublicityEntry>;
      seen.push(...body.items.map(e => e.applicationId));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(lineOrder);
    expect((await entries('limit=51')).status).toBe(422);

    // The full name finds one's own line (masked as ever); part of a name finds nothing.
    const hit = await entries(`name=${encodeURIComponent(' 冯晓岚 ')}`);
    expect((hit.body as Page<PublicityEntry>).items).toEqual([expect.objectContaining({ applicationId: a.id, name: '冯*岚', programName: '测试公示补贴' })]);
    expect(JSON.stringify(hit.body)).not.toContain('冯晓岚');
    expect((await entries(`name=${encodeURIComponent('冯晓')}`)).body).toEqual({ items: [] });
    const tooLong = await entries(`name=${encodeURIComponent('冯'.repeat(31))}`);
    expect([tooLong.status, tooLong.body.field]).toEqual([422, 'name']);
    const other = (await entries(`program=${encodeURIComponent('另一补贴')}&limit=50`)).body as Page<PublicityEntry>;
    expect(other.items).toHaveLength(43);
    expect(other.items.every(e => e.programName === '另一补贴')).toBe(true);

    // A cursor is signed and bound to its notice.
    const first = (await entries('limit=10')).body as Page<PublicityEntry>;
    const forged = `${first.nextCursor!.slice(0, -1)}${first.nextCursor!.endsWith('A') ? 'B' : 'A'}`;
    const tampered = await entries(`cursor=${encodeURIComponent(forged)}`);
    expect([tampered.status, tampered.body.code]).toEqual([400, 'CURSOR_INVALID']);

    // An objection holds a line: the counts say so, and the user picks the line found by name.
    expect((await object(batch.id, reader, a.id)).status).toBe(200);
    expect(((await get('/api/subsidy-notices')).body as PublicityNoticeView[]).find(n => n.id === batch.id)?.counts).toEqual({ total: 130, held: 1 });
    expect((await entries(`name=${encodeURIComponent('冯晓岚')}`)).body.items[0].held).toBe(true);

    // Once ended: gone for the public, still there for the bureau.
    await endNotice(batch.id);
    const ended = await entries('limit=5');
    expect([ended.status, ended.body.code]).toEqual([404, 'NOT_FOUND']);
    expect((await get(`/api/staff/subsidy/notices/${batch.id}/entries?limit=5`)).status).toBe(403);
    const staffPage = await get(`/api/staff/subsidy/notices/${batch.id}/entries?limit=50`, bureau);
    expect(staffPage.status).toBe(200);
    expect((staffPage.body as Page<PublicityEntry>).items[0]).toMatchObject({ applicationId: a.id, name: '冯*岚' });
    const staffList = ((await get('/api/staff/subsidy/notices', bureau)).body as StaffNoticeView[]).find(n => n.id === batch.id);
    expect(staffList).toMatchObject({ open: false, counts: { total: 130, held: 1 } });
    expect(staffList).not.toHaveProperty('entries');
    expect((await get(`/api/staff/subsidy/notices/0123456789abcdef01234567/entries`, bureau)).status).toBe(404);
  });

  it('should keep the notice length as data the bureau edits, within 1 to 30 working days', async () => {
    const put = (publicityWorkingDays: number) => t.http().put('/api/staff/subsidy/schedule').set('Authorization', bureau.auth).send({ daysOfMonth: [10, 25], bankWorkingDays: 3, publicityWorkingDays });
    const bad = await put(0);
    expect([bad.status, bad.body.code, bad.body.field]).toEqual([422, 'SUBSIDY_SCHEDULE_INVALID', 'publicityWorkingDays']);
    expect((await put(7)).body.publicityWorkingDays).toBe(7);
    await approved('郑七');
    const batch = (await unpublishedBatch(t, bureau, programId)).body as PaymentBatchView;
    expect((await publish(batch.id)).body.publicity.workingDays).toBe(7);
    expect(seq).toBeGreaterThan(0);
  });
});
