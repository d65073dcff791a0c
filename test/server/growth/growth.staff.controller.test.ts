import type { ContestInput, CourseInput, CourseUpdateInput, CourseView } from '../../../server/src/contract/growth';
import type { InboxItem } from '../../../server/src/contract/notice';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { ContentModel } from '../../../server/src/modules/content/content.model';
import { CourseModel, SignupModel, StoryModel } from '../../../server/src/modules/growth/growth.model';
import { growthNoticeEvent } from '../../../server/src/modules/growth/growth.notify';
import { DeliveryModel } from '../../../server/src/modules/notice/notice.model';
import { noticeOutboxEntry } from '../../../server/src/modules/notice/notice.outbox';
import { PushWorker } from '../../../server/src/modules/notice/push.worker';
import { FakeWeChatServer } from '../support/fake-wechat';
import { createTestApp, type TestApp } from '../support/test-app';

const TEMPLATE = 'tmpl-growth-status';

type User = Awaited<ReturnType<TestApp['user']>>;

const HOUR = 3600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

const career = (overrides: Partial<CourseInput> = {}): CourseInput => ({
  kind: 'career',
  title: '职业规划直播课',
  summary: '认识自己，规划职业',
  topic: 'planning',
  format: 'live',
  url: 'https://example.com/live/plan',
  location: '',
  speaker: '张老师',
  startsAt: inHours(72),
  durationMinutes: 90,
  capacity: 3,
  ...overrides,
});

const edit = (course: CourseView, overrides: Partial<CourseUpdateInput> = {}): CourseUpdateInput => ({
  version: course.version ?? -1,
  title: course.title,
  summary: course.summary,
  topic: course.topic,
  format: course.format,
  url: course.url ?? 'https://example.com/live/plan',
  location: course.location,
  speaker: course.speaker,
  startsAt: course.startsAt,
  durationMinutes: course.durationMinutes,
  capacity: course.capacity,
  ...(course.hours ? { hours: course.hours } : {}),
  ...overrides,
});

const contest = (overrides: Partial<ContestInput> = {}): ContestInput => ({
  title: '大连市创新创业大赛（示例）',
  organiser: '大连市人社局',
  summary: '面向高校毕业生的创业项目比赛',
  registrationClosesOn: '2099-06-30',
  url: '',
  ...overrides,
});

const ID = '0123456789abcdef01234567';

describe('growth staff editing and student notices', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_growth_test', secret: 'growth_secret' });
  let t: TestApp;
  let bureau: User;
  let bureau2: User;
  let dlutStaff: User;
  let ganjingzi: User;
  let zhongshan: User;
  let trainingInstitutionId: string;
  let incubatorId: string;
  let seq = 0;

  const as = (who: { auth: string }) => ({
    get: (path: string) => t.http().get(path).set('Authorization', who.auth),
    post: (path: string, body?: object) => t.http().post(path).set('Authorization', who.auth).send(body ?? {}),
    put: (path: string, body?: object) => t.http().put(path).set('Authorization', who.auth).send(body ?? {}),
  });

  /** A student with a WeChat openid and `credits` subscribe credits for the growth template. */
  async function student(credits = 0, collegeId = 'dlut'): Promise<User & { openid: string }> {
    seq += 1;
    const openid = `openid-growth-${seq}`;
    const who = await t.user({ openid, profile: { name: `成长学生${seq}`, collegeId: collegeId as 'dlut', schoolName: '大连理工大学', major: '软件工程' } });
    if (credits > 0) wx.grantSubscribeCredit(openid, TEMPLATE, credits);
    return { ...who, openid };
  }

  const growthInbox = async (who: User): Promise<InboxItem[]> => {
    const res = await as(who).get('/api/inbox?limit=50');
    expect(res.status).toBe(200);
    return (res.body.items as InboxItem[]).filter(i => i.source === 'growth');
  };
  /** Subscribe messages sent to the student, once the worker has sent what was queued. */
  const sentTo = async (openid: string) => {
    await (await t.app.getApplicationContext().getAsync(PushWorker)).drain();
    return wx.sent.filter(m => m.touser === openid);
  };

  async function publish(who: User, input: CourseInput = career()): Promise<CourseView> {
    const res = await as(who).post('/api/staff/growth/courses', input);
    expect(res.status).toBe(200);
    return res.body as CourseView;
  }

  beforeAll(async () => {
    const apiBase = await wx.start();
    wx.defineTemplate(TEMPLATE, ['thing1', 'phrase2', 'thing3']);
    t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase }, notice: { templates: { growthStatus: TEMPLATE } } });
    bureau = await t.user({ roles: ['bureau'] });
    bureau2 = await t.user({ roles: ['bureau'] });
    dlutStaff = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
    ganjingzi = await t.user({ roles: ['district'], scope: { districtCode: '210211' } });
    zhongshan = await t.user({ roles: ['district'], scope: { districtCode: '210202' } });
    const contents = t.db.model(ContentModel);
    const institution = (title: string, type: 'training' | 'incubator', district: string) =>
      contents.create({ kind: 'institution', title, status: 'published', institution: { type, address: '示例地址', contact: '示例', phone: '示例', district } });
    trainingInstitutionId = (await institution('大连东软信息学院', 'training', '210211'))._id.toHexString();
    incubatorId = (await institution('甘井子区青年众创空间', 'incubator', '210211'))._id.toHexString();
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  describe('access', () => {
    it.each([
      ['put', `/api/staff/growth/courses/${ID}`],
      ['post', `/api/staff/growth/courses/${ID}/cancel`],
      ['post', `/api/staff/growth/signups/${ID}/reject`],
      ['put', `/api/staff/growth/contests/${ID}`],
      ['post', `/api/staff/growth/contests/${ID}/cancel`],
      ['post', `/api/staff/growth/contest-registrations/${ID}/decision`],
    ] as const)('should answer 401 to %s %s without a token', async (method, path) => {
      const res = await t.http()[method](path).send({});
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });

    it('should answer 403 to a student editing or cancelling a course', async () => {
      const course = await publish(bureau);
      const s = await student();
      expect((await as(s).put(`/api/staff/growth/courses/${course.id}`, edit(course))).status).toBe(403);
      expect((await as(s).post(`/api/staff/growth/courses/${course.id}/cancel`, { version: 0, reason: '讲师临时有事' })).status).toBe(403);
    });

    it('should keep contests and enrolment decisions with the HR bureaus', async () => {
      expect((await as(dlutStaff).put(`/api/staff/growth/contests/${ID}`, { ...contest(), version: 0 })).status).toBe(403);
      expect((await as(dlutStaff).post(`/api/staff/growth/contests/${ID}/cancel`, { version: 0, reason: '取消' })).status).toBe(403);
      expect((await as(dlutStaff).post(`/api/staff/growth/signups/${ID}/reject`, { reason: '不符合条件' })).status).toBe(403);
      expect((await as(dlutStaff).post(`/api/staff/growth/contest-registrations/${ID}/decision`, { decision: 'approve' })).status).toBe(403);
    });

    it('should let only the owner (or the bureau) edit a course: another college or district gets OUT_OF_SCOPE', async () => {
      const own = await publish(dlutStaff);
      const other = await t.user({ roles: ['college'], scope: { collegeId: 'dlmu' } });
      const res = await as(other).put(`/api/staff/growth/courses/${own.id}`, edit(own, { title: '改个名字' }));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('OUT_OF_SCOPE');
      expect((await as(zhongshan).post(`/api/staff/growth/courses/${own.id}/cancel`, { version: own.version, reason: '不办了' })).body.code).toBe('OUT_OF_SCOPE');
      const byBureau = await as(bureau).put(`/api/staff/growth/courses/${own.id}`, edit(own, { title: '市局修改后的课程' }));
      expect(byBureau.status).toBe(200);
      expect(byBureau.body).toMatchObject({ title: '市局修改后的课程', version: 1 });
    });
  });

  describe('validation', () => {
    it('should refuse an edit without a version, with a bad link, or with fewer seats than sign-ups', async () => {
      const course = await publish(bureau, career({ capacity: 5 }));
      const { version: _v, ...noVersion } = edit(course);
      const missing = await as(bureau).put(`/api/staff/growth/courses/${course.id}`, noVersion);
      expect(missing.status).toBe(422);
      expect(missing.body.code).toBe('VALIDATION_FAILED');
      const badLink = await as(bureau).put(`/api/staff/growth/courses/${course.id}`, edit(course, { url: 'ftp://x' }));
      expect(badLink.status).toBe(422);
      expect(badLink.body).toMatchObject({ field: 'url', message: '请填写直播链接（http/https）' });
      for (let i = 0; i < 2; i += 1) expect((await as(await student()).post(`/api/growth/courses/${course.id}/signup`)).status).toBe(200);
      const tooSmall = await as(bureau).put(`/api/staff/growth/courses/${course.id}`, edit(course, { capacity: 1 }));
      expect(tooSmall.status).toBe(422);
      expect(tooSmall.body.code).toBe('COURSE_CAPACITY_TOO_SMALL');
      expect((await t.db.model(CourseModel).findById(course.id).lean())?.capacity).toBe(5);
    });

    it('should refuse a cancel without a reason and a contest edit with a malformed date', async () => {
      const course = await publish(bureau);
      const noReason = await as(bureau).post(`/api/staff/growth/courses/${course.id}/cancel`, { version: course.version });
      expect(noReason.status).toBe(422);
      const created = await as(bureau).post('/api/staff/growth/contests', contest());
      const bad = await as(bureau).put(`/api/staff/growth/contests/${created.body.id}`, { ...contest({ registrationClosesOn: '6月30日' }), version: 0 });
      expect(bad.status).toBe(422);
    });

    it('should answer 404 for a course that does not exist', async () => {
      const res = await as(bureau).put(`/api/staff/growth/courses/${ID}`, { ...edit(await publish(bureau)), version: 0 });
      expect(res.status).toBe(404);
    });
  });

  describe('conditional edits', () => {
    it('should let exactly one of two editors holding the same version win, the other getting GROWTH_STALE', async () => {
      const course = await publish(bureau);
      const [a, b] = await Promise.all([
        as(bureau).put(`/api/staff/growth/courses/${course.id}`, edit(course, { title: '甲编辑的标题' })),
        as(bureau2).put(`/api/staff/growth/courses/${course.id}`, edit(course, { title: '乙编辑的标题' })),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.code).toBe('GROWTH_STALE');
      const winner = a.status === 200 ? a : b;
      const stored = await t.db.model(CourseModel).findById(course.id).lean();
      expect(stored?.title).toBe(winner.body.title);
      expect(stored?.version).toBe(1);
    });

    it('should answer a retried edit by the same editor with the record, not a conflict', async () => {
      const course = await publish(bureau);
      const body = edit(course, { summary: '更新后的简介' });
      const first = await as(bureau).put(`/api/staff/growth/courses/${course.id}`, body);
      const again = await as(bureau).put(`/api/staff/growth/courses/${course.id}`, body);
      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      expect(again.body.version).toBe(1);
      expect(await t.db.model(AuditModel).countDocuments({ targetId: course.id, action: 'growth.course.update' })).toBe(1);
    });

    it('should audit edits and cancels, and refuse to edit a cancelled course', async () => {
      const course = await publish(ganjingzi, career({ kind: 'training', topic: 'skills', format: 'onsite', url: '', location: '东软实训楼 A201', institutionId: trainingInstitutionId, hours: 40 }));
      const edited = await as(ganjingzi).put(`/api/staff/growth/courses/${course.id}`, edit(course, { hours: 48, location: '东软实训楼 B305' }));
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ hours: 48, location: '东软实训楼 B305', institutionName: '大连东软信息学院', version: 1 });
      const cancelled = await as(ganjingzi).post(`/api/staff/growth/courses/${course.id}/cancel`, { version: 1, reason: '机构场地检修' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '机构场地检修', version: 2 });
      const late = await as(ganjingzi).put(`/api/staff/growth/courses/${course.id}`, edit(course, { version: 2 }));
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('GROWTH_CANCELLED');
      const audits = await t.db.model(AuditModel).find({ targetId: course.id }).sort({ at: 1 }).lean();
      expect(audits.map(a => a.action)).toEqual(['growth.course.create', 'growth.course.update', 'growth.course.cancel']);
      expect(audits[2]).toMatchObject({ from: 'open', to: 'cancelled', reason: '机构场地检修' });
    });

    it('should edit and cancel a contest with the same version rule, and close registration once cancelled', async () => {
      const created = (await as(ganjingzi).post('/api/staff/growth/contests', contest())).body;
      expect(created.version).toBe(0);
      const edited = await as(ganjingzi).put(`/api/staff/growth/contests/${created.id}`, { ...contest({ summary: '新增赛道：数字经济' }), version: 0 });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ summary: '新增赛道：数字经济', version: 1 });
      const stale = await as(bureau).put(`/api/staff/growth/contests/${created.id}`, { ...contest({ title: '旧版本的修改' }), version: 0 });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('GROWTH_STALE');
      expect((await as(zhongshan).put(`/api/staff/growth/contests/${created.id}`, { ...contest(), version: 1 })).body.code).toBe('OUT_OF_SCOPE');

      const s = await student(2);
      const team = { teamName: '海风团队', members: ['王五'], projectTitle: '海洋牧场数据平台', projectSummary: '用物联网监测海参养殖水质的创业项目' };
      expect((await as(s).post(`/api/growth/contests/${created.id}/register`, team)).status).toBe(200);
      const cancel = { version: 1, reason: '赛事延期至下半年' };
      for (let i = 0; i < 2; i += 1) {
        const res = await as(ganjingzi).post(`/api/staff/growth/contests/${created.id}/cancel`, cancel);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ status: 'cancelled', open: false, cancelReason: '赛事延期至下半年' });
      }
      const late = await as(await student()).post(`/api/growth/contests/${created.id}/register`, team);
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('CONTEST_CLOSED');
      expect((await growthInbox(s)).map(i => i.title)).toEqual([`大赛已取消：${contest().title}`, `大赛报名已提交：${contest().title}`]);
      expect((await sentTo(s.openid)).map(m => m.data.phrase2.value)).toEqual(['待审核', '已取消']);
      expect(await t.db.model(AuditModel).countDocuments({ targetId: created.id, action: 'growth.contest.cancel' })).toBe(1);
    });
  });

  describe('notices', () => {
    it('should publish the growth notice template for the student taps', async () => {
      const res = await t.http().get('/api/growth/notice');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ templateId: TEMPLATE });
    });

    it('should confirm a course sign-up once however often it is sent, and tell every signed-up student of a cancellation once', async () => {
      const course = await publish(bureau, career({ title: '求职面试技巧公开课', capacity: 3 }));
      const a = await student(3);
      const b = await student(0);
      const leaver = await student(3);
      await Promise.all([1, 2, 3].map(() => as(a).post(`/api/growth/courses/${course.id}/signup`)));
      expect((await as(b).post(`/api/growth/courses/${course.id}/signup`)).status).toBe(200);
      expect((await as(leaver).post(`/api/growth/courses/${course.id}/signup`)).status).toBe(200);
      expect((await as(leaver).post(`/api/growth/courses/${course.id}/cancel`)).status).toBe(200);

      const cancel = { version: 0, reason: '讲师临时出差，另行安排' };
      const results = await Promise.all([as(bureau).post(`/api/staff/growth/courses/${course.id}/cancel`, cancel), as(bureau).post(`/api/staff/growth/courses/${course.id}/cancel`, cancel)]);
      expect(results.map(r => r.status)).toEqual([200, 200]);
      expect((await as(bureau).post(`/api/staff/growth/courses/${course.id}/cancel`, cancel)).status).toBe(200);

      expect((await growthInbox(a)).map(i => i.title)).toEqual(['课程已取消：求职面试技巧公开课', '课程报名成功：求职面试技巧公开课']);
      expect((await growthInbox(b)).map(i => i.title)).toEqual(['课程已取消：求职面试技巧公开课', '课程报名成功：求职面试技巧公开课']);
      // The student who had cancelled is not told about the course being cancelled.
      expect((await growthInbox(leaver)).map(i => i.title)).toEqual(['课程报名成功：求职面试技巧公开课']);
      expect((await sentTo(a.openid)).map(m => m.data.phrase2.value)).toEqual(['报名成功', '已取消']);
      expect((await sentTo(a.openid))[1].data.thing3.value).toBe('讲师临时出差，另行安排');
      expect((await sentTo(a.openid))[1].page).toMatch(/^packages\/growth\/pages\/mine\/index\?n=[0-9a-f]{24}$/);
      expect((await sentTo(b.openid))).toHaveLength(0);
      expect(wx.duplicateSends()).toBe(0);
      const mine = await as(a).get('/api/growth/signups');
      expect(mine.body.find((s: { courseId: string }) => s.courseId === course.id)).toMatchObject({ courseStatus: 'cancelled', status: 'signed-up' });
      expect((await as(await student()).post(`/api/growth/courses/${course.id}/signup`)).body.code).toBe('COURSE_CLOSED');
    });

    it('should tell signed-up students of a new time, once per edit, and not of a new summary', async () => {
      const course = await publish(bureau, career({ title: '职场礼仪直播课' }));
      const s = await student(5);
      await as(s).post(`/api/growth/courses/${course.id}/signup`);
      const summary = await as(bureau).put(`/api/staff/growth/courses/${course.id}`, edit(course, { summary: '只改简介' }));
      const moved = edit(summary.body as CourseView, { startsAt: inHours(96) });
      expect((await as(bureau).put(`/api/staff/growth/courses/${course.id}`, moved)).status).toBe(200);
      expect((await as(bureau).put(`/api/staff/growth/courses/${course.id}`, moved)).status).toBe(200);
      const titles = (await growthInbox(s)).map(i => i.title);
      expect(titles).toEqual(['课程有调整：职场礼仪直播课', '课程报名成功：职场礼仪直播课']);
      expect((await sentTo(s.openid)).map(m => m.data.thing3.value)).toEqual([expect.stringMatching(/开始$/), '课程时间已调整']);
    });

    it('should tell a student of a rejected training enrolment once, free the seat, and keep them from re-enrolling', async () => {
      const course = await publish(ganjingzi, career({ kind: 'training', title: 'Java 开发实训', topic: 'skills', format: 'onsite', url: '', location: '东软实训楼', institutionId: trainingInstitutionId, hours: 60, capacity: 1 }));
      const s = await student(3);
      await as(s).post(`/api/growth/courses/${course.id}/signup`);
      const signup = await t.db.model(SignupModel).findOne({ courseId: course.id, userId: s.doc._id.toHexString() }).lean();
      const path = `/api/staff/growth/signups/${signup?._id.toHexString()}/reject`;
      expect((await as(zhongshan).post(path, { reason: '不符合条件' })).body.code).toBe('OUT_OF_SCOPE');
      expect((await as(ganjingzi).post(path, {})).status).toBe(422);
      for (let i = 0; i < 3; i += 1) {
        const res = await as(ganjingzi).post(path, { reason: '该班仅招收 2026 届离校未就业毕业生' });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ status: 'rejected', reason: '该班仅招收 2026 届离校未就业毕业生' });
      }
      expect((await t.db.model(CourseModel).findById(course.id).lean())?.signedUp).toBe(0);
      const again = await as(s).post(`/api/growth/courses/${course.id}/signup`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('COURSE_ENROLMENT_REJECTED');
      expect((await as(await student()).post(`/api/growth/courses/${course.id}/signup`)).status).toBe(200);
      expect((await as(ganjingzi).post(`/api/staff/growth/signups/${signup?._id.toHexString()}/complete`)).body.code).toBe('COURSE_NOT_SIGNED_UP');
      expect((await growthInbox(s)).map(i => i.title)).toEqual(['培训报名未录取：Java 开发实训', '培训报名成功：Java 开发实训']);
      expect((await sentTo(s.openid)).map(m => m.data.phrase2.value)).toEqual(['报名成功', '未录取']);
      expect(await t.db.model(AuditModel).countDocuments({ targetId: signup?._id.toHexString(), action: 'growth.training.reject' })).toBe(1);
    });

    it('should tell a student once that their training completion was recorded, even when the step is retried', async () => {
      const course = await publish(bureau, career({ kind: 'training', title: 'Python 数据分析', topic: 'skills', format: 'onsite', url: '', location: '东软', institutionId: trainingInstitutionId, hours: 40 }));
      const s = await student(3);
      await as(s).post(`/api/growth/courses/${course.id}/signup`);
      const signup = await t.db.model(SignupModel).findOne({ courseId: course.id, userId: s.doc._id.toHexString() }).lean();
      for (let i = 0; i < 3; i += 1) expect((await as(ganjingzi).post(`/api/staff/growth/signups/${signup?._id.toHexString()}/complete`)).status).toBe(200);
      expect((await growthInbox(s)).map(i => i.title)).toEqual(['培训已结业：Python 数据分析', '培训报名成功：Python 数据分析']);
      expect((await sentTo(s.openid)).map(m => m.data.phrase2.value)).toEqual(['报名成功', '已结业']);
    });

    it('should confirm a slot booking once, and tell the student when the advisor withdraws the slot', async () => {
      const advisor = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
      const batch = { kind: 'advisor', hostName: '刘老师', hostTitle: '职业指导师', mode: 'onsite', location: '就业中心 305', times: [{ startsAt: inHours(30), durationMinutes: 30 }] };
      const slot = (await as(advisor).post('/api/staff/growth/slots', batch)).body[0];
      const s = await student(3);
      await Promise.all([1, 2].map(() => as(s).post(`/api/growth/slots/${slot.id}/book`, { note: '想聊聊考研还是就业' })));
      expect((await as(s).post(`/api/growth/slots/${slot.id}/book`, { note: '想聊聊考研还是就业' })).status).toBe(200);
      for (let i = 0; i < 2; i += 1) expect((await as(advisor).post(`/api/staff/growth/slots/${slot.id}/withdraw`)).status).toBe(200);
      expect((await growthInbox(s)).map(i => i.title)).toEqual(['职业指导预约已取消', '职业指导预约成功']);
      expect((await sentTo(s.openid)).map(m => m.data.phrase2.value)).toEqual(['预约成功', '已取消']);
    });

    it('should tell a team of the review decision once, require a reason to reject, and let an accepted team be turned down', async () => {
      const created = (await as(bureau).post('/api/staff/growth/contests', contest({ title: '中国创翼大赛大连选拔赛（示例）' }))).body;
      const s = await student(4);
      const reg = (await as(s).post(`/api/growth/contests/${created.id}/register`, { teamName: '星火队', members: [], projectTitle: '校园二手书平台', projectSummary: '连接毕业生与新生的二手教材流转平台' })).body;
      expect(reg).toMatchObject({ status: 'submitted', statusLabel: '待审核' });
      const path = `/api/staff/growth/contest-registrations/${reg.id}/decision`;
      expect((await as(zhongshan).post(path, { decision: 'approve' })).body.code).toBe('OUT_OF_SCOPE');
      expect((await as(bureau).post(path, { decision: 'reject' })).body.code).toBe('GROWTH_REASON_REQUIRED');
      await Promise.all([1, 2].map(() => as(bureau).post(path, { decision: 'approve' })));
      const accepted = await as(bureau).post(path, { decision: 'approve' });
      expect(accepted.body).toMatchObject({ status: 'accepted', statusLabel: '已通过' });
      const rejected = await as(bureau2).post(path, { decision: 'reject', reason: '项目不属于本届赛道' });
      expect(rejected.body).toMatchObject({ status: 'rejected', reason: '项目不属于本届赛道' });
      expect((await as(bureau).post(path, { decision: 'approve' })).body.code).toBe('GROWTH_ALREADY_DECIDED');
      expect((await growthInbox(s)).map(i => i.title)).toEqual([
        '大赛报名未通过：中国创翼大赛大连选拔赛（示例）',
        '大赛报名已通过：中国创翼大赛大连选拔赛（示例）',
        '大赛报名已提交：中国创翼大赛大连选拔赛（示例）',
      ]);
      expect((await sentTo(s.openid)).map(m => m.data.phrase2.value)).toEqual(['待审核', '已通过', '未通过']);
      expect(await t.db.model(AuditModel).countDocuments({ targetId: reg.id, action: 'growth.contest.decide' })).toBe(2);
      const mine = await as(s).get('/api/growth/contest-registrations');
      expect(mine.body[0]).toMatchObject({ status: 'rejected', reason: '项目不属于本届赛道' });
    });

    it('should tell an applicant of the incubator decision and an author of the story decision once each', async () => {
      const s = await student(4);
      const place = (await as(s).post('/api/growth/places', { institutionId: incubatorId, projectTitle: '渔业电商', projectSummary: '帮助长海县渔民直销海鲜的电商平台', teamSize: 3, needs: '工位 3 个' })).body;
      for (let i = 0; i < 2; i += 1) expect((await as(ganjingzi).post(`/api/staff/growth/places/${place.id}/decision`, { decision: 'approve' })).status).toBe(200);
      const story = await t.db.model(StoryModel).create({ userId: s.doc._id.toHexString(), authorName: '成长学生', title: '我在大连扎根', text: '毕业后留在大连做软件开发的故事。', status: 'pending', videoKey: 'stories/x.mp4' });
      for (let i = 0; i < 2; i += 1) expect((await as(bureau).post(`/api/staff/growth/stories/${story._id.toHexString()}/decision`, { decision: 'approve' })).status).toBe(200);
      const items = await growthInbox(s);
      expect(items.map(i => i.title)).toEqual(['故事已发布：我在大连扎根', '入驻申请已通过：甘井子区青年众创空间']);
      expect(items[0].page).toBe('packages/growth/pages/stories/index');
      expect((await sentTo(s.openid)).map(m => m.data.phrase2.value)).toEqual(['已通过', '已发布']);
      expect(await t.db.model(DeliveryModel).countDocuments({ userId: s.doc._id, source: 'growth', status: 'sent' })).toBe(2);
    });

    it('should repair the notices of a cancel whose request died after the change, when the request is retried', async () => {
      const course = await publish(bureau, career({ title: '断点重试的课程' }));
      const s = await student(2);
      await as(s).post(`/api/growth/courses/${course.id}/signup`);
      // As if the first request cancelled the course and then died before telling anyone.
      await t.db.model(CourseModel).updateOne(
        { _id: course.id },
        { $set: { status: 'cancelled', cancelReason: '场地临时征用', cancelledBy: bureau.doc._id.toHexString(), cancelledAt: new Date() }, $inc: { version: 1 } },
      );
      expect((await growthInbox(s)).map(i => i.title)).toEqual(['课程报名成功：断点重试的课程']);
      const retried = await as(bureau).post(`/api/staff/growth/courses/${course.id}/cancel`, { version: 0, reason: '场地临时征用' });
      expect(retried.status).toBe(200);
      expect((await growthInbox(s)).map(i => i.title)).toEqual(['课程已取消：断点重试的课程', '课程报名成功：断点重试的课程']);
      expect((await sentTo(s.openid)).map(m => m.data.phrase2.value)).toEqual(['报名成功', '已取消']);
      // Another staff member's cancel with the old version is a conflict, not a repair.
      expect((await as(bureau2).post(`/api/staff/growth/courses/${course.id}/cancel`, { version: 0, reason: '场地临时征用' })).body.code).toBe('GROWTH_CANCELLED');
    });

    it('should tell once, through the worker, a story decision whose process died between the change and the flush', async () => {
      const s = await student(2);
      const story = await t.db.model(StoryModel).create({ userId: s.doc._id.toHexString(), authorName: '成长学生', title: '进程中断的故事', text: '决定写下了，通知还没发出去。', status: 'pending', videoKey: 'stories/y.mp4' });
      const at = new Date(Date.now() - 60_000);
      // The decision as decide() writes it, with its notice, and then the process "dies": no flush.
      const event = growthNoticeEvent({ type: 'story-decided', storyId: story._id.toHexString(), title: story.title, status: 'approved' });
      await t.db.model(StoryModel).updateOne(
        { _id: story._id, status: 'pending' },
        { $set: { status: 'approved', decidedBy: bureau.doc._id.toHexString(), publishedAt: at }, $push: { pendingNotices: noticeOutboxEntry([s.doc._id], event, at) } },
      );
      expect(await growthInbox(s)).toEqual([]);
      const worker = await t.app.getApplicationContext().getAsync(PushWorker);
      await worker.drain();
      await worker.drain();
      const items = await growthInbox(s);
      expect(items.map(i => i.title)).toEqual(['故事已发布：进程中断的故事']);
      expect(items[0].createdAt).toBe(at.toISOString());
      expect((await t.db.model(StoryModel).findById(story._id).lean())?.pendingNotices).toEqual([]);
      // The same staff member's retried decision tells nobody again.
      expect((await as(bureau).post(`/api/staff/growth/stories/${story._id.toHexString()}/decision`, { decision: 'approve' })).status).toBe(200);
      expect(await growthInbox(s)).toHaveLength(1);
      expect(await sentTo(s.openid)).toHaveLength(1);
    });

    it('should write inbox items but send nothing to a student without a credit or without WeChat', async () => {
      const course = await publish(bureau, career({ title: '无订阅的课程' }));
      const s = await student(0);
      const web = await t.user({ profile: { name: '网页用户' } });
      await as(s).post(`/api/growth/courses/${course.id}/signup`);
      await as(web).post(`/api/growth/courses/${course.id}/signup`);
      expect((await sentTo(s.openid))).toHaveLength(0);
      expect((await growthInbox(s)).map(i => i.title)).toEqual(['课程报名成功：无订阅的课程']);
      expect((await growthInbox(web)).map(i => i.title)).toEqual(['课程报名成功：无订阅的课程']);
    });
  });
});
