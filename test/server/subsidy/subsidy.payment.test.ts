import ExcelJS from 'exceljs';
import type { PaymentBatchView } from '../../../server/src/contract/subsidy';
import { PAYMENT_COLUMNS } from '../../../server/src/contract/subsidy';
import { beijingDay } from '../../../server/src/contract/time';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { Types } from 'mongoose';
import { SubsidyApplicationModel } from '../../../server/src/modules/subsidy/subsidy.model';
import { PaymentAttemptModel } from '../../../server/src/modules/subsidy/subsidy-stages.model';
import { generatedBatch, noticeRun, approveThrough, createProgram, studentProfile, submittedApplication, subsidyProgram, type Who } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const jobSearch = subsidyProgram({
  name: '测试求职补贴',
  legalBasis: '留连来连行动七',
  requiredDocuments: [],
  conditions: [{ field: 'hardship', op: 'eq', value: true }],
  amount: { kind: 'fixed', amount: 1500, label: '示例金额' },
  workflow: ['bureau'],
});

const profile = studentProfile({
  name: '赵雪',
  collegeId: undefined,
  schoolName: '沈阳某大学',
  doubleFirstClass: false,
  major: '会计',
  originCity: '沈阳市',
});

async function workbook(rows: Array<Record<string, string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('回盘');
  ws.addRow([PAYMENT_COLUMNS.reference, PAYMENT_COLUMNS.amount, PAYMENT_COLUMNS.result, PAYMENT_COLUMNS.reason]);
  for (const r of rows) ws.addRow([r.reference, r.amount, r.result, r.reason ?? '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('subsidy payment batches', () => {
  let t: TestApp;
  let bureau: Who;
  let programId: string;

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
    programId = await createProgram(t, bureau, jobSearch);
  });

  afterAll(async () => {
    await t.close();
  });

  /** A hardship graduate's application, approved by the bureau and waiting for payment. */
  async function approved() {
    const app = await submittedApplication(t, programId, { profile, form: { employmentDistrict: '210211', hardship: true, bankName: '中国建设银行' } });
    expect((await approveThrough(t, app.id, [bureau])).status).toBe('approved');
    return { student: app.student, id: app.id, bankAccount: app.form.bankAccount };
  }

  const upload = (batchId: string, data: Buffer, name = 'result.xlsx') =>
    t.http().post(`/api/staff/subsidy/batches/${batchId}/result`).set('Authorization', bureau.auth).attach('file', data, name);

  it('should answer 401 without a token and 403 to college and district staff', async () => {
    expect((await t.http().post('/api/staff/subsidy/batches')).status).toBe(401);
    expect((await t.http().post('/api/staff/subsidy/batches/preview')).status).toBe(401);
    const college = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
    const district = await t.user({ roles: ['district'], scope: { districtCode: '210211' } });
    expect((await t.http().post('/api/staff/subsidy/batches').set('Authorization', college.auth).send({})).status).toBe(403);
    expect((await t.http().get('/api/staff/subsidy/batches').set('Authorization', district.auth)).status).toBe(403);
    expect((await t.http().post('/api/staff/subsidy/batches/preview').set('Authorization', district.auth).send({})).status).toBe(403);
  });

  it('should refuse to generate a batch without the key of a preview', async () => {
    const res = await t.http().post('/api/staff/subsidy/batches').set('Authorization', bureau.auth).send({});
    expect(res.status).toBe(422);
    expect(res.body.field).toBe('previewKey');
  });

  it('should answer 409 when nothing is waiting for payment', async () => {
    const res = await generatedBatch(t, bureau);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SUBSIDY_BATCH_EMPTY');
  });

  it('should preview what a batch would pay, by program and district, and what waits outside it and why', async () => {
    const apps = [await approved(), await approved()];
    // One approved application has lost its account (an old record): it waits, and the preview says why.
    const [noAccount] = [await approved()];
    await t.db.model(SubsidyApplicationModel).updateOne({ _id: noAccount.id }, { $unset: { bankAccountEnc: 1, bankAccountHash: 1 } });
    const preview = await t.http().post('/api/staff/subsidy/batches/preview').set('Authorization', bureau.auth).send({ programId });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      programId,
      count: 2,
      total: 3000,
      byProgram: [{ key: programId, name: '测试求职补贴', count: 2, total: 3000 }],
      // This program's form does not ask where the graduate works.
      byDistrict: [{ key: '', name: '未填写就业地区', count: 2, total: 3000 }],
      excluded: [{ reason: 'noAccount', label: expect.stringContaining('缺少收款账户'), count: 1, total: 1500 }],
      limit: 2000,
    });
    expect(preview.body.previewKey).toMatch(/^[0-9a-f]{32}$/);
    // A preview changes nothing.
    expect(await t.db.model(SubsidyApplicationModel).countDocuments({ _id: { $in: apps.map(a => a.id) }, status: 'approved' })).toBe(2);

    // An approval after the preview: the confirmation of the old preview is refused, nothing is claimed.
    const late = await approved();
    const stale = await t.http().post('/api/staff/subsidy/batches').set('Authorization', bureau.auth).send({ programId, previewKey: preview.body.previewKey });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'SUBSIDY_BATCH_PREVIEW_STALE', field: 'previewKey' });
    expect(await t.db.model(SubsidyApplicationModel).countDocuments({ _id: { $in: [...apps, late].map(a => a.id) }, status: 'paying' })).toBe(0);

    // The fresh preview, confirmed twice at once and once more later: one batch.
    const fresh = await t.http().post('/api/staff/subsidy/batches/preview').set('Authorization', bureau.auth).send({ programId });
    expect(fresh.body).toMatchObject({ count: 3, total: 4500 });
    const confirm = () => t.http().post('/api/staff/subsidy/batches').set('Authorization', bureau.auth).send({ programId, previewKey: fresh.body.previewKey });
    const results = await Promise.all([confirm(), confirm()]);
    const made = results.filter(r => r.status === 200).map(r => r.body as PaymentBatchView);
    expect(made.length).toBeGreaterThan(0);
    for (const r of results) if (r.status !== 200) expect(r.body.code).toBe('CONFLICT');
    expect(new Set(made.map(b => b.id)).size).toBe(1);
    const retried = await confirm();
    expect(retried.status).toBe(200);
    expect(retried.body.id).toBe(made[0].id);
    expect(made[0].lines.map(l => l.applicationId).sort()).toEqual([...apps, late].map(a => a.id).sort());
    expect(await t.db.model(AuditModel).countDocuments({ targetId: made[0].id, action: 'subsidy.batch.create' })).toBe(1);
    const after = await t.http().post('/api/staff/subsidy/batches/preview').set('Authorization', bureau.auth).send({});
    expect(after.body).toMatchObject({ count: 0, total: 0 });
    expect(after.body.excluded).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: 'inOpenBatch', count: 3, total: 4500 }),
        expect.objectContaining({ reason: 'noAccount', count: 1 }),
      ]),
    );
    // Settle them and set the account-less one aside so later tests start from an empty queue.
    const b = made[0];
    await noticeRun(t, bureau, b.id);
    expect((await upload(b.id, await workbook(b.lines.map(l => ({ reference: l.key, amount: l.amount, result: '成功' }))))).status).toBe(200);
    await t.db.model(SubsidyApplicationModel).updateOne({ _id: noAccount.id }, { $set: { status: 'withdrawn' } });
  });

  it('should export the full account only in the bank file, import results, requeue failures and never pay twice', async () => {
    const [a, b, c] = [await approved(), await approved(), await approved()];
    const created = await generatedBatch(t, bureau);
    expect(created.status).toBe(200);
    const batch = created.body as PaymentBatchView;
    expect(batch.totals).toMatchObject({ count: 3, total: 4500, pendingCount: 3 });
    expect(JSON.stringify(batch)).not.toContain(a.bankAccount);

    const file = await t.http().get(`/api/staff/subsidy/batches/${batch.id}/export`).set('Authorization', bureau.auth).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    // Saved under a name that says what it is and when: never a random one.
    const day = beijingDay(new Date(batch.createdAt));
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="${day}-${batch.reference}.xlsx"; filename*=UTF-8''${encodeURIComponent(`补贴发放清单-${day}-${batch.reference}.xlsx`)}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(Object.values(PAYMENT_COLUMNS));
    const accounts = [2, 3, 4].map(r => String(sheet.getRow(r).getCell(6).value));
    expect(accounts.sort()).toEqual([a, b, c].map(x => x.bankAccount).sort());
    expect(await t.db.model(AuditModel).countDocuments({ targetId: batch.id, action: 'subsidy.batch.export' })).toBe(1);
    // Each graduate in the file sees that the bureau exported their ID and card number, and why.
    for (const who of [a, b, c]) {
      const views = await t.http().get('/api/me/data-views').set('Authorization', who.student.auth);
      expect(views.body.items).toEqual([expect.objectContaining({ kind: 'bankAccount', unit: '大连市人力资源和社会保障局', role: '市人社局' })]);
      expect(views.body.items[0].purpose).toContain(batch.reference);
    }

    // Bad files change nothing.
    expect((await upload(batch.id, Buffer.from('not a spreadsheet'))).body.code).toBe('FILE_TYPE_INVALID');
    const key = (b: PaymentBatchView, id: string) => b.lines.find(l => l.applicationId === id)?.key ?? '';
    expect(key(batch, a.id)).toBe(`${a.id}#1`);
    const stranger = await upload(batch.id, await workbook([{ reference: key(batch, a.id), amount: 1500, result: '成功' }, { reference: '0123456789abcdef01234567#1', amount: 1500, result: '成功' }]));
    expect(stranger.status).toBe(422);
    expect(stranger.body).toMatchObject({ code: 'SUBSIDY_BATCH_FILE_INVALID', field: 'file' });
    expect(stranger.body.message).toContain('第3行的业务参考号');
    // A bare application id is not a payment attempt of this batch either.
    expect((await upload(batch.id, await workbook([{ reference: a.id, amount: 1500, result: '成功' }]))).status).toBe(422);
    const wrongAmount = await upload(batch.id, await workbook([{ reference: key(batch, a.id), amount: 1500, result: '成功' }, { reference: key(batch, b.id), amount: 15000, result: '成功' }]));
    expect(wrongAmount.body.message).toContain('第3行的金额');
    expect((await t.db.model(SubsidyApplicationModel).findById(a.id).lean())?.status).toBe('paying');

    const result = await workbook([
      { reference: key(batch, a.id), amount: 1500, result: '成功' },
      { reference: key(batch, b.id), amount: 1500, result: '失败', reason: '账户已销户' },
    ]);
    const imported = await upload(batch.id, result);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ paid: 1, failed: 1, unchanged: 0 });
    expect(imported.body.batch.totals).toEqual({
      count: 3, total: 4500, paidCount: 1, paidTotal: 1500, failedCount: 1, failedTotal: 1500, pendingCount: 1, pendingTotal: 1500,
    });

    const again = await upload(batch.id, result);
    expect(again.body).toMatchObject({ paid: 0, failed: 0, unchanged: 2 });

    const mine = await t.http().get(`/api/subsidy/applications/${a.id}`).set('Authorization', a.student.auth);
    expect(mine.body).toMatchObject({ status: 'paid', statusLabel: '已发放' });
    expect(mine.body.timeline.filter((e: { action: string }) => e.action === 'paid')).toHaveLength(1);
    const failed = await t.http().get(`/api/subsidy/applications/${b.id}`).set('Authorization', b.student.auth);
    expect(failed.body).toMatchObject({ status: 'payReturned', statusLabel: '请更正收款账户', paymentReturn: { reason: '账户已销户' } });
    expect(failed.body.timeline.at(-1)).toMatchObject({ action: 'payFailed', reason: '银行退回：账户已销户', nextStep: expect.stringContaining('更正收款账户') });

    // Until the graduate corrects the account, no batch takes the returned application.
    const none = await generatedBatch(t, bureau);
    expect(none.body.code).toBe('SUBSIDY_BATCH_EMPTY');

    // Corrections: only by the applicant, only after a return, with a card number that passes its check.
    const correction = { bankName: '中国银行大连分行', bankAccount: '6222021234567890128' };
    const account = (who: Who, id: string, body: object) => t.http().post(`/api/subsidy/applications/${id}/account`).set('Authorization', who.auth).send(body);
    expect((await account(a.student, b.id, correction)).status).toBe(404);
    expect((await account(a.student, a.id, correction)).body.code).toBe('SUBSIDY_ACCOUNT_NOT_RETURNED');
    const badCard = await account(b.student, b.id, { ...correction, bankAccount: '6222021234567890123' });
    expect(badCard.status).toBe(422);
    expect(badCard.body.field).toBe('bankAccount');
    expect((await t.db.model(SubsidyApplicationModel).findById(b.id).lean())?.status).toBe('payReturned');
    const corrected = await account(b.student, b.id, correction);
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ status: 'approved', form: { bankName: '中国银行大连分行', bankAccount: '***************0128' } });
    expect(corrected.body.paymentReturn).toBeUndefined();
    expect(corrected.body.timeline.at(-1)).toMatchObject({ action: 'accountCorrected', actorRole: 'applicant' });
    const stored = await t.db.model(SubsidyApplicationModel).findById(b.id).lean();
    expect(stored?.bankAccountEnc).not.toContain('0128');
    expect(stored?.bankAccountHash).toBeTruthy();
    // A retried correction is answered as it stands.
    expect((await account(b.student, b.id, correction)).body.status).toBe('approved');

    // The corrected application goes into the next batch as a second attempt; the paid one never does.
    const next = (await generatedBatch(t, bureau)).body as PaymentBatchView;
    expect(next.lines.map(l => [l.applicationId, l.key, l.bankAccount])).toEqual([[b.id, `${b.id}#2`, '***************0128']]);
    // The first batch's failed line stays failed whatever a late file says.
    expect((await upload(batch.id, await workbook([{ reference: key(batch, b.id), amount: 1500, result: '成功' }]))).body).toMatchObject({ paid: 0, unchanged: 1 });
    const paidNow = await upload(next.id, await workbook([{ reference: `${b.id}#2`, amount: 1500, result: '成功' }]));
    expect(paidNow.body).toMatchObject({ paid: 1, failed: 0 });
    expect((await upload(next.id, await workbook([{ reference: `${b.id}#2`, amount: 1500, result: '成功' }]))).body).toMatchObject({ paid: 0, unchanged: 1 });
    const attempts = await t.db.model(PaymentAttemptModel).find({ applicationId: b.id }).sort({ attempt: 1 }).lean();
    expect(attempts.map(x => [x.key, x.status, x.paidFor?.toHexString()])).toEqual([
      [`${b.id}#1`, 'failed', undefined],
      [`${b.id}#2`, 'paid', b.id],
    ]);
    expect((await t.http().get(`/api/subsidy/applications/${b.id}`).set('Authorization', b.student.auth)).body.timeline.filter((e: { action: string }) => e.action === 'paid')).toHaveLength(1);

    const late = await upload(batch.id, await workbook([{ reference: key(batch, c.id), amount: 1500, result: '成功' }]));
    expect(late.body.batch.status).toBe('settled');
  });

  it('should refuse a second success for an application at the database: a paid attempt closes it', async () => {
    const { id } = await approved();
    const attempts = t.db.model(PaymentAttemptModel);
    const common = { applicationId: id, batchId: new Types.ObjectId(), amount: 1500, bankAccountMasked: '****0128' };
    await attempts.create({ ...common, key: `${id}#1`, attempt: 1, status: 'paid', paidFor: id });
    await expect(attempts.create({ ...common, key: `${id}#2`, attempt: 2, status: 'paid', paidFor: id })).rejects.toMatchObject({ code: 11000 });
    await expect(attempts.create({ ...common, key: `${id}#1`, attempt: 1, status: 'pending' })).rejects.toMatchObject({ code: 11000 });
  });
});
