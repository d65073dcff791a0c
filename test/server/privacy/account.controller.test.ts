import ExcelJS from 'exceljs';
import { PiiService } from '../../../server/src/core/pii';
import { maskPhone, maskResidentId } from '../../../server/src/core/pii';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { ComplaintModel } from '../../../server/src/modules/complaint/complaint.model';
import { ConsentModel } from '../../../server/src/modules/privacy/consent.model';
import { SubsidyApplicationModel } from '../../../server/src/modules/subsidy/subsidy.model';
import { UserModel } from '../../../server/src/modules/user/user.model';
import { SubsidyWithdrawalService } from '../../../server/src/modules/subsidy/subsidy-withdrawal.service';
import { UserService } from '../../../server/src/modules/user/user.service';
import {
  approveThrough,
  bankCard,
  createProgram,
  enterprise,
  pdf,
  publishedJob,
  residentId,
  studentProfile,
  submittedApplication,
  subsidyProgram,
  giveConsent,
  type Who,
} from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const NAMES = ['欧阳一', '司马二', '诸葛三'];
let openids = 0;

/** Binary body of a file answer. */
function binary(res: { on: (e: string, f: (c?: Buffer) => void) => void }, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c?: Buffer) => c && chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('下载我的数据 and 注销账号', () => {
  let t: TestApp;
  let pii: PiiService;
  let bureau: Who;
  let paidProgram: string;
  let openProgram: string;

  beforeAll(async () => {
    t = await createTestApp();
    pii = await t.app.getApplicationContext().getAsync(PiiService);
    bureau = await t.user({ roles: ['bureau'] });
    paidProgram = await createProgram(t, bureau, subsidyProgram({ name: '注销测试补贴', workflow: ['bureau'] }));
    openProgram = await createProgram(t, bureau, subsidyProgram({ name: '注销测试补贴二', workflow: ['bureau'] }));
  });

  afterAll(async () => {
    await t?.close();
  });

  /** A graduate with data in many modules: profile with ID and phone, an approved and an open subsidy, a complaint, a job application, a favourite-free account. */
  async function richGraduate(): Promise<{ who: Who; approvedId: string; complaintId: string; openid: string; ID: string; PHONE: string; NAME: string }> {
    openids += 1;
    // Each graduate's own numbers and name: the scan below must find only this person's traces.
    const openid = `openid-account-deletion-${openids}`;
    const ID = residentId('1999-03-04', `51${openids}`);
    const PHONE = `1398765432${openids}`;
    const NAME = NAMES[openids - 1];
    const approved = await submittedApplication(t, paidProgram, {
      profile: studentProfile({ name: NAME }),
      form: { idNumber: ID, bankAccount: bankCard('622202100000000001'), hardship: true },
      documents: { diploma: pdf('diploma of the graduate') },
    });
    const who = approved.student;
    expect((await approveThrough(t, approved.id, [bureau])).status).toBe('approved');
    const id = pii.seal(ID);
    const phone = pii.seal(PHONE);
    await t.db.model(UserModel).updateOne(
      { _id: who.doc._id },
      { $set: { openid, idNumberEnc: id.enc, idNumberHash: id.hash, phoneEnc: phone.enc, phoneHash: phone.hash } },
    );
    await giveConsent(t, who, 'subsidy');
    const draft = await t.http().post('/api/subsidy/applications').set('Authorization', who.auth).send({ programId: openProgram, form: { idNumber: ID }, submit: false });
    expect(draft.status).toBe(200);
    const owner = await enterprise(t, { district: '210211', recruiters: 0 });
    const jobId = await publishedJob(t, owner);
    expect((await t.http().post(`/api/jobs/${jobId.toHexString()}/applications`).set('Authorization', who.auth)).status).toBe(200);
    const complaint = await t.http().post('/api/complaints').set('Authorization', who.auth).send({
      idempotencyKey: `deletion-${who.doc._id.toHexString()}`,
      category: 'fake-job',
      jobId: jobId.toHexString(),
      description: '面试时被要求先交培训费才能入职，请核实处理。',
      phone: PHONE,
    });
    expect(complaint.status).toBe(200);
    return { who, approvedId: approved.id, complaintId: complaint.body.id as string, openid, ID, PHONE, NAME };
  }

  it('should need a signed-in user', async () => {
    expect((await t.http().get('/api/me/data-copy')).status).toBe(401);
    expect((await t.http().get('/api/me/deletion')).status).toBe(401);
    expect((await t.http().post('/api/me/deletion').send({ confirm: '注销' })).status).toBe(401);
  });

  it('should refuse a copy of another user’s data with 403 and record nothing', async () => {
    const me = await t.user();
    const other = await t.user();
    const audits = await t.db.model(AuditModel).countDocuments();
    const res = await t.http().get(`/api/me/data-copy?format=json&userId=${other.doc._id.toHexString()}`).set('Authorization', me.auth);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('PERSONAL_DATA_NOT_YOURS');
    expect(await t.db.model(AuditModel).countDocuments()).toBe(audits);
    expect((await t.http().get('/api/me/data-copy?format=pdf').set('Authorization', me.auth)).status).toBe(422);
  });

  it('should give the user a copy of everything held, as JSON and xlsx, masked, audited, within seconds', async () => {
    const { who, ID, PHONE, NAME } = await richGraduate();
    const started = Date.now();
    const json = await t.http().get('/api/me/data-copy?format=json').set('Authorization', who.auth);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(json.status).toBe(200);
    expect(json.headers['content-disposition']).toContain('attachment');
    const copy = JSON.parse(json.text) as { account: Record<string, unknown>; sections: Array<{ title: string; rows: Array<Record<string, unknown>> }> };
    expect(copy.account).toMatchObject({ 姓名: NAME, 身份证号码: maskResidentId(ID), 手机号: maskPhone(PHONE) });
    expect(copy.sections.map(s => s.title)).toEqual(expect.arrayContaining(['补贴申请', '岗位投递', '投诉举报', '单独同意']));
    expect(copy.sections.find(s => s.title === '补贴申请')?.rows).toHaveLength(2);
    // A copy shows the person's numbers masked: a lost phone must not hand them out whole.
    expect(json.text).not.toContain(ID);
    expect(json.text).not.toContain(PHONE);

    const xlsx = await t.http().get('/api/me/data-copy?format=xlsx').set('Authorization', who.auth).buffer(true).parse(binary);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map(w => w.name)).toEqual(expect.arrayContaining(['账号', '补贴申请', '岗位投递', '投诉举报']));
    expect(await t.db.model(AuditModel).countDocuments({ action: 'personal-data.copy', targetId: who.doc._id.toHexString() })).toBe(2);
  });

  it('should say what is kept and for how long before the user confirms', async () => {
    const me = await t.user();
    const res = await t.http().get('/api/me/deletion').set('Authorization', me.auth);
    expect(res.status).toBe(200);
    expect(res.body.kept.map((k: { what: string }) => k.what).join()).toContain('补贴');
    expect(res.body.kept.every((k: { retention: string }) => k.retention.length > 0)).toBe(true);
    expect(res.body.erased).toEqual(expect.arrayContaining(['岗位投递', '补贴申请']));
    // Nothing is said to go that is in fact kept whole.
    expect(res.body.erased).not.toContain('投诉举报');
    expect(res.body.erased).not.toContain('毕业生实名库记录');
    // A hidden upload must not show again because its uploader left: the checks stay with their files.
    expect(res.body.kept.map((k: { what: string }) => k.what).join()).toContain('内容安全检测');
    expect(res.body.erased).not.toContain('上传文件的内容安全检测');
  });

  it('should refuse an unconfirmed deletion and change nothing', async () => {
    const me = await t.user({ profile: studentProfile({ name: '未确认' }) });
    const res = await t.http().post('/api/me/deletion').set('Authorization', me.auth).send({ confirm: '确定' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('ACCOUNT_DELETION_UNCONFIRMED');
    expect((await t.db.model(UserModel).findById(me.doc._id).lean())?.profile.name).toBe('未确认');
  });

  it('should erase the account so that nothing about the person remains readable, keep what the law requires pseudonymised, and start a new account on the next login', async () => {
    const { who, approvedId, complaintId, openid, ID, PHONE, NAME } = await richGraduate();
    const userId = who.doc._id.toHexString();
    const idHash = pii.hash(ID);
    const phoneHash = pii.hash(PHONE);

    const everything = async () => {
      const all = await Promise.all((await t.db.connection.db!.collections()).map(async c => [c.collectionName, JSON.stringify(await c.find({}).toArray())] as const));
      return all;
    };
    // Before: the person is all over the database (the scan below would see them).
    const before = (await everything()).map(([, text]) => text).join();
    for (const value of [idHash, phoneHash, NAME, openid, maskResidentId(ID)]) expect(before).toContain(value);

    const res = await t.http().post('/api/me/deletion').set('Authorization', who.auth).send({ confirm: '注销' });
    expect(res.status).toBe(200);
    expect(res.body.deletedAt).toBeTruthy();

    // Nothing that identifies the person anywhere in the database: no plaintext, no masked copy, no searchable hash, no openid, no name.
    const forbidden = [ID, PHONE, maskResidentId(ID), maskPhone(PHONE), idHash, phoneHash, openid, NAME];
    for (const [name, text] of await everything()) {
      for (const value of forbidden) {
        if (text.includes(value)) throw new Error(`${name} still holds ${value}`);
      }
    }
    // The account is a tombstone; its id is the only link left, in the records kept by law.
    const tomb = await t.db.model(UserModel).findById(userId).lean();
    expect(tomb).toMatchObject({ nickname: '已注销用户', roles: [], profile: {} });
    expect(tomb?.openid).toBeUndefined();
    const kept = await t.db.model(SubsidyApplicationModel).findById(approvedId).lean();
    expect(kept).toMatchObject({ status: 'approved', applicantName: '已注销用户' });
    expect(kept?.idNumberEnc).toBeTruthy();
    expect(await t.db.model(SubsidyApplicationModel).countDocuments({ applicantId: who.doc._id })).toBe(1);
    const complaint = await t.db.model(ComplaintModel).findById(complaintId).lean();
    expect(complaint).toMatchObject({ complainantName: '已注销用户', phoneMasked: '已删除' });
    expect(complaint?.phoneEnc).toBeUndefined();
    const staffReveal = await t.http().post(`/api/staff/complaints/${complaintId}/phone`).set('Authorization', bureau.auth);
    expect(staffReveal.status).toBe(404);
    expect(await t.db.model(ConsentModel).countDocuments({ userId: who.doc._id })).toBe(1);
    expect(await t.db.model(AuditModel).countDocuments({ action: 'account.delete', targetId: userId })).toBe(1);

    // Deleting twice: the old token is dead, nothing changes.
    const again = await t.http().post('/api/me/deletion').set('Authorization', who.auth).send({ confirm: '注销' });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('TOKEN_REVOKED');
    expect((await t.http().get('/api/me').set('Authorization', who.auth)).status).toBe(401);

    // The same WeChat user signing in again gets a new, empty account.
    const users = await t.app.getApplicationContext().getAsync(UserService);
    const next = await users.signInWeChatUser(openid, undefined, 'session-key');
    expect(next.isNew).toBe(true);
    expect(next.user._id.toHexString()).not.toBe(userId);
  });

  it('should withdraw an open subsidy application (not delete it), tell the reviewers of its stage once, and be harmless to repeat', async () => {
    const program = await createProgram(t, bureau, subsidyProgram({ name: '注销撤回测试补贴', workflow: ['college', 'bureau'] }));
    const college = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
    const app = await submittedApplication(t, program, {
      profile: studentProfile({ name: '上官四' }),
      form: { idNumber: residentId('2000-05-06', '529'), bankAccount: bankCard('622202100000000002'), hardship: true },
      documents: { diploma: pdf('diploma of the withdrawing graduate') },
    });
    const inboxOf = async (who: Who) => {
      const res = await t.http().get('/api/inbox').set('Authorization', who.auth);
      expect(res.status).toBe(200);
      return (res.body.items as Array<{ title: string; summary: string; page: string }>).filter(i => i.title.includes('注销撤回测试补贴'));
    };
    expect(await inboxOf(college)).toEqual([]);

    const res = await t.http().post('/api/me/deletion').set('Authorization', app.student.auth).send({ confirm: '注销' });
    expect(res.status).toBe(200);

    const doc = await t.db.model(SubsidyApplicationModel).findById(app.id).lean();
    expect(doc).toMatchObject({ status: 'withdrawn', stage: 'college', applicantName: '已注销用户', documents: [] });
    expect(doc?.timeline.at(-1)).toMatchObject({ action: 'withdrawn', stage: 'college', actorRole: 'applicant', reason: '申请人注销账号' });
    for (const field of ['idNumberEnc', 'idNumberHash', 'idNumberMasked', 'bankAccountEnc', 'bankAccountHash', 'bankAccountMasked', 'hardship', 'phoneHash'] as const) {
      expect(doc?.[field]).toBeUndefined();
    }
    expect(doc?.pendingNotices ?? []).toEqual([]);
    const told = await inboxOf(college);
    expect(told).toEqual([
      { ...told[0], title: '补贴申请已撤回：注销撤回测试补贴', summary: '一件待高校核验的申请已撤回，无需继续审核：申请人注销账号', page: `packages/subsidy/pages/staff-review/index?id=${app.id}` },
    ]);
    // The bureau's stage has not come yet: not its business.
    expect(await inboxOf(bureau)).toEqual([]);
    // The reviewer sees it leave the queue and can still find it as withdrawn, without the person.
    const queue = await t.http().get('/api/staff/subsidy/applications').set('Authorization', college.auth);
    expect(queue.status).toBe(200);
    expect((queue.body.items as Array<{ id: string }>).map(i => i.id)).not.toContain(app.id);
    const withdrawn = await t.http().get('/api/staff/subsidy/applications?status=withdrawn').set('Authorization', college.auth);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.items).toEqual([expect.objectContaining({ id: app.id, status: 'withdrawn', applicantName: '已注销用户' })]);

    // Deleting twice: refused (the token is dead); the erasure run again withdraws nothing and tells no one twice.
    const again = await t.http().post('/api/me/deletion').set('Authorization', app.student.auth).send({ confirm: '注销' });
    expect(again.status).toBe(401);
    const withdrawals = await t.app.getApplicationContext().getAsync(SubsidyWithdrawalService);
    expect(await withdrawals.withdrawForDeletedAccount(app.student.doc._id.toHexString())).toBe(0);
    expect(await inboxOf(college)).toHaveLength(1);
    expect(await t.db.model(SubsidyApplicationModel).findById(app.id).lean()).toMatchObject({ status: 'withdrawn', timeline: doc?.timeline });
  });
});
