import { Types } from 'mongoose';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { GraduateModel } from '../../../server/src/modules/registry/registry.model';
import { createTestApp, type TestApp } from '../support/test-app';

type Auth = { auth: string; id: string };

describe('1311 support HTTP', () => {
  let t: TestApp;
  let student: Auth;
  let worker: Auth;
  let colleague: Auth;
  let otherDistrict: Auth;
  let bureau: Auth;
  let college: Auth;
  let caseId = '';
  let staffCaseId = '';
  let graduateId = '';
  const jobIds: string[] = [];
  let closedJob = '';

  const mk = async (roles: Array<'student' | 'district' | 'bureau' | 'college'>, scope = {}) => {
    const u = await t.user({ roles, scope, profile: { name: '王芳' } });
    return { auth: u.auth, id: u.doc._id.toHexString() };
  };

  beforeAll(async () => {
    t = await createTestApp();
    student = await mk(['student']);
    worker = await mk(['district'], { districtCode: '210211' });
    colleague = await mk(['district'], { districtCode: '210211' });
    otherDistrict = await mk(['district'], { districtCode: '210202' });
    bureau = await mk(['bureau']);
    college = await mk(['college'], { collegeId: 'dlut' });
    const db = t.db.connection.db;
    if (!db) throw new Error('no db');
    for (let i = 0; i < 11; i++) {
      const { insertedId } = await db.collection('jobs').insertOne({ title: `岗位${i}`, enterpriseName: '大连示例公司', status: 'published', kind: 'fulltime', district: '210211' });
      jobIds.push(insertedId.toHexString());
    }
    closedJob = (await db.collection('jobs').insertOne({ title: '已关闭', enterpriseName: 'x', status: 'closed' })).insertedId.toHexString();
    const g = await t.db.model(GraduateModel).create({
      name: '赵强', idNumberEnc: 'v1.x', idNumberHash: 'h-zhao', idNumberMasked: 'x', collegeId: 'dlut', schoolName: '大连理工大学', doubleFirstClass: true,
      degree: 'bachelor', major: '机械', graduationYear: 2026, originProvince: '辽宁省', originCity: '大连市', originInProvince: true,
    });
    graduateId = g._id.toHexString();
  });

  afterAll(async () => {
    await t.close();
  });

  const staff = (auth: string) => ({
    get: (path: string) => t.http().get(`/api/staff/support${path}`).set('Authorization', auth),
    post: (path: string, body: object = {}) => t.http().post(`/api/staff/support${path}`).set('Authorization', auth).send(body),
    put: (path: string, body: object) => t.http().put(`/api/staff/support${path}`).set('Authorization', auth).send(body),
  });

  it('should refuse every route without a signed-in user', async () => {
    expect((await t.http().post('/api/support/register').send({ districtCode: '210211' })).status).toBe(401);
    expect((await t.http().get('/api/support/mine')).status).toBe(401);
    expect((await t.http().get('/api/staff/support/cases')).status).toBe(401);
    expect((await t.http().get('/api/staff/support/rates')).status).toBe(401);
    expect((await t.http().post('/api/staff/support/cases').send({ graduateId })).status).toBe(401);
  });

  it('should refuse students and colleges the staff routes, and staff the student routes', async () => {
    expect((await staff(student.auth).get('/cases')).status).toBe(403);
    expect((await staff(college.auth).get('/cases')).status).toBe(403);
    expect((await staff(college.auth).post('/cases', { graduateId })).status).toBe(403);
    expect((await t.http().post('/api/support/register').set('Authorization', worker.auth).send({ districtCode: '210211' })).status).toBe(403);
  });

  it('should reject bad input with 422', async () => {
    expect((await t.http().post('/api/support/register').set('Authorization', student.auth).send({ districtCode: '999999' })).status).toBe(422);
    expect((await staff(worker.auth).post('/cases', { graduateId: 'nope' })).status).toBe(422);
    expect((await staff(worker.auth).get('/cases?districtCode=210202')).status).toBe(403);
  });

  it('should let a student register once as an unemployed leaver', async () => {
    const res = await t.http().post('/api/support/register').set('Authorization', student.auth).send({ districtCode: '210211', intention: '软件测试' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '王芳', registeredBy: 'self', linked: true, progress: { complete: false } });
    caseId = res.body.id;
    const again = await t.http().post('/api/support/register').set('Authorization', student.auth).send({ districtCode: '210211' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SUPPORT_ALREADY_REGISTERED');
  });

  it('should let district staff register a graduate from the registry and become the caseworker', async () => {
    const body = { graduateId, unemployedSince: '2026-07-01' };
    const res = await staff(worker.auth).post('/cases', body);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(true);
    expect(res.body.case).toMatchObject({ name: '赵强', registeredBy: 'staff', caseworkerId: worker.id, districtCode: '210211' });
    staffCaseId = res.body.case.id;
    const again = await staff(worker.auth).post('/cases', body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, case: { id: staffCaseId } });
    expect((await staff(worker.auth).post('/cases', { ...body, graduateId: new Types.ObjectId().toHexString() })).status).toBe(404);
  });

  it('should keep cases within their district', async () => {
    expect((await staff(otherDistrict.auth).get('/cases')).body).toEqual([]);
    const res = await staff(otherDistrict.auth).post(`/cases/${caseId}/claim`);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('OUT_OF_SCOPE');
    expect((await staff(worker.auth).get('/cases')).body).toHaveLength(2);
    expect((await staff(bureau.auth).get('/cases?districtCode=210211')).body).toHaveLength(2);
  });

  it('should let one caseworker claim a case and only the caseworker record services', async () => {
    expect((await staff(worker.auth).post(`/cases/${caseId}/services`, { kind: 'visit' })).body.code).toBe('SUPPORT_NOT_CASEWORKER');
    const claimed = await staff(worker.auth).post(`/cases/${caseId}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.caseworkerId).toBe(worker.id);
    expect((await staff(colleague.auth).post(`/cases/${caseId}/claim`)).status).toBe(409);
    expect((await staff(colleague.auth).post(`/cases/${caseId}/services`, { kind: 'visit' })).status).toBe(403);
  });

  it('should refuse a recommendation round with a job that is not open', async () => {
    const res = await staff(worker.auth).post(`/cases/${caseId}/recommendations`, { jobIds: [jobIds[0], closedJob] });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('SUPPORT_JOB_UNAVAILABLE');
    expect((await staff(worker.auth).post(`/cases/${caseId}/recommendations`, { jobIds: [new Types.ObjectId().toHexString()] })).status).toBe(422);
    expect((await staff(worker.auth).post(`/cases/${caseId}/recommendations`, { jobIds: [] })).status).toBe(422);
  });

  it('should track the whole 1311 package to completion, audited, with the student seeing the jobs', async () => {
    const s = staff(worker.auth);
    expect((await s.put(`/cases/${caseId}/plan`, { plan: '先参加软件测试培训，再推荐测试岗位' })).body.plan).toContain('培训');
    await s.post(`/cases/${caseId}/recommendations`, { jobIds: jobIds.slice(0, 4) });
    await s.post(`/cases/${caseId}/recommendations`, { jobIds: jobIds.slice(4, 7) });
    for (const kind of ['training', 'trainee', 'guidance', 'visit']) {
      expect((await s.post(`/cases/${caseId}/services`, { kind, note: '已完成' })).status).toBe(200);
    }
    const before = await t.http().get('/api/support/mine').set('Authorization', student.auth);
    expect(before.body.case.progress).toMatchObject({ recommendationRounds: 2, jobsRecommended: 7, complete: false });
    const last = await s.post(`/cases/${caseId}/recommendations`, { jobIds: jobIds.slice(7, 10) });
    expect(last.body.progress).toMatchObject({ recommendationRounds: 3, jobsRecommended: 10, complete: true });
    const mine = await t.http().get('/api/support/mine').set('Authorization', student.auth);
    expect(mine.body.case.rounds[0].jobs[0]).toEqual({ id: jobIds[0], title: '岗位0', enterpriseName: '大连示例公司' });
    expect(await t.db.model(AuditModel).countDocuments({ targetId: caseId })).toBe(9);
  });

  it('should give the district its follow-up and service rates', async () => {
    const res = await staff(worker.auth).get('/rates');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ districtCode: '210211', cases: 2, followedUp: 1, served: 1, followUpRate: 0.5, serviceRate: 0.5, overdue: 0 });
    expect((await staff(otherDistrict.auth).get('/rates')).body).toMatchObject({ cases: 0, followUpRate: null });
    expect((await staff(worker.auth).get('/rates?districtCode=210202')).status).toBe(403);
    expect((await staff(bureau.auth).get('/rates')).body.cases).toBe(2);
    expect((await staff(worker.auth).get(`/cases?overdue=true`)).body).toEqual([]);
    expect(staffCaseId).toBeTruthy();
  });

  it('should show one case file to its district and the bureau only', async () => {
    expect((await staff(worker.auth).get(`/cases/${caseId}`)).body).toMatchObject({ id: caseId, intention: '软件测试', plan: expect.stringContaining('培训') });
    expect((await staff(bureau.auth).get(`/cases/${caseId}`)).status).toBe(200);
    expect((await staff(otherDistrict.auth).get(`/cases/${caseId}`)).status).toBe(403);
    expect((await staff(student.auth).get(`/cases/${caseId}`)).status).toBe(403);
    expect((await staff(worker.auth).get(`/cases/${new Types.ObjectId().toHexString()}`)).status).toBe(404);
  });

  it('should list only the cases a caseworker is responsible for when asked for mine', async () => {
    expect((await staff(worker.auth).get('/cases?mine=true')).body.map((c: { id: string }) => c.id).sort()).toEqual([caseId, staffCaseId].sort());
    expect((await staff(colleague.auth).get('/cases?mine=true')).body).toEqual([]);
  });

  it('should offer the caseworker open jobs matched to the graduate, best first, without those already recommended', async () => {
    const db = t.db.connection.db;
    if (!db) throw new Error('no db');
    const open = { status: 'published', kind: 'fulltime', district: '210211', enterpriseId: new Types.ObjectId(), enterpriseName: '大连重工', education: 'bachelor', tags: [], salaryMin: 6000, salaryMax: 9000, headcount: 1, deadline: new Date(Date.now() + 86400000), publishedAt: new Date() };
    const { insertedId: fit } = await db.collection('jobs').insertOne({ ...open, title: '机械设计工程师', majors: ['机械'] });
    const { insertedId: other } = await db.collection('jobs').insertOne({ ...open, title: '会计', majors: ['会计学'], district: '210202', education: 'master' });
    await db.collection('jobs').insertOne({ ...open, title: '已截止', majors: ['机械'], deadline: new Date(Date.now() - 86400000) });
    expect((await staff(otherDistrict.auth).get(`/cases/${staffCaseId}/matches`)).status).toBe(403);
    expect((await staff(bureau.auth).get(`/cases/${staffCaseId}/matches`)).status).toBe(403);
    expect((await staff(worker.auth).get(`/cases/${staffCaseId}/matches?limit=0`)).status).toBe(422);
    const res = await staff(worker.auth).get(`/cases/${staffCaseId}/matches`);
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({ id: fit.toHexString(), title: '机械设计工程师', reasons: expect.arrayContaining(['专业对口', '意向区域']) });
    expect(res.body.map((j: { id: string }) => j.id)).toContain(other.toHexString());
    expect(res.body.map((j: { title: string }) => j.title)).not.toContain('已截止');
    await staff(worker.auth).post(`/cases/${staffCaseId}/recommendations`, { jobIds: [fit.toHexString()] });
    const after = await staff(worker.auth).get(`/cases/${staffCaseId}/matches`);
    expect(after.body.map((j: { id: string }) => j.id)).not.toContain(fit.toHexString());
  });

  it('should take a retried recommendation round or service record for the one already written', async () => {
    const s = staff(worker.auth);
    const before = (await s.get(`/cases/${staffCaseId}`)).body;
    const round = [jobIds[0], jobIds[1]];
    const [a, b] = await Promise.all([s.post(`/cases/${staffCaseId}/recommendations`, { jobIds: round }), s.post(`/cases/${staffCaseId}/recommendations`, { jobIds: [...round].reverse() })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const visit = { kind: 'visit', note: '电话回访，正在准备面试' };
    await s.post(`/cases/${staffCaseId}/services`, visit);
    await s.post(`/cases/${staffCaseId}/services`, visit);
    const after = (await s.get(`/cases/${staffCaseId}`)).body;
    expect(after.rounds).toHaveLength(before.rounds.length + 1);
    expect(after.services).toHaveLength(before.services.length + 1);
  });
});
