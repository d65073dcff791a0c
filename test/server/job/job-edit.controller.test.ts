import { Types } from 'mongoose';
import { enterpriseInput, inDays, inHours, nextSeq, postedJob, realNamed, registeredEnterprise, uscc } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const jobInput = (patch: Record<string, unknown> = {}) => ({
  kind: 'traineeship',
  title: '行政助理见习岗',
  description: '见习期六个月，享受见习补贴，有导师带教。',
  duties: '负责来访接待、文件收发与会议安排。',
  requirements: '行政管理等相关专业大专及以上。',
  salaryMin: 3000,
  salaryMax: 3500,
  education: 'associate',
  majors: ['行政管理'],
  headcount: 3,
  district: '210202',
  address: '中山区人民路',
  deadline: inDays(30),
  contactPolicy: '通过平台投递简历',
  tags: ['见习补贴'],
  ...patch,
});

describe('recruiter job editing, fair detail and registration lists', () => {
  let t: TestApp;
  let bureau: Awaited<ReturnType<TestApp['user']>>;

  async function recruiterWithJob(patch: Record<string, unknown> = {}) {
    const n = nextSeq();
    const r = await t.user({ roles: ['recruiter'] });
    const company = enterpriseInput(uscc(`912105${String(n).padStart(2, '0')}MA0QC1234`), `大连岗位编辑测试${n}号有限公司`, {
      district: '210202',
      industry: '租赁和商务服务业',
      size: '20-99人',
      chainTags: [],
      category: undefined,
    });
    await registeredEnterprise(t, r, bureau, company);
    await realNamed(t, r);
    return { ...r, jobId: await postedJob(t, r, jobInput(patch)) };
  }

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should answer 401 and 403 on the new job and fair routes', async () => {
    const id = new Types.ObjectId().toHexString();
    expect((await t.http().get(`/api/recruiter/jobs/${id}`)).status).toBe(401);
    expect((await t.http().put(`/api/recruiter/jobs/${id}`).send(jobInput())).status).toBe(401);
    expect((await t.http().get(`/api/fairs/${id}/registrations`)).status).toBe(401);
    const s = await t.user({ roles: ['student'] });
    expect((await t.http().put(`/api/recruiter/jobs/${id}`).set('Authorization', s.auth).send(jobInput())).status).toBe(403);
    expect((await t.http().get(`/api/fairs/${id}/registrations`).set('Authorization', s.auth)).status).toBe(403);
  });

  it('should not let a recruiter read or edit another enterprise\'s job (404, unchanged)', async () => {
    const a = await recruiterWithJob();
    const b = await recruiterWithJob();
    expect((await t.http().get(`/api/recruiter/jobs/${a.jobId}`).set('Authorization', b.auth)).status).toBe(404);
    const edit = await t.http().put(`/api/recruiter/jobs/${a.jobId}`).set('Authorization', b.auth).send(jobInput({ title: '被篡改的岗位' }));
    expect(edit.status).toBe(404);
    expect((await t.http().get(`/api/jobs/${a.jobId}`)).body.title).toBe('行政助理见习岗');
  });

  it('should refuse an edit with a discriminatory phrase, naming it and the field, and keep the job as it was', async () => {
    const r = await recruiterWithJob();
    const res = await t.http().put(`/api/recruiter/jobs/${r.jobId}`).set('Authorization', r.auth).send(jobInput({ description: '见习期六个月，限本地户籍，享受见习补贴。' }));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'JOB_CONTENT_REJECTED', field: 'description' });
    expect(res.body.message).toContain('“限本地户籍”');
    expect((await t.http().get(`/api/jobs/${r.jobId}`)).body.description).toBe('见习期六个月，享受见习补贴，有导师带教。');
    const age = await t.http().put(`/api/recruiter/jobs/${r.jobId}`).set('Authorization', r.auth).send(jobInput({ title: '行政助理见习岗（90后）', description: '见习期六个月，年龄在25岁以内，包就业。' }));
    expect(age.status).toBe(422);
    expect(age.body).toMatchObject({ code: 'JOB_CONTENT_REJECTED', field: 'title' });
    for (const phrase of ['90后', '年龄在25岁以内', '包就业']) expect(age.body.message).toContain(`“${phrase}”`);
    expect((await t.http().get(`/api/jobs/${r.jobId}`)).body.title).toBe('行政助理见习岗');
    const invalid = await t.http().put(`/api/recruiter/jobs/${r.jobId}`).set('Authorization', r.auth).send(jobInput({ salaryMin: 5000, salaryMax: 4000 }));
    expect(invalid.status).toBe(422);
    expect(invalid.body.field).toBe('salaryMax');
  });

  it('should refuse to edit a job staff took down with 409 JOB_NOT_EDITABLE', async () => {
    const r = await recruiterWithJob();
    const down = await t.http().post(`/api/staff/jobs/${r.jobId}/take-down`).set('Authorization', bureau.auth).send({ reason: '虚假信息' });
    expect(down.status).toBe(200);
    const res = await t.http().put(`/api/recruiter/jobs/${r.jobId}`).set('Authorization', r.auth).send(jobInput({ title: '换个名字再发' }));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('JOB_NOT_EDITABLE');
    expect((await t.http().get(`/api/recruiter/jobs/${r.jobId}`).set('Authorization', r.auth)).body).toMatchObject({ status: 'taken-down', title: '行政助理见习岗' });
  });

  it('should save an edit, re-index it for search, and answer the same to a retried request', async () => {
    const r = await recruiterWithJob();
    const body = jobInput({ title: '档案管理见习岗', kind: 'traineeship', headcount: 5, tags: ['见习补贴', '双休'] });
    const first = await t.http().put(`/api/recruiter/jobs/${r.jobId}`).set('Authorization', r.auth).send(body);
    expect(first.status).toBe(200);
    const again = await t.http().put(`/api/recruiter/jobs/${r.jobId}`).set('Authorization', r.auth).send(body);
    expect(again.body).toEqual(first.body);
    expect(first.body).toMatchObject({ id: r.jobId, title: '档案管理见习岗', headcount: 5, status: 'published' });
    const mine = await t.http().get(`/api/recruiter/jobs/${r.jobId}`).set('Authorization', r.auth);
    expect(mine.body).toMatchObject({ title: '档案管理见习岗', applicationCount: 0 });
    const found = await t.http().get(`/api/jobs?q=${encodeURIComponent('档案管理')}`);
    expect(found.body.items.map((j: { id: string }) => j.id)).toContain(r.jobId);
    const old = await t.http().get(`/api/jobs?q=${encodeURIComponent('行政助理')}`);
    expect(old.body.items.map((j: { id: string }) => j.id)).not.toContain(r.jobId);
  });

  describe('fairs', () => {
    async function createFair(auth: string) {
      const res = await t.http().post('/api/fairs').set('Authorization', auth).send({
        kind: 'campus',
        title: '大连理工大学进校园招聘会',
        description: '',
        startAt: inHours(2),
        endAt: inHours(6),
        venue: '大连理工大学体育馆',
        boothCapacity: 5,
      });
      expect(res.status).toBe(200);
      return res.body as { id: string };
    }

    it('should show a fair\'s detail publicly and 404 an unknown one', async () => {
      const fair = await createFair(bureau.auth);
      const res = await t.http().get(`/api/fairs/${fair.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: fair.id, kind: 'campus', boothCount: 0, registrationCount: 0 });
      expect((await t.http().get(`/api/fairs/${new Types.ObjectId().toHexString()}`)).status).toBe(404);
    });

    it('should list a booth\'s open jobs with titles, dropping a job the recruiter closed', async () => {
      const fair = await createFair(bureau.auth);
      const r = await recruiterWithJob();
      const second = await t.http().post('/api/recruiter/jobs').set('Authorization', r.auth).send(jobInput({ title: '前台接待见习岗' }));
      const booked = await t.http().post(`/api/fairs/${fair.id}/booths`).set('Authorization', r.auth).send({ jobIds: [r.jobId, second.body.id] });
      expect(booked.status).toBe(200);
      expect(booked.body.jobs.map((j: { title: string }) => j.title)).toEqual(['行政助理见习岗', '前台接待见习岗']);
      await t.http().post(`/api/recruiter/jobs/${second.body.id}/close`).set('Authorization', r.auth);
      const booths = await t.http().get(`/api/fairs/${fair.id}/booths`);
      expect(booths.body[0].jobIds).toHaveLength(2);
      expect(booths.body[0].jobs).toEqual([
        { id: r.jobId, title: '行政助理见习岗', kind: 'traineeship', salaryMin: 3000, salaryMax: 3500, education: 'associate' },
      ]);
    });

    it('should show registrations with check-in to the organiser and bureau, and refuse another organiser', async () => {
      const college = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
      const other = await t.user({ roles: ['college'], scope: { collegeId: 'dmu' } });
      const fair = await createFair(college.auth);
      const s = await t.user({ roles: ['student'], profile: { name: '王芳', schoolName: '大连理工大学', degree: 'master', major: '管理科学' } });
      expect((await t.http().post(`/api/fairs/${fair.id}/registrations`).set('Authorization', s.auth)).status).toBe(200);
      const ticket = await t.http().post(`/api/fairs/${fair.id}/ticket`).set('Authorization', s.auth);
      const strayScan = await t.http().post(`/api/fairs/${fair.id}/check-ins`).set('Authorization', other.auth).send({ token: ticket.body.token });
      expect(strayScan.status).toBe(403);
      expect(strayScan.body.code).toBe('OUT_OF_SCOPE');
      // A colleague of the organising college runs the door; the refused scan left the ticket usable.
      const colleague = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
      const scanned = await t.http().post(`/api/fairs/${fair.id}/check-ins`).set('Authorization', colleague.auth).send({ token: ticket.body.token });
      expect(scanned.status).toBe(200);
      expect(scanned.body.student).toMatchObject({ name: '王芳', schoolName: '大连理工大学', degree: 'master', major: '管理科学' });

      const refused = await t.http().get(`/api/fairs/${fair.id}/registrations`).set('Authorization', other.auth);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('OUT_OF_SCOPE');
      for (const auth of [college.auth, bureau.auth]) {
        const res = await t.http().get(`/api/fairs/${fair.id}/registrations`).set('Authorization', auth);
        expect(res.status).toBe(200);
        expect(res.body.items).toHaveLength(1);
        expect(res.body.items[0]).toMatchObject({ name: '王芳', schoolName: '大连理工大学', degree: 'master', major: '管理科学' });
        expect(res.body.items[0].checkedInAt).toEqual(expect.any(String));
      }
      const tampered = await t.http().get(`/api/fairs/${fair.id}/registrations?cursor=abc.def`).set('Authorization', bureau.auth);
      expect(tampered.status).toBe(400);
      expect(tampered.body.code).toBe('CURSOR_INVALID');
    });
  });
});
