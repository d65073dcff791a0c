import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Types } from 'mongoose';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { ApplicationModel, DestinationModel } from '../../../server/src/modules/job/application.model';
import { JobService } from '../../../server/src/modules/job/job.service';
import { JobModel } from '../../../server/src/modules/job/job.model';
import { FakeWeChatServer } from '../support/fake-wechat';
import { inDays, interviewInvitation, jobInput, nextSeq, pdf, postedJob, recruiterWithEnterprise as registeredRecruiter, studentProfile as profileOf } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { PushWorker } from '../../../server/src/modules/notice/push.worker';

const TEMPLATE = 'tmpl-application-status';
const uploadDir = mkdtempSync(join(tmpdir(), 'job-uploads-'));
process.env.UPLOAD_DIR = uploadDir;

const studentProfile = profileOf({ graduationYear: 2026, intentionDistricts: ['hitech'], intentionText: '软件开发' });

describe('job routes', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_job_test', secret: 'job_secret' });
  let t: TestApp;
  let bureau: Awaited<ReturnType<TestApp['user']>>;

  /** A recruiter whose enterprise is registered and (unless told otherwise) verified. */
  const recruiterWithEnterprise = (verify = true) => registeredRecruiter(t, bureau, verify);

  async function publish(auth: string, patch: Record<string, unknown> = {}) {
    return { id: await postedJob(t, { auth }, jobInput(patch)) };
  }

  async function student(openid?: string) {
    const n = nextSeq();
    return t.user({ roles: ['student'], profile: studentProfile, openid: openid ?? `openid-student-${n}` });
  }

  beforeAll(async () => {
    const apiBase = await wx.start();
    wx.defineTemplate(TEMPLATE, ['thing1', 'thing2', 'phrase3', 'thing4']);
    t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase }, notice: { templates: { applicationStatus: TEMPLATE } } });
    bureau = await t.user({ roles: ['bureau'] });
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  describe('access', () => {
    it('should answer 401 to anonymous callers on student, recruiter and staff routes', async () => {
      const id = new Types.ObjectId().toHexString();
      const calls = [
        t.http().get('/api/jobs/recommended'),
        t.http().post(`/api/jobs/${id}/applications`),
        t.http().post(`/api/jobs/${id}/reports`).send({ reason: '虚假招聘' }),
        t.http().get('/api/me/applications'),
        t.http().post('/api/recruiter/jobs').send(jobInput()),
        t.http().put(`/api/recruiter/applications/${id}/status`).send({ to: 'viewed' }),
        t.http().post(`/api/staff/jobs/${id}/take-down`).send({ reason: '违规' }),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
    });

    it('should answer 403 to a student on recruiter and staff routes, and to a recruiter on staff and student routes', async () => {
      const s = await student();
      const r = await t.user({ roles: ['recruiter'] });
      const id = new Types.ObjectId().toHexString();
      const forbidden = [
        t.http().post('/api/recruiter/jobs').set('Authorization', s.auth).send(jobInput()),
        t.http().post(`/api/jobs/${id}/applications`).set('Authorization', r.auth),
        t.http().get('/api/jobs/recommended').set('Authorization', r.auth),
      ];
      for (const res of await Promise.all(forbidden)) {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
    });

    it('should answer 403 to college and district staff on the reported-jobs review', async () => {
      const c = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
      const d = await t.user({ roles: ['district'], scope: { districtCode: '210211' } });
      expect((await t.http().get('/api/staff/jobs/reported').set('Authorization', c.auth)).status).toBe(403);
      expect((await t.http().get('/api/staff/jobs/reported').set('Authorization', d.auth)).status).toBe(403);
    });
  });

  describe('publishing', () => {
    it.each([
      ['title', '前台接待（仅限女性）', '仅限女性'],
      ['description', '负责社区服务工作，仅限大连户籍，工作稳定。', '仅限大连户籍'],
      ['description', '负责算法研究，只招985院校毕业生，待遇优厚。', '只招985院校'],
      ['description', '负责客户接待，28岁以下，普通话标准。', '28岁以下'],
      ['description', '负责行政事务，已婚已育优先，工作稳定。', '已婚已育优先'],
      ['description', '负责前台接待，形象好气质佳，周末双休。', '形象好气质佳'],
      ['description', '负责食品加工，乙肝携带者勿扰，包食宿。', '乙肝'],
      ['title', '高薪诚聘销售代表', '高薪'],
      ['description', '负责门店销售，入职需交押金500元，离职退还。', '需交押金'],
      ['tags', ['先培训后上岗', '培训费可分期'], '先培训后上岗'],
    ])('should refuse discriminatory wording in %s and name "%s"', async (field, text, phrase) => {
      const r = await recruiterWithEnterprise();
      const res = await t.http().post('/api/recruiter/jobs').set('Authorization', r.auth).send(jobInput({ [field]: text }));
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('JOB_CONTENT_REJECTED');
      expect(res.body.field).toBe(field);
      expect(res.body.message).toContain(`“${phrase}”`);
      expect(await t.db.model(JobModel).countDocuments({ enterpriseId: new Types.ObjectId(r.enterpriseId) })).toBe(0);
    });

    it('should name every offending phrase in one refusal and publish legitimate wording', async () => {
      const r = await recruiterWithEnterprise();
      const res = await t.http().post('/api/recruiter/jobs').set('Authorization', r.auth)
        .send(jobInput({ description: '负责客服工作，35岁以下，未婚，限本地户口，无传染病史，体检费自理。' }));
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'JOB_CONTENT_REJECTED', field: 'description' });
      for (const phrase of ['35岁以下', '未婚', '限本地户口', '无传染病史', '体检费自理']) expect(res.body.message).toContain(`“${phrase}”`);
      expect(await t.db.model(JobModel).countDocuments({ enterpriseId: new Types.ObjectId(r.enterpriseId) })).toBe(0);
      const fine = await t.http().post('/api/recruiter/jobs').set('Authorization', r.auth)
        .send(jobInput({ description: '年龄不限，男女不限，不收取任何费用，提供免费培训，五险一金。', tags: ['五险一金', '提供免费培训'] }));
      expect(fine.status).toBe(200);
    });

    it('should refuse text that WeChat msgSecCheck finds risky', async () => {
      wx.setRiskyWords(['违禁测试词']);
      const r = await recruiterWithEnterprise();
      const res = await t.http().post('/api/recruiter/jobs').set('Authorization', r.auth).send(jobInput({ description: '岗位介绍包含违禁测试词，需要拦截。' }));
      wx.setRiskyWords([]);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('JOB_CONTENT_REJECTED');
    });

    it('should answer 422 to a past deadline and an inverted salary range', async () => {
      const r = await recruiterWithEnterprise();
      const past = await t.http().post('/api/recruiter/jobs').set('Authorization', r.auth).send(jobInput({ deadline: inDays(-1) }));
      expect(past.status).toBe(422);
      expect(past.body.field).toBe('deadline');
      const salary = await t.http().post('/api/recruiter/jobs').set('Authorization', r.auth).send(jobInput({ salaryMin: 9000, salaryMax: 8000 }));
      expect(salary.status).toBe(422);
      expect(salary.body.field).toBe('salaryMax');
    });
  });

  describe('feed', () => {
    let rA: Awaited<ReturnType<typeof recruiterWithEnterprise>>;

    beforeAll(async () => {
      rA = await recruiterWithEnterprise();
      await publish(rA.auth, { title: '海洋渔业技术员', kind: 'traineeship', district: '210283', majors: ['水产养殖学'], education: 'associate', salaryMin: 3000, salaryMax: 4000 });
      await publish(rA.auth, { title: '嵌入式软件开发工程师', majors: ['电子信息工程'], salaryMin: 9000, salaryMax: 15000, education: 'master' });
    });

    it('should filter by kind, district, education, salary and major', async () => {
      const trainee = await t.http().get('/api/jobs?kind=traineeship&district=210283');
      expect(trainee.body.items.map((j: { title: string }) => j.title)).toEqual(['海洋渔业技术员']);
      const associate = await t.http().get('/api/jobs?education=associate&limit=50');
      expect(associate.body.items.every((j: { education: string }) => j.education === 'associate')).toBe(true);
      const rich = await t.http().get('/api/jobs?salaryMin=12000');
      expect(rich.body.items.map((j: { title: string }) => j.title)).toContain('嵌入式软件开发工程师');
      expect(rich.body.items.every((j: { salaryMax: number }) => j.salaryMax >= 12000)).toBe(true);
      const major = await t.http().get(`/api/jobs?major=${encodeURIComponent('水产养殖学')}`);
      expect(major.body.items).toHaveLength(1);
      const industry = await t.http().get(`/api/jobs?industry=${encodeURIComponent('信息传输、软件和信息技术服务业')}&limit=50`);
      expect(industry.body.items.length).toBeGreaterThanOrEqual(2);
    });

    it('should find jobs by a Chinese keyword inside the title', async () => {
      const res = await t.http().get(`/api/jobs?q=${encodeURIComponent('渔业')}`);
      expect(res.body.items.map((j: { title: string }) => j.title)).toEqual(['海洋渔业技术员']);
      const none = await t.http().get(`/api/jobs?q=${encodeURIComponent('飞行员')}`);
      expect(none.body.items).toEqual([]);
    });

    it('should page without repeats or gaps while new jobs are published', async () => {
      const r = await recruiterWithEnterprise();
      for (let i = 0; i < 5; i++) await publish(r.auth, { title: `分页测试岗位${i}` });
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await t.http().get(`/api/jobs?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((j: { id: string }) => j.id));
        cursor = res.body.nextCursor;
        if (pages === 0) await publish(r.auth, { title: '翻页期间新发布的岗位' });
        pages += 1;
      } while (cursor && pages < 100);
      expect(new Set(seen).size).toBe(seen.length);
      const all = await t.db.model(JobModel).countDocuments({ status: 'published', deadline: { $gte: new Date() } });
      expect(seen.length).toBe(all - 1);
    });

    it('should answer 400 CURSOR_INVALID to a tampered cursor, and to a feed cursor replayed on recommendations', async () => {
      const first = await t.http().get('/api/jobs?limit=1');
      const [body, sig] = (first.body.nextCursor as string).split('.');
      const tampered = `${body.slice(0, -2)}AA.${sig}`;
      const res = await t.http().get(`/api/jobs?cursor=${encodeURIComponent(tampered)}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('CURSOR_INVALID');
      const s = await student();
      const rec = await t.http().get(`/api/jobs/recommended?cursor=${encodeURIComponent(first.body.nextCursor as string)}`).set('Authorization', s.auth);
      expect(rec.status).toBe(400);
      expect(rec.body.code).toBe('CURSOR_INVALID');
    });

    it('should recommend by match with reasons, best first', async () => {
      const s = await student();
      const res = await t.http().get('/api/jobs/recommended?limit=50').set('Authorization', s.auth);
      expect(res.status).toBe(200);
      const scores = res.body.items.map((j: { score: number }) => j.score);
      expect([...scores].sort((a: number, b: number) => b - a)).toEqual(scores);
      const top = res.body.items[0];
      expect(top.reasons).toEqual(expect.arrayContaining(['专业对口', '意向区域']));
      const embedded = res.body.items.find((j: { title: string }) => j.title === '嵌入式软件开发工程师');
      expect(embedded?.reasons ?? []).not.toContain('学历符合');
    });

    it('should page recommendations by (score, id) without repeats', async () => {
      const s = await student();
      const all = await t.http().get('/api/jobs/recommended?limit=50').set('Authorization', s.auth);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await t.http().get(`/api/jobs/recommended?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).set('Authorization', s.auth);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((j: { id: string }) => j.id));
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 50);
      expect(seen).toEqual(all.body.items.map((j: { id: string }) => j.id));
    });

    it('should drop closed and taken-down jobs from the feed at once, though the first page is cached', async () => {
      const r = await recruiterWithEnterprise();
      const job = await publish(r.auth, { title: '即将关闭的岗位' });
      const before = await t.http().get('/api/jobs?limit=5');
      expect(before.body.items.map((j: { id: string }) => j.id)).toContain(job.id);
      await t.http().post(`/api/recruiter/jobs/${job.id}/close`).set('Authorization', r.auth);
      const after = await t.http().get('/api/jobs?limit=5');
      expect(after.body.items.map((j: { id: string }) => j.id)).not.toContain(job.id);
      expect((await t.http().get(`/api/jobs/${job.id}`)).status).toBe(404);

      const other = await publish(r.auth, { title: '将被下架的岗位' });
      await t.http().get('/api/jobs?limit=5');
      const down = await t.http().post(`/api/staff/jobs/${other.id}/take-down`).set('Authorization', bureau.auth).send({ reason: '虚假招聘信息' });
      expect(down.body.status).toBe('taken-down');
      const feed = await t.http().get('/api/jobs?limit=5');
      expect(feed.body.items.map((j: { id: string }) => j.id)).not.toContain(other.id);
      expect(await t.db.model(AuditModel).countDocuments({ targetId: other.id, action: 'job.take-down' })).toBe(1);
    });

    it('should answer a repeated first page from the cached bytes, with an ETag, and drop it when jobs change', async () => {
      const r = await recruiterWithEnterprise();
      await publish(r.auth, { title: '缓存首页岗位甲' });
      const first = await t.http().get('/api/jobs?limit=4&kind=fulltime');
      expect(first.status).toBe(200);
      expect(first.headers['x-feed-cache']).toBeUndefined();
      const hit = await t.http().get('/api/jobs?limit=4&kind=fulltime');
      expect(hit.status).toBe(200);
      expect(hit.headers['x-feed-cache']).toBe('hit');
      expect(hit.headers['content-type']).toMatch(/application\/json/);
      expect(hit.headers['x-request-id']).toBeTruthy();
      expect(hit.body).toEqual(first.body);
      const unchanged = await t.http().get('/api/jobs?limit=4&kind=fulltime').set('If-None-Match', hit.headers.etag);
      expect(unchanged.status).toBe(304);

      // Only query strings that validated reach the cache: a bad one still gets its 422.
      const bad = await t.http().get('/api/jobs?limit=4&kind=fulltime&education=nonsense');
      expect(bad.status).toBe(422);

      const added = await publish(r.auth, { title: '缓存首页岗位乙' });
      const after = await t.http().get('/api/jobs?limit=4&kind=fulltime');
      expect(after.headers['x-feed-cache']).toBeUndefined();
      expect(after.body.items[0].id).toBe(added.id);
      const stale = await t.http().get('/api/jobs?limit=4&kind=fulltime').set('If-None-Match', hit.headers.etag);
      expect(stale.status).toBe(200);
      expect(stale.body.items[0].id).toBe(added.id);
    });

    it('should not answer from the cached bytes once a job on the page is past its deadline', async () => {
      const r = await recruiterWithEnterprise();
      const job = await publish(r.auth, { title: '首页上即将截止的岗位' });
      const closesAt = Date.now() + 2_000;
      // Written behind the service's back, so nothing invalidates: only the deadline check can help.
      await t.db.model(JobModel).updateOne({ _id: new Types.ObjectId(job.id) }, { $set: { deadline: new Date(closesAt) } });
      await t.http().get('/api/jobs?limit=3');
      const jobs = await t.app.getApplicationContext().getAsync(JobService);
      expect(jobs.hotFeedResponse('limit=3', closesAt - 1_000)).toBeDefined();
      expect(jobs.hotFeedResponse('limit=3', closesAt + 1_000)).toBeUndefined();
    });

    it('should not list a job past its deadline', async () => {
      const r = await recruiterWithEnterprise();
      const job = await publish(r.auth, { title: '已过截止日期的岗位' });
      await t.db.model(JobModel).updateOne({ _id: new Types.ObjectId(job.id) }, { $set: { deadline: new Date(Date.now() - 1000) } });
      const res = await t.http().get(`/api/jobs?q=${encodeURIComponent('截止日期')}`);
      expect(res.body.items).toEqual([]);
    });
  });

  describe('reports', () => {
    it('should freeze a job at the third distinct report and refuse a repeat', async () => {
      const r = await recruiterWithEnterprise();
      const job = await publish(r.auth, { title: '被举报的岗位' });
      const students = [await student(), await student(), await student()];
      const first = await t.http().post(`/api/jobs/${job.id}/reports`).set('Authorization', students[0].auth).send({ reason: '收取押金' });
      expect(first.body).toEqual({ frozen: false });
      const repeat = await t.http().post(`/api/jobs/${job.id}/reports`).set('Authorization', students[0].auth).send({ reason: '收取押金' });
      expect(repeat.status).toBe(409);
      expect(repeat.body.code).toBe('JOB_ALREADY_REPORTED');
      await t.http().post(`/api/jobs/${job.id}/reports`).set('Authorization', students[1].auth).send({ reason: '虚假信息' });
      const third = await t.http().post(`/api/jobs/${job.id}/reports`).set('Authorization', students[2].auth).send({ reason: '虚假信息' });
      expect(third.body).toEqual({ frozen: true });
      expect((await t.http().get(`/api/jobs/${job.id}`)).status).toBe(404);
      const reported = await t.http().get('/api/staff/jobs/reported').set('Authorization', bureau.auth);
      expect(reported.body.items.find((j: { id: string }) => j.id === job.id)).toMatchObject({ status: 'frozen' });
      const restored = await t.http().post(`/api/staff/jobs/${job.id}/restore`).set('Authorization', bureau.auth).send({ reason: '核实无问题' });
      expect(restored.body.status).toBe('published');
    });
  });

  describe('reported jobs for staff', () => {
    it('should page through reported jobs, most reported first, each once', async () => {
      const r = await recruiterWithEnterprise();
      const jobs: Array<{ id: string }> = [];
      for (let i = 0; i < 5; i += 1) jobs.push(await publish(r.auth, { title: `分页举报岗位${i}` }));
      // Report counts 2, 1, 2, 1, 1 (the counts tie, so paging must also go by id).
      for (const [i, count] of [2, 1, 2, 1, 1].entries()) {
        await t.db.model(JobModel).updateOne({ _id: new Types.ObjectId(jobs[i].id) }, { $set: { reportCount: count } });
      }
      const seen: Array<{ id: string; reportCount?: number }> = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await t.http()
          .get(`/api/staff/jobs/reported?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
          .set('Authorization', bureau.auth);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 20);
      const mine = seen.filter(j => jobs.some(p => p.id === j.id)).map(j => j.id);
      expect(new Set(seen.map(j => j.id)).size).toBe(seen.length);
      expect(mine).toHaveLength(5);
      expect(mine.slice(0, 2).sort()).toEqual([jobs[0].id, jobs[2].id].sort());
    });

    it('should answer 400 CURSOR_INVALID to a tampered cursor', async () => {
      const res = await t.http().get('/api/staff/jobs/reported?cursor=eyJ4Ijox.abc').set('Authorization', bureau.auth);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('CURSOR_INVALID');
    });
  });

  describe('applications', () => {
    it('should refuse an application from a student with an incomplete profile', async () => {
      const r = await recruiterWithEnterprise();
      const job = await publish(r.auth);
      const s = await t.user({ roles: ['student'] });
      const res = await t.http().post(`/api/jobs/${job.id}/applications`).set('Authorization', s.auth);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('PROFILE_INCOMPLETE');
    });

    it('should refuse a "PDF" that is really an executable and keep nothing', async () => {
      const r = await recruiterWithEnterprise();
      const job = await publish(r.auth);
      const s = await student();
      const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
      const res = await t.http().post(`/api/jobs/${job.id}/applications`).set('Authorization', s.auth).attach('file', exe, 'resume.pdf');
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('FILE_TYPE_INVALID');
      expect(await t.db.model(ApplicationModel).countDocuments({ jobId: new Types.ObjectId(job.id) })).toBe(0);
    });

    it('should refuse a résumé over the size limit with 413 FILE_TOO_LARGE', async () => {
      const r = await recruiterWithEnterprise();
      const job = await publish(r.auth);
      const s = await student();
      const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 * 1024 * 1024 + 10, 0x20)]);
      const res = await t.http().post(`/api/jobs/${job.id}/applications`).set('Authorization', s.auth).attach('file', big, 'resume.pdf');
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('FILE_TOO_LARGE');
    });

    it('should create one application when the same student applies twice at once', async () => {
      const r = await recruiterWithEnterprise();
      const job = await publish(r.auth);
      const s = await student();
      const results = await Promise.all(
        Array.from({ length: 5 }, () => t.http().post(`/api/jobs/${job.id}/applications`).set('Authorization', s.auth)),
      );
      const statuses = results.map(res => res.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409, 409]);
      expect(results.filter(res => res.status === 409).every(res => res.body.code === 'JOB_ALREADY_APPLIED')).toBe(true);
      expect(await t.db.model(ApplicationModel).countDocuments({ jobId: new Types.ObjectId(job.id) })).toBe(1);
    });

    it('should never show a recruiter another enterprise\'s applicants or let them move one', async () => {
      const rA = await recruiterWithEnterprise();
      const rB = await recruiterWithEnterprise();
      const job = await publish(rA.auth);
      const s = await student();
      const applied = await t.http().post(`/api/jobs/${job.id}/applications`).set('Authorization', s.auth);
      const list = await t.http().get(`/api/recruiter/jobs/${job.id}/applications`).set('Authorization', rB.auth);
      expect(list.status).toBe(404);
      expect(JSON.stringify(list.body)).not.toContain(studentProfile.name);
      const move = await t.http().put(`/api/recruiter/applications/${applied.body.id}/status`).set('Authorization', rB.auth).send({ to: 'viewed' });
      expect(move.status).toBe(404);
      const resume = await t.http().get(`/api/recruiter/applications/${applied.body.id}/resume`).set('Authorization', rB.auth);
      expect(resume.status).toBe(404);
      const stored = await t.db.model(ApplicationModel).findById(applied.body.id).lean();
      expect(stored?.status).toBe('submitted');
      const own = await t.http().get(`/api/recruiter/jobs/${job.id}/applications`).set('Authorization', rA.auth);
      expect(own.body.items).toHaveLength(1);
      expect(own.body.items[0].profile.name).toBe('李明');
    });

    it('should walk 已投递 → 已查看 → 面试 → 录用 with notes, notify the student where they have credit, and record the destination', async () => {
      const r = await recruiterWithEnterprise();
      const job = await publish(r.auth, { headcount: 1 });
      const openid = 'openid-applicant-walk';
      const s = await student(openid);
      wx.grantSubscribeCredit(openid, TEMPLATE, 1);
      const resumeFile = pdf('résumé of the walk test');
      const applied = await t.http().post(`/api/jobs/${job.id}/applications`).set('Authorization', s.auth).attach('file', resumeFile, 'resume.pdf');
      expect(applied.status).toBe(200);
      expect(applied.body).toMatchObject({ status: 'submitted', hasResume: true });
      const id = applied.body.id as string;

      const skip = await t.http().put(`/api/recruiter/applications/${id}/status`).set('Authorization', r.auth).send({ to: 'hired' });
      expect(skip.status).toBe(409);
      expect(skip.body).toMatchObject({ code: 'APPLICATION_TRANSITION_INVALID', field: 'to' });

      const resume = await t.http().get(`/api/recruiter/applications/${id}/resume`).set('Authorization', r.auth).buffer(true);
      expect(resume.status).toBe(200);
      expect(resume.headers['content-type']).toBe('application/pdf');
      expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(String(resume.headers['content-disposition']))?.[1] ?? '')).toBe('简历-李明-软件开发工程师.pdf');

      // 邀请面试 carries when, where, whom to call: without them, in the past, or on another step it is refused.
      const status = (body: object) => t.http().put(`/api/recruiter/applications/${id}/status`).set('Authorization', r.auth).send(body);
      expect((await status({ to: 'viewed' })).status).toBe(200);
      const bare = await status({ to: 'interview', note: '周三上午10点面试' });
      expect(bare.status).toBe(422);
      expect(bare.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'interview' });
      const past = await status({ to: 'interview', interview: interviewInvitation({ startsAt: new Date(Date.now() - 3600_000).toISOString() }) });
      expect(past.status).toBe(422);
      expect(past.body.field).toBe('interview.startsAt');
      const noPlace = await status({ to: 'interview', interview: interviewInvitation({ mode: 'online', location: '' }) });
      expect(noPlace.body.field).toBe('interview.location');
      const badPhone = await status({ to: 'interview', interview: interviewInvitation({ contactPhone: '12345' }) });
      expect(badPhone.body.field).toBe('interview.contactPhone');
      expect((await status({ to: 'rejected', interview: interviewInvitation() })).body.field).toBe('interview');
      const invitation = interviewInvitation({ mode: 'online', location: '腾讯会议 123 456 789', contactPhone: '13912345678' });
      for (const [to, note] of [['interview', '周三上午10点面试'], ['hired', '欢迎加入']] as const) {
        const res = await status({ to, note, ...(to === 'interview' ? { interview: invitation } : {}) });
        expect(res.status).toBe(200);
        expect(res.body.status).toBe(to);
      }
      const mine = await t.http().get('/api/me/applications').set('Authorization', s.auth);
      expect(mine.body.items[0].steps.map((st: { status: string }) => st.status)).toEqual(['submitted', 'viewed', 'interview', 'hired']);
      expect(mine.body.items[0].steps[2].note).toBe('周三上午10点面试');
      expect(mine.body.items[0].interview).toEqual({ ...invitation, startsAt: new Date(invitation.startsAt).toISOString() });

      // Every step reaches the student's inbox; with one credit only the first card (已查看) got
      // through, the later ones were refused by WeChat without an error.
      const inbox = await t.http().get('/api/inbox').set('Authorization', s.auth);
      expect(inbox.body.items.map((i: { title: string }) => i.title)).toEqual([
        '录用通知：软件开发工程师',
        '面试邀请：软件开发工程师',
        '简历已被查看：软件开发工程师',
      ]);
      await (await t.app.getApplicationContext().getAsync(PushWorker)).drain();
      const sent = wx.sent.filter(m => m.touser === openid);
      expect(sent).toHaveLength(1);
      expect(sent[0].data.phrase3.value).toBe('已查看');
      expect((await t.db.model(ApplicationModel).findById(id).lean())?.pendingNotices).toEqual([]);

      const destination = await t.db.model(DestinationModel).findOne({ studentId: s.doc._id }).lean();
      expect(destination).toMatchObject({ source: 'job-application', kind: 'fulltime', district: 'hitech' });
      const stored = await t.db.model(JobModel).findById(job.id).lean();
      expect(stored).toMatchObject({ status: 'filled', hiredCount: 1, applicationCount: 1 });
      expect((await t.http().get(`/api/jobs/${job.id}`)).status).toBe(404);
      expect(await t.db.model(AuditModel).countDocuments({ targetId: id, action: 'application.move' })).toBe(3);
    });

    it('should record only one step when two recruiters move the same application at once', async () => {
      const r = await recruiterWithEnterprise();
      const job = await publish(r.auth);
      const s = await student();
      const applied = await t.http().post(`/api/jobs/${job.id}/applications`).set('Authorization', s.auth);
      const results = await Promise.all([
        t.http().put(`/api/recruiter/applications/${applied.body.id}/status`).set('Authorization', r.auth).send({ to: 'viewed' }),
        t.http().put(`/api/recruiter/applications/${applied.body.id}/status`).set('Authorization', r.auth).send({ to: 'viewed' }),
      ]);
      expect(results.map(res => res.status).sort()).toEqual([200, 409]);
      const stored = await t.db.model(ApplicationModel).findById(applied.body.id).lean();
      expect(stored?.steps).toHaveLength(2);
    });

    it('should refuse applying to a closed job', async () => {
      const r = await recruiterWithEnterprise();
      const job = await publish(r.auth);
      await t.http().post(`/api/recruiter/jobs/${job.id}/close`).set('Authorization', r.auth);
      const s = await student();
      const res = await t.http().post(`/api/jobs/${job.id}/applications`).set('Authorization', s.auth);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('JOB_NOT_OPEN');
    });
  });
});
