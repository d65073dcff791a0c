import { Types } from 'mongoose';
import type { JobDetail, JobSummary, MyApplication } from '../../../server/src/contract/job';
import type { InboxItem } from '../../../server/src/contract/notice';
import type { SlowEnterprise } from '../../../server/src/contract/responsiveness';
import { ApplicationModel } from '../../../server/src/modules/job/application.model';
import { ApplicationService } from '../../../server/src/modules/job/application.service';
import { ResponsivenessModel } from '../../../server/src/modules/job/responsiveness.model';
import { ResponsivenessService } from '../../../server/src/modules/job/responsiveness.service';
import { NoticeService } from '../../../server/src/modules/notice/notice.service';
import { PushWorker } from '../../../server/src/modules/notice/push.worker';
import { FakeWeChatServer } from '../support/fake-wechat';
import { interviewInvitation, jobInput, postedJob, recruiterWithEnterprise, studentProfile, type Who } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const TEMPLATE = 'tmpl-application-status';
const DAY = 24 * 3600_000;

describe('recruiter responsiveness and applications closed as 未反馈 (issue 17 §2)', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_responsiveness', secret: 'responsiveness_secret' });
  let t: TestApp;
  let applications: ApplicationService;
  let responsiveness: ResponsivenessService;
  let notices: NoticeService;
  let worker: PushWorker;
  let bureau: Who;
  let seq = 0;

  beforeAll(async () => {
    const apiBase = await wx.start();
    wx.defineTemplate(TEMPLATE, ['thing1', 'thing2', 'phrase3', 'thing4']);
    t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase }, notice: { templates: { applicationStatus: TEMPLATE } } });
    const ctx = t.app.getApplicationContext();
    applications = await ctx.getAsync(ApplicationService);
    responsiveness = await ctx.getAsync(ResponsivenessService);
    notices = await ctx.getAsync(NoticeService);
    worker = await ctx.getAsync(PushWorker);
    bureau = await t.user({ roles: ['bureau'] });
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  async function apply(jobId: string) {
    seq += 1;
    const openid = `openid-responsive-${seq}`;
    const s = await t.user({ roles: ['student'], profile: studentProfile({ name: '林晓', graduationYear: 2026 }), openid });
    wx.grantSubscribeCredit(openid, TEMPLATE, 5);
    const res = await t.http().post(`/api/jobs/${jobId}/applications`).set('Authorization', s.auth);
    expect(res.status).toBe(200);
    return { ...s, openid, applicationId: res.body.id as string };
  }

  const move = (recruiter: Who, id: string, to: string) =>
    t.http().put(`/api/recruiter/applications/${id}/status`).set('Authorization', recruiter.auth).send({ to, ...(to === 'interview' ? { interview: interviewInvitation() } : {}) });

  /** Moves an application's whole history `days` back, as if it had been made then. */
  async function age(id: string, days: number): Promise<void> {
    const doc = await t.db.model(ApplicationModel).findById(id).lean();
    const back = (d: Date) => new Date(d.getTime() - days * DAY);
    // Through the driver: mongoose keeps createdAt immutable.
    await t.db
      .model(ApplicationModel)
      .collection.updateOne({ _id: doc!._id }, { $set: { createdAt: back(doc!.createdAt), updatedAt: back(doc!.updatedAt), steps: doc!.steps.map(s => ({ ...s, at: back(s.at) })) } });
  }

  const inbox = async (auth: string): Promise<InboxItem[]> => (await t.http().get('/api/inbox').set('Authorization', auth)).body.items as InboxItem[];

  describe('the staff list of the slowest enterprises', () => {
    it('should refuse a guest with 401 and a student or recruiter with 403', async () => {
      expect((await t.http().get('/api/staff/jobs/slow-enterprises')).status).toBe(401);
      const student = await t.user({ roles: ['student'] });
      const recruiter = await t.user({ roles: ['recruiter'] });
      expect((await t.http().get('/api/staff/jobs/slow-enterprises').set('Authorization', student.auth)).status).toBe(403);
      expect((await t.http().get('/api/staff/jobs/slow-enterprises').set('Authorization', recruiter.auth)).status).toBe(403);
    });

    it('should refuse a limit out of range with 422', async () => {
      const res = await t.http().get('/api/staff/jobs/slow-enterprises?limit=500').set('Authorization', bureau.auth);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('closing applications left untouched', () => {
    let recruiter: Who & { enterpriseId: string };
    let jobId: string;

    beforeAll(async () => {
      recruiter = await recruiterWithEnterprise(t, bureau);
      jobId = await postedJob(t, recruiter, jobInput({ title: '数据分析助理', headcount: 20 }));
    });

    it('should close an application untouched for 14 days as 未反馈 and tell the student in the inbox and by a card', async () => {
      const s = await apply(jobId);
      await age(s.applicationId, 15);
      // The worker's reminder check runs the registered source.
      expect(await notices.sendReminders(new Date())).toBeGreaterThanOrEqual(1);

      const mine = (await t.http().get('/api/me/applications').set('Authorization', s.auth)).body.items as MyApplication[];
      expect(mine[0]).toMatchObject({ id: s.applicationId, status: 'unanswered' });
      expect(mine[0].steps.map(step => step.status)).toEqual(['submitted', 'unanswered']);
      const [item] = await inbox(s.auth);
      expect(item).toMatchObject({
        source: 'application',
        title: '投递未获反馈：数据分析助理',
        page: 'packages/job/pages/applications/index',
      });
      expect(item.summary).toContain('15天内未处理你投递的「数据分析助理」');
      await worker.drain();
      const cards = wx.sent.filter(m => m.touser === s.openid);
      expect(cards.map(m => m.data.phrase3.value)).toEqual(['未反馈']);
      expect((await t.db.model(ApplicationModel).findById(s.applicationId).lean())?.pendingNotices).toEqual([]);
    });

    it('should close once when two workers run the check at the same time', async () => {
      const s = await apply(jobId);
      await age(s.applicationId, 20);
      const now = new Date();
      const [a, b] = await Promise.all([applications.closeStale(now), applications.closeStale(now)]);
      expect(a + b).toBe(1);
      expect(await inbox(s.auth)).toHaveLength(1);
      expect(await applications.closeStale(now)).toBe(0);
    });

    it('should leave the recruiter no step on a closed application', async () => {
      const s = await apply(jobId);
      await age(s.applicationId, 15);
      await applications.closeStale(new Date());
      const res = await move(recruiter, s.applicationId, 'viewed');
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('APPLICATION_TRANSITION_INVALID');
    });

    it('should count the period from the recruiter’s last step, and never close one at 面试', async () => {
      const viewed = await apply(jobId);
      const interviewed = await apply(jobId);
      expect((await move(recruiter, viewed.applicationId, 'viewed')).status).toBe(200);
      expect((await move(recruiter, interviewed.applicationId, 'viewed')).status).toBe(200);
      expect((await move(recruiter, interviewed.applicationId, 'interview')).status).toBe(200);
      await age(interviewed.applicationId, 40);
      // Applied 20 days ago, viewed 10 days ago: not yet.
      const doc = await t.db.model(ApplicationModel).findById(viewed.applicationId).lean();
      const steps = doc!.steps.map((s, i) => ({ ...s, at: new Date(Date.now() - (i === 0 ? 20 : 10) * DAY) }));
      await t.db.model(ApplicationModel).collection.updateOne({ _id: doc!._id }, { $set: { steps, createdAt: steps[0].at, updatedAt: steps[1].at } });
      await applications.closeStale(new Date());
      expect((await t.db.model(ApplicationModel).findById(viewed.applicationId).lean())?.status).toBe('viewed');
      expect((await t.db.model(ApplicationModel).findById(interviewed.applicationId).lean())?.status).toBe('interview');
      // Four days later the viewed one has waited 14 days since its last step.
      expect(await applications.closeStale(new Date(Date.now() + 4 * DAY + 60_000))).toBe(1);
      expect((await t.db.model(ApplicationModel).findById(viewed.applicationId).lean())?.status).toBe('unanswered');
    });

    it('should refuse to move an application to 未反馈 through the recruiter route', async () => {
      const s = await apply(jobId);
      const res = await move(recruiter, s.applicationId, 'unanswered');
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('the responsiveness line on job cards and job pages', () => {
    let recruiter: Who & { enterpriseId: string };
    let jobId: string;
    const answered: string[] = [];

    beforeAll(async () => {
      recruiter = await recruiterWithEnterprise(t, bureau);
      jobId = await postedJob(t, recruiter, jobInput({ title: '嵌入式软件工程师', headcount: 30 }));
      for (let i = 0; i < 10; i += 1) answered.push((await apply(jobId)).applicationId);
    });

    const card = async (): Promise<JobSummary | undefined> => {
      const page = (await t.http().get('/api/jobs').query({ q: '嵌入式软件', limit: 10 })).body.items as JobSummary[];
      return page.find(j => j.id === jobId);
    };
    const detail = async (): Promise<JobDetail> => (await t.http().get(`/api/jobs/${jobId}`)).body as JobDetail;

    it('should show nothing while fewer than 10 applications are settled', async () => {
      for (const id of answered.slice(0, 9)) {
        expect((await move(recruiter, id, 'viewed')).status).toBe(200);
        expect((await move(recruiter, id, id === answered[0] ? 'rejected' : 'interview')).status).toBe(200);
      }
      await responsiveness.recomputeDue(new Date());
      const row = await t.db.model(ResponsivenessModel).findById(recruiter.enterpriseId).lean();
      expect(row).toMatchObject({ applications: 10, settled: 9, answered: 9, enough: false, dirtyAt: null });
      expect((await detail()).responsiveness).toBeUndefined();
    });

    it('should show 通常 N 天内反馈 and the answered share on the card and the page once 10 are settled', async () => {
      const last = answered[9];
      expect((await move(recruiter, last, 'rejected')).status).toBe(200);
      expect(await responsiveness.recomputeDue(new Date())).toBeGreaterThanOrEqual(1);
      const expected = { line: '通常 1 天内反馈', answeredLine: '近90天答复率 100%', typicalDays: 1, answeredPercent: 100 };
      expect((await detail()).responsiveness).toEqual(expected);
      expect((await card())?.responsiveness).toEqual(expected);
    });

    it('should list the enterprise for staff with its figures, slowest first', async () => {
      const res = await t.http().get('/api/staff/jobs/slow-enterprises?limit=50').set('Authorization', bureau.auth);
      expect(res.status).toBe(200);
      const rows = res.body as SlowEnterprise[];
      const mine = rows.find(r => r.enterpriseId === recruiter.enterpriseId);
      expect(mine).toMatchObject({ enterpriseName: expect.stringMatching(/^大连测试\d+号科技有限公司$/), figures: { settled: 10, answered: 10 }, unanswered: 0 });
    });

    it('should compute each changed enterprise once when two workers recompute at the same time', async () => {
      const ids = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
      for (const id of ids) await responsiveness.markChanged(id);
      const now = new Date();
      const [a, b] = await Promise.all([responsiveness.recomputeDue(now), responsiveness.recomputeDue(now)]);
      expect(a + b).toBe(3);
      expect(await responsiveness.recomputeDue(now)).toBe(0);
    });

    it('should leave a row another worker holds until its lease ends, then recompute it', async () => {
      const id = new Types.ObjectId();
      const now = new Date();
      await t.db.model(ResponsivenessModel).create({ _id: id, dirtyAt: now, claim: 'another-worker', leaseUntil: new Date(now.getTime() + 30_000) });
      expect(await responsiveness.recomputeDue(now)).toBe(0);
      expect(await responsiveness.recomputeDue(new Date(now.getTime() + 31_000))).toBe(1);
      expect(await t.db.model(ResponsivenessModel).findById(id).lean()).toMatchObject({ claim: null, dirtyAt: null, applications: 0 });
    });

    it('should compute again a row whose enterprise changed while it was being computed', async () => {
      const id = new Types.ObjectId();
      const rows = t.db.model(ResponsivenessModel);
      await responsiveness.markChanged(id, new Date(Date.now() - 1000));
      const model = t.db.model(ApplicationModel);
      const realFind = model.find.bind(model);
      let changes = 0;
      // A change lands between the claim and the write of the figures (once).
      const spy = jest.spyOn(model, 'find').mockImplementation(((...args: Parameters<typeof realFind>) => ({
        lean: async () => {
          if (changes++ === 0) await responsiveness.markChanged(id, new Date());
          return realFind(...args).lean();
        },
      })) as unknown as typeof model.find);
      try {
        // The first computation leaves the row dirty, so it is claimed and computed again.
        expect(await responsiveness.recomputeDue(new Date(Date.now() + 1000))).toBe(2);
      } finally {
        spy.mockRestore();
      }
      expect((await rows.findById(id).lean())?.dirtyAt).toBeNull();
      expect(await responsiveness.recomputeDue(new Date(Date.now() + 1000))).toBe(0);
    });

    it('should recompute a row a day old even without changes, as the window slides', async () => {
      const later = new Date(Date.now() + DAY + 60_000);
      const n = await responsiveness.recomputeDue(later);
      expect(n).toBeGreaterThanOrEqual(1);
      expect((await t.db.model(ResponsivenessModel).findById(recruiter.enterpriseId).lean())?.computedAt).toEqual(later);
    });
  });
});
