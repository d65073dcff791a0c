import { Types } from 'mongoose';
import type { InboxItem } from '../../../server/src/contract/notice';
import { ApplicationModel } from '../../../server/src/modules/job/application.model';
import { applicationNotice } from '../../../server/src/modules/job/application.service';
import { DeliveryModel } from '../../../server/src/modules/notice/notice.model';
import { noticeOutboxEntry } from '../../../server/src/modules/notice/notice.outbox';
import { NoticeService } from '../../../server/src/modules/notice/notice.service';
import { PushWorker } from '../../../server/src/modules/notice/push.worker';
import { FakeWeChatServer } from '../support/fake-wechat';
import { enterpriseInput, interviewInvitation, jobInput, postedJob, realNamed, registeredEnterprise, studentProfile as profileOf, uscc } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const TEMPLATE = 'tmpl-application-status';

const studentProfile = profileOf({ name: '王芳', graduationYear: 2026, intentionDistricts: ['hitech'], intentionText: '软件开发' });

describe('job application steps reach the graduate (outbox)', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_application_notice', secret: 'application_notice_secret' });
  let t: TestApp;
  let notices: NoticeService;
  let worker: PushWorker;
  let recruiter: Awaited<ReturnType<TestApp['user']>>;
  let jobId: string;
  let seq = 0;

  beforeAll(async () => {
    const apiBase = await wx.start();
    wx.defineTemplate(TEMPLATE, ['thing1', 'thing2', 'phrase3', 'thing4']);
    t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase }, notice: { templates: { applicationStatus: TEMPLATE } } });
    notices = await t.app.getApplicationContext().getAsync(NoticeService);
    worker = await t.app.getApplicationContext().getAsync(PushWorker);
    const bureau = await t.user({ roles: ['bureau'] });
    recruiter = await t.user({ roles: ['recruiter'], openid: 'openid-outbox-recruiter' });
    await registeredEnterprise(t, recruiter, bureau, enterpriseInput(uscc('91210299MA0QC1234'), '大连消息测试科技有限公司'));
    await realNamed(t, recruiter);
    jobId = await postedJob(t, recruiter, jobInput({ title: '后端开发工程师', headcount: 5 }));
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  async function applicant(credits = 5) {
    seq += 1;
    const openid = `openid-outbox-student-${seq}`;
    const s = await t.user({ roles: ['student'], profile: studentProfile, openid });
    wx.grantSubscribeCredit(openid, TEMPLATE, credits);
    const applied = await t.http().post(`/api/jobs/${jobId}/applications`).set('Authorization', s.auth);
    expect(applied.status).toBe(200);
    return { ...s, openid, applicationId: applied.body.id as string };
  }

  const invitation = interviewInvitation({ startsAt: '2030-06-07T06:00:00.000Z', message: '' });
  const move = (id: string, to: string, note = '') =>
    t.http().put(`/api/recruiter/applications/${id}/status`).set('Authorization', recruiter.auth).send({ to, note, ...(to === 'interview' ? { interview: invitation } : {}) });
  const inbox = async (auth: string): Promise<InboxItem[]> => (await t.http().get('/api/inbox').set('Authorization', auth)).body.items as InboxItem[];
  const pending = async (id: string) => (await t.db.model(ApplicationModel).findById(id).lean())?.pendingNotices ?? [];

  it('should tell the graduate of 已查看, 面试 and 录用 in the inbox and by one card each', async () => {
    const s = await applicant();
    for (const [to, note] of [['viewed', ''], ['interview', '周五下午两点，软件园 9 号楼'], ['hired', '请于下周一报到']] as const) {
      expect((await move(s.applicationId, to, note)).status).toBe(200);
    }
    const items = await inbox(s.auth);
    expect(items.map(i => [i.source, i.title, i.page])).toEqual([
      ['application', '录用通知：后端开发工程师', 'packages/job/pages/applications/index'],
      ['application', '面试邀请：后端开发工程师', 'packages/job/pages/applications/index'],
      ['application', '简历已被查看：后端开发工程师', 'packages/job/pages/applications/index'],
    ]);
    expect(items[1].summary).toBe(
      '大连消息测试科技有限公司邀请你参加「后端开发工程师」的面试。时间：6月7日 14:00（北京时间）；方式：现场面试；地点：高新区软件园 9 号楼 302 会议室；联系人：李老师 0411-84751234；周五下午两点，软件园 9 号楼',
    );
    expect(await pending(s.applicationId)).toEqual([]);
    await worker.drain();
    const sent = wx.sent.filter(m => m.touser === s.openid);
    expect(sent.map(m => m.data.phrase3.value)).toEqual(['已查看', '面试', '录用']);
    // The card's remark (20 characters) carries when and how; the rest is in the notice it opens.
    expect(sent[1].data.thing4.value).toBe('6月7日 14:00 现场面试');
    expect(sent.map(m => m.page)).toEqual([...items].reverse().map(i => `packages/job/pages/applications/index?n=${i.id}`));
  });

  it('should tell the graduate of 不合适 with the recruiter’s note', async () => {
    const s = await applicant();
    expect((await move(s.applicationId, 'rejected', '岗位已招满')).status).toBe(200);
    const [item] = await inbox(s.auth);
    expect(item).toMatchObject({ title: '投递结果：后端开发工程师', summary: '很遗憾，大连消息测试科技有限公司认为你与「后端开发工程师」暂不匹配：岗位已招满' });
  });

  it('should tell once, through the worker, a step whose process died between the change and the flush', async () => {
    const s = await applicant();
    const doc = await t.db.model(ApplicationModel).findById(s.applicationId).lean();
    const at = new Date(Date.now() - 60_000);
    // The step as move() writes it, with its notice, and then the process "dies": no flush.
    const event = applicationNotice(doc!, 'interview', '周三上午十点')!;
    await t.db.model(ApplicationModel).updateOne(
      { _id: doc!._id, status: 'submitted' },
      { $set: { status: 'interview' }, $push: { steps: { status: 'interview', note: '周三上午十点', at, by: recruiter.doc._id }, pendingNotices: noticeOutboxEntry([doc!.studentId], event, at) } },
    );
    expect(await inbox(s.auth)).toEqual([]);

    await worker.drain();
    await worker.drain();
    const items = await inbox(s.auth);
    expect(items.map(i => i.title)).toEqual(['面试邀请：后端开发工程师']);
    // The item keeps the time of the step, not of the repair.
    expect(items[0].createdAt).toBe(at.toISOString());
    expect(await pending(s.applicationId)).toEqual([]);
    expect(wx.sent.filter(m => m.touser === s.openid)).toHaveLength(1);
  });

  it('should leave an entry younger than the grace period to the process that wrote it', async () => {
    const s = await applicant();
    const doc = await t.db.model(ApplicationModel).findById(s.applicationId).lean();
    const event = applicationNotice(doc!, 'viewed')!;
    await t.db.model(ApplicationModel).updateOne({ _id: doc!._id }, { $set: { status: 'viewed' }, $push: { pendingNotices: noticeOutboxEntry([doc!.studentId], event) } });
    expect(await notices.drainOutboxes()).toBe(0);
    expect(await inbox(s.auth)).toEqual([]);
    expect(await notices.drainOutboxes(new Date(Date.now() + t.settings.notice.outboxGraceMs + 1000))).toBe(1);
    expect((await inbox(s.auth)).map(i => i.title)).toEqual(['简历已被查看：后端开发工程师']);
  });

  it('should tell once when the writer’s flush and a worker’s drain run at the same time', async () => {
    const s = await applicant();
    const doc = await t.db.model(ApplicationModel).findById(s.applicationId).lean();
    const event = applicationNotice(doc!, 'viewed')!;
    const at = new Date(Date.now() - 60_000);
    await t.db.model(ApplicationModel).updateOne({ _id: doc!._id }, { $set: { status: 'viewed' }, $push: { pendingNotices: noticeOutboxEntry([doc!.studentId], event, at) } });
    await Promise.all([notices.flush(t.db.model(ApplicationModel), doc!._id), notices.drainOutboxes(), notices.flush(t.db.model(ApplicationModel), doc!._id)]);
    await worker.drain();
    expect(await t.db.model(DeliveryModel).countDocuments({ userId: new Types.ObjectId(s.doc._id) })).toBe(1);
    expect(wx.sent.filter(m => m.touser === s.openid)).toHaveLength(1);
    expect(await pending(s.applicationId)).toEqual([]);
  });
});
