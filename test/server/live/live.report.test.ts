import { Types } from 'mongoose';
import type { ComplaintStaffView, ComplaintView } from '../../../server/src/contract/complaint';
import type { LiveReportInput, LiveSessionDetail } from '../../../server/src/contract/live';
import { ComplaintModel } from '../../../server/src/modules/complaint/complaint.model';
import { JobModel } from '../../../server/src/modules/job/job.model';
import { LiveMessageModel, LiveSessionModel } from '../../../server/src/modules/live/live.model';
import { enterprise, publishedJob, type Who } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

describe('reports from the live room (举报)', () => {
  let t: TestApp;
  let host: Who;
  let bureau: Who;
  let enterpriseId: Types.ObjectId;
  let jobIds: string[];
  let outsideJob: string;
  let sessionId: string;
  let startedAt: Date;
  let keySeq = 0;

  const key = () => `live-report-key-${String((keySeq += 1)).padStart(4, '0')}`;
  const body = (patch: Partial<LiveReportInput> = {}): LiveReportInput => ({
    idempotencyKey: key(),
    target: 'job',
    jobId: jobIds[0],
    shownAt: new Date().toISOString(),
    category: 'fake-job',
    description: '主播说入职前要先交三千元培训费，卡片上写的月薪也和口播不一致',
    phone: '13800138000',
    ...patch,
  });
  const report = (who: Who | null, b: object, id = sessionId) => {
    const req = t.http().post(`/api/live/sessions/${id}/reports`);
    return who ? req.set('Authorization', who.auth).send(b) : req.send(b);
  };

  beforeAll(async () => {
    t = await createTestApp();
    host = await t.user({ roles: ['recruiter'] });
    bureau = await t.user({ roles: ['bureau'] });
    const ent = await enterprise(t, { recruiters: [host], district: 'hitech', name: '大连举报测试有限公司' });
    enterpriseId = ent.id;
    jobIds = [];
    for (const title of ['销售顾问', '储备干部']) jobIds.push((await publishedJob(t, ent, { title, salaryMin: 5000, salaryMax: 8000 })).toHexString());
    outsideJob = (await publishedJob(t, ent, { title: '场外岗位' })).toHexString();
    const res = await t.http().post('/api/live/sessions').set('Authorization', host.auth)
      .send({ title: '高薪岗位直播', startAt: new Date(Date.now() + 3_600_000).toISOString(), jobIds });
    sessionId = (res.body as LiveSessionDetail).id;
    // Live for two minutes, the first card pinned, twelve chat lines so far (one from a removed viewer).
    startedAt = new Date(Date.now() - 120_000);
    const session = new Types.ObjectId(sessionId);
    await t.db.model(LiveSessionModel).updateOne({ _id: session }, { $set: { status: 'live', startedAt, pinnedJobId: new Types.ObjectId(jobIds[0]) } });
    const speaker = new Types.ObjectId();
    await t.db.model(LiveMessageModel).insertMany(
      Array.from({ length: 12 }, (_, i) => ({
        sessionId: session,
        seq: i + 1,
        userId: speaker,
        nickname: i === 11 ? '被移出的人' : `观众${i + 1}`,
        kind: 'chat',
        text: `第${i + 1}条`,
        host: false,
        offsetMs: (i + 1) * 5000,
        at: new Date(startedAt.getTime() + (i + 1) * 5000),
        ...(i === 11 ? { hidden: true } : {}),
      })),
    );
  });

  afterAll(async () => {
    await t.close();
  });

  it('should answer 401 to a guest and 403 to a recruiter', async () => {
    expect((await report(null, body())).status).toBe(401);
    expect((await report(host, body())).status).toBe(403);
  });

  it('should refuse a card not in the session, a job card without a job, an old or future moment and an unknown session, filing nothing', async () => {
    const student = await t.user({ roles: ['student'] });
    const outside = await report(student, body({ jobId: outsideJob }));
    expect([outside.status, outside.body.code, outside.body.field]).toEqual([422, 'LIVE_JOBS_INVALID', 'jobId']);
    const noJob = await report(student, body({ jobId: undefined }));
    expect([noJob.status, noJob.body.field]).toEqual([422, 'jobId']);
    const old = await report(student, body({ shownAt: new Date(Date.now() - 3_600_000).toISOString() }));
    expect([old.status, old.body.code, old.body.field]).toEqual([422, 'VALIDATION_FAILED', 'shownAt']);
    const future = await report(student, body({ shownAt: new Date(Date.now() + 600_000).toISOString() }));
    expect([future.status, future.body.field]).toEqual([422, 'shownAt']);
    expect((await report(student, body(), '0123456789abcdef01234567')).body.code).toBe('LIVE_SESSION_NOT_FOUND');
    expect(await t.db.model(ComplaintModel).countDocuments({ complainantId: student.doc._id })).toBe(0);
  });

  it('should freeze the pinned card, the stream offset and the last chat lines into one complaint that staff see as it was', async () => {
    const student = await t.user({ roles: ['student'] });
    const shownAt = new Date(startedAt.getTime() + 58_000);
    const input = body({ shownAt: shownAt.toISOString() });
    const res = await report(student, input);
    expect(res.status).toBe(200);
    const view = res.body as ComplaintView;
    expect(view.job).toEqual({ id: jobIds[0], title: '销售顾问' });
    expect(view.live).toMatchObject({
      sessionId,
      sessionTitle: '高薪岗位直播',
      target: 'job',
      shownAt: shownAt.toISOString(),
      offsetMs: 58_000,
      card: { jobId: jobIds[0], title: '销售顾问', salaryMin: 5000, salaryMax: 8000, pinned: true },
    });
    // Lines up to the moment (11 were sent by then), the last ten, oldest first.
    expect(view.live?.chat.map(c => c.text)).toEqual(['第2条', '第3条', '第4条', '第5条', '第6条', '第7条', '第8条', '第9条', '第10条', '第11条']);

    // A retry files nothing new.
    expect((await report(student, input)).body.id).toBe(view.id);
    expect(await t.db.model(ComplaintModel).countDocuments({ complainantId: student.doc._id })).toBe(1);

    // The card changes afterwards; staff read what was shown.
    await t.db.model(JobModel).updateOne({ _id: new Types.ObjectId(jobIds[0]) }, { $set: { title: '销售顾问（已修改）', salaryMin: 4000 } });
    const staff = (await t.http().get(`/api/staff/complaints/${view.id}`).set('Authorization', bureau.auth)).body as ComplaintStaffView;
    expect(staff.live?.card).toMatchObject({ title: '销售顾问', salaryMin: 5000, pinned: true });
    expect(staff.live?.chat).toHaveLength(10);
    expect(staff.status).toBe('submitted');
  });

  it('should report the stream against the host enterprise, with no card, and hidden lines left out', async () => {
    const student = await t.user({ roles: ['student'] });
    const res = await report(student, body({ target: 'stream', jobId: undefined, category: 'discrimination', description: '主播在直播中说只招男生，女生不用投了' }));
    expect(res.status).toBe(200);
    const view = res.body as ComplaintView;
    expect(view.enterprise?.id).toBe(enterpriseId.toHexString());
    expect(view.job).toBeUndefined();
    expect(view.live?.card).toBeUndefined();
    expect(view.live?.target).toBe('stream');
    expect(view.live?.chat.map(c => c.nickname)).not.toContain('被移出的人');
  });

  it('should freeze a card reported by three students, as reports on the job page do', async () => {
    for (let i = 0; i < 3; i += 1) {
      const student = await t.user({ roles: ['student'] });
      expect((await report(student, body({ jobId: jobIds[1] }))).status).toBe(200);
    }
    expect((await t.db.model(JobModel).findById(jobIds[1]).lean())?.status).toBe('frozen');
  });

  it('should rate-limit one student\'s reports', async () => {
    const student = await t.user({ roles: ['student'] });
    const limit = t.settings.rateLimits.report.user.points;
    const answers = [];
    for (let i = 0; i <= limit; i += 1) answers.push(await report(student, body({ target: 'stream', jobId: undefined })));
    expect(answers.slice(0, limit).every(r => r.status === 200)).toBe(true);
    expect([answers[limit].status, answers[limit].body.code]).toEqual([429, 'RATE_LIMITED']);
  });
});
