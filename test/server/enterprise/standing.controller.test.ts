import { Types } from 'mongoose';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { StandingService } from '../../../server/src/modules/enterprise/standing.service';
import { RealNameModel } from '../../../server/src/modules/enterprise/standing.model';
import { DeliveryModel } from '../../../server/src/modules/notice/notice.model';
import { giveConsent, jobInput, postedJob, realNamed, recruiterWithEnterprise, residentId } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

describe('recruiter real name, lapses and the 异常名录', () => {
  let t: TestApp;
  let bureau: Awaited<ReturnType<TestApp['user']>>;

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
  });

  afterAll(async () => {
    await t.close();
  });

  const feedIds = async () => ((await t.http().get('/api/jobs?limit=50')).body.items as Array<{ id: string }>).map(j => j.id);

  it('should answer 401 and 403 on the new routes', async () => {
    expect((await t.http().get('/api/recruiter/enterprise/real-name')).status).toBe(401);
    const s = await t.user({ roles: ['student'] });
    expect((await t.http().get('/api/recruiter/enterprise/real-name').set('Authorization', s.auth)).status).toBe(403);
    expect((await t.http().get('/api/staff/abnormal-list').set('Authorization', s.auth)).status).toBe(403);
    const id = new Types.ObjectId().toHexString();
    expect((await t.http().post(`/api/staff/abnormal-list/${id}/remove`).set('Authorization', s.auth).send({ reason: '核实无误' })).status).toBe(403);
  });

  it('should refuse publishing without a real-name check, and verifying without a WeChat-verified phone', async () => {
    const r = await recruiterWithEnterprise(t, bureau);
    await t.db.model(RealNameModel).deleteOne({ userId: r.doc._id });
    const res = await t.http().post('/api/recruiter/jobs').set('Authorization', r.auth).send(jobInput());
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('REAL_NAME_REQUIRED');
    const fresh = await t.user({ roles: ['recruiter'] });
    const verify = await t.http().post('/api/recruiter/enterprise/real-name').set('Authorization', fresh.auth).send({ name: '王五', idNumber: residentId('1991-02-03', 7) });
    expect(verify.status).toBe(409);
    expect(verify.body.code).toBe('REAL_NAME_PHONE_UNVERIFIED');
  });

  it('should refuse a posting with 高薪 and no base pay, naming every reason', async () => {
    const r = await recruiterWithEnterprise(t, bureau);
    const { salaryMin: _a, salaryMax: _b, ...noPay } = jobInput({ title: '高薪招聘销售代表' });
    const res = await t.http().post('/api/recruiter/jobs').set('Authorization', r.auth).send(noPay);
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      { code: 'JOB_FIELD_MISSING', field: 'salaryMin', message: '请填写月薪下限' },
      { code: 'JOB_FIELD_MISSING', field: 'salaryMax', message: '请填写月薪上限' },
      { code: 'JOB_CONTENT_REJECTED', field: 'title', message: '岗位信息含有夸大宣传“高薪”，请修改后再发布' },
    ]);
    expect(res.body.message).toBe('请填写月薪下限；请填写月薪上限；岗位信息含有夸大宣传“高薪”，请修改后再发布');
    const low = await t.http().post('/api/recruiter/jobs').set('Authorization', r.auth).send(jobInput({ salaryMin: 1800, salaryMax: 2500 }));
    expect(low.body.code).toBe('JOB_PAY_BELOW_MINIMUM_WAGE');
  });

  it('should hide a lapsed recruiter\'s jobs from the feed and the job page, tell them, and restore on renewal', async () => {
    const r = await recruiterWithEnterprise(t, bureau);
    const idNumber = await realNamed(t, r, 3);
    const jobId = await postedJob(t, r);
    expect(await feedIds()).toContain(jobId);
    const standing = await t.app.getApplicationContext().getAsync(StandingService);
    await standing.sweep(new Date());
    expect(await t.db.model(DeliveryModel).countDocuments({ userId: r.doc._id })).toBe(1);
    await standing.sweep(new Date(Date.now() + 4 * 86_400_000));
    expect(await feedIds()).not.toContain(jobId);
    expect((await t.http().get(`/api/jobs/${jobId}`)).status).toBe(404);
    const mine = await t.http().get(`/api/recruiter/jobs/${jobId}`).set('Authorization', r.auth);
    expect(mine.body).toMatchObject({ status: 'published', hiddenBecause: ['real-name-lapsed'] });
    await standing.sweep(new Date(Date.now() + 4 * 86_400_000));
    expect(await t.db.model(DeliveryModel).countDocuments({ userId: r.doc._id })).toBe(2);
    await giveConsent(t, r, 'real-name');
    const renewed = await t.http().post('/api/recruiter/enterprise/real-name').set('Authorization', r.auth).send({ name: '张三', idNumber });
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({ state: 'current', phoneVerified: true, name: '张*' });
    expect(await feedIds()).toContain(jobId);
    const other = await t.http().post('/api/recruiter/enterprise/real-name').set('Authorization', r.auth).send({ name: '李四', idNumber: residentId('1980-05-05', 9) });
    expect(other.body.code).toBe('REAL_NAME_MISMATCH');
  });

  it('should take an enterprise on the list down, refuse its registration again, audit both ways and restore on removal', async () => {
    const r = await recruiterWithEnterprise(t, bureau);
    const jobId = await postedJob(t, r);
    const ent = await t.http().get('/api/recruiter/enterprise').set('Authorization', r.auth);
    const add = await t.http().post('/api/staff/abnormal-list').set('Authorization', bureau.auth).send({ kind: 'enterprise', subject: ent.body.uscc, name: ent.body.name, reason: '虚假招聘，经核实', evidence: '大人社监罚〔2026〕12号' });
    expect(add.status).toBe(200);
    expect(await feedIds()).not.toContain(jobId);
    const again = await t.http().post('/api/recruiter/jobs').set('Authorization', r.auth).send(jobInput());
    expect(again.body.code).toBe('ABNORMAL_LISTED');
    const someone = await t.user({ roles: ['recruiter'] });
    const register = await t.http().post('/api/recruiter/enterprise').set('Authorization', someone.auth).send({
      name: '换个名字的公司', uscc: ent.body.uscc, district: 'hitech', industry: '信息传输、软件和信息技术服务业', size: '20-99人', ownership: '民营企业', chainTags: [],
    });
    expect(register.status).toBe(403);
    expect(register.body).toMatchObject({ code: 'ABNORMAL_LISTED', field: 'uscc' });
    const list = await t.http().get('/api/staff/abnormal-list').set('Authorization', bureau.auth);
    expect(list.body.items[0]).toMatchObject({ kind: 'enterprise', subject: ent.body.uscc, reason: '虚假招聘，经核实', evidence: '大人社监罚〔2026〕12号' });
    expect(await t.db.model(AuditModel).findOne({ targetId: add.body.id, action: 'abnormal-list.add' }).lean()).toMatchObject({ reason: '虚假招聘，经核实（依据：大人社监罚〔2026〕12号）' });
    const removed = await t.http().post(`/api/staff/abnormal-list/${add.body.id}/remove`).set('Authorization', bureau.auth).send({ reason: '复核后撤销' });
    expect(removed.status).toBe(200);
    expect(await feedIds()).toContain(jobId);
    expect((await t.http().post(`/api/staff/abnormal-list/${add.body.id}/remove`).set('Authorization', bureau.auth).send({ reason: '复核后撤销' })).body.code).toBe('ABNORMAL_NOT_LISTED');
    expect(await t.db.model(AuditModel).countDocuments({ targetId: add.body.id })).toBe(2);
  });

  it('should take a listed person\'s jobs down and refuse their real-name check, keeping only a masked ID', async () => {
    const r = await recruiterWithEnterprise(t, bureau);
    const idNumber = await realNamed(t, r);
    const jobId = await postedJob(t, r);
    const add = await t.http().post('/api/staff/abnormal-list').set('Authorization', bureau.auth).send({ kind: 'person', subject: idNumber, name: '张三', reason: '收取求职者押金' });
    expect(add.body.subject).not.toContain(idNumber.slice(6, 14));
    expect(await feedIds()).not.toContain(jobId);
    await giveConsent(t, r, 'real-name');
    const verify = await t.http().post('/api/recruiter/enterprise/real-name').set('Authorization', r.auth).send({ name: '张三', idNumber });
    expect(verify.body.code).toBe('ABNORMAL_LISTED');
  });

  it('should verify an ID only under the real-name consent, and after its withdrawal hold the jobs and refuse publishing until agreed and verified again', async () => {
    const r = await recruiterWithEnterprise(t, bureau);
    const idNumber = await realNamed(t, r);
    await t.db.model(RealNameModel).deleteOne({ userId: r.doc._id });
    const verify = () => t.http().post('/api/recruiter/enterprise/real-name').set('Authorization', r.auth).send({ name: '张三', idNumber });
    // First time, no consent: refused before the number is looked up or kept.
    const refused = await verify();
    expect([refused.status, refused.body.code, refused.body.field]).toEqual([409, 'CONSENT_REQUIRED', 'consent']);
    expect(await t.db.model(RealNameModel).countDocuments({ userId: r.doc._id })).toBe(0);
    expect((await verify()).body.code).toBe('CONSENT_REQUIRED');

    await giveConsent(t, r, 'real-name');
    expect((await verify()).body).toMatchObject({ state: 'current' });
    const jobId = await postedJob(t, r);
    expect(await feedIds()).toContain(jobId);

    const withdrawn = await t.http().post('/api/me/consents/real-name/withdraw').set('Authorization', r.auth).send({});
    expect(withdrawn.status).toBe(200);
    expect(await feedIds()).not.toContain(jobId);
    const mine = await t.http().get(`/api/recruiter/jobs/${jobId}`).set('Authorization', r.auth);
    expect(mine.body.hiddenBecause).toEqual(['real-name-withdrawn']);
    const publish = await t.http().post('/api/recruiter/jobs').set('Authorization', r.auth).send(jobInput());
    expect([publish.status, publish.body.code]).toEqual([409, 'CONSENT_WITHDRAWN']);
    expect((await verify()).body.code).toBe('CONSENT_WITHDRAWN');
    // The check itself is kept (who published the jobs), but no longer used.
    expect(await t.db.model(RealNameModel).countDocuments({ userId: r.doc._id })).toBe(1);
    // Withdrawing again is refused and holds nothing twice.
    expect((await t.http().post('/api/me/consents/real-name/withdraw').set('Authorization', r.auth).send({})).body.code).toBe('CONSENT_WITHDRAWN');
    expect((await t.http().get(`/api/recruiter/jobs/${jobId}`).set('Authorization', r.auth)).body.hiddenBecause).toEqual(['real-name-withdrawn']);

    await giveConsent(t, r, 'real-name');
    expect((await verify()).body).toMatchObject({ state: 'current' });
    expect(await feedIds()).toContain(jobId);
  });
});
