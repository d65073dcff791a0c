import type { InboxItem } from '../../../server/src/contract/notice';
import { DeliveryModel } from '../../../server/src/modules/notice/notice.model';
import { digestDueAt } from '../../../server/src/modules/notice/notice.rules';
import type { NoticeService } from '../../../server/src/modules/notice/notice.service';
import type { PushWorker } from '../../../server/src/modules/notice/push.worker';
import { FakeWeChatServer } from '../support/fake-wechat';
import type { TestApp } from '../support/test-app';
import { SAMPLE_EVENTS, TEMPLATE_IDS } from './notice.samples';
import { audience, catalogueApp, publishPolicy } from './push.factories';

const WEEK = 7 * 86_400_000;

describe('the weekly digest', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_notice_digest', secret: 'notice_digest_secret' });
  let t: TestApp;
  let notices: NoticeService;
  let worker: PushWorker;
  let seq = 0;

  beforeAll(async () => {
    ({ t, notices, worker } = await catalogueApp(wx));
  });

  afterEach(() => {
    notices.now = () => new Date();
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  /** A student who gathers `digest` topics into the weekly digest, with credits for every template. */
  async function student(digest: string[], profile: Record<string, unknown> = {}) {
    seq += 1;
    const openid = `openid-digest-${seq}`;
    const who = await t.user({ roles: ['student'], openid, profile });
    for (const id of Object.values(TEMPLATE_IDS)) wx.grantSubscribeCredit(openid, id, 3);
    const res = await t.http().put('/api/subscriptions/topics').set('Authorization', who.auth).send({ topics: ['policy', 'application', 'subsidy', 'live', 'fair', 'support', 'complaint', 'growth'], digest });
    expect(res.status).toBe(200);
    return { ...who, openid };
  }

  const inbox = async (auth: string): Promise<InboxItem[]> => (await t.http().get('/api/inbox').set('Authorization', auth)).body.items as InboxItem[];
  const unread = async (auth: string): Promise<number> => (await t.http().get('/api/inbox/unread-count').set('Authorization', auth)).body.unread as number;
  const sentTo = async (openid: string) => {
    await worker.drain();
    return wx.sent.filter(m => m.touser === openid);
  };
  const fresh = <T extends { applicationId?: string }>(e: T, n: number): T => ({ ...e, applicationId: n.toString(16).padStart(24, 'f') });

  it('should hold non-urgent notices of a digest topic: not listed, not counted, not sent', async () => {
    const s = await student(['application']);
    await notices.tell([s.doc._id], fresh(SAMPLE_EVENTS['application.viewed'], 1));
    await notices.tell([s.doc._id], SAMPLE_EVENTS['growth.training-completed']);
    expect((await inbox(s.auth)).map(i => i.source)).toEqual(['growth']);
    expect(await unread(s.auth)).toBe(1);
    expect((await sentTo(s.openid)).map(m => m.template_id)).toEqual([TEMPLATE_IDS.growthStatus]);
    expect(await t.db.model(DeliveryModel).countDocuments({ userId: s.doc._id, status: 'held' })).toBe(1);
  });

  it('should always tell urgent notices at once, even for a digest topic', async () => {
    const s = await student(['application', 'subsidy']);
    await notices.tell([s.doc._id], fresh(SAMPLE_EVENTS['application.interview'], 2));
    await notices.tell([s.doc._id], SAMPLE_EVENTS['subsidy.returned']);
    expect((await inbox(s.auth)).map(i => i.title).sort()).toEqual(['补贴申请需补正：高校毕业生就业补贴（示例）', '面试邀请：Java 开发工程师']);
    expect(await sentTo(s.openid)).toHaveLength(2);
  });

  it('should gather a week’s held notices into one inbox item and one card at the digest time, once', async () => {
    const s = await student(['application', 'growth']);
    for (let i = 0; i < 3; i++) await notices.tell([s.doc._id], fresh(SAMPLE_EVENTS['application.viewed'], 10 + i));
    await notices.tell([s.doc._id], SAMPLE_EVENTS['growth.story-decided']);
    expect(await inbox(s.auth)).toEqual([]);

    // Before the next digest time nothing happens.
    const due = digestDueAt(new Date(), 1, 9);
    notices.now = () => new Date(due.getTime() + WEEK - 60_000);
    await notices.sendDigests();
    expect(await inbox(s.auth)).toEqual([]);

    // Monday 09:00 (Beijing) after the notices: one digest, however often the worker checks.
    notices.now = () => new Date(due.getTime() + WEEK + 60_000);
    await notices.sendDigests();
    await notices.sendDigests();
    const items = await inbox(s.auth);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ source: 'digest', title: '每周消息摘要：4 条新消息', page: 'packages/notice/pages/digest/index' });
    expect(items[0].summary).toMatch(/^求职 3 条、成长服务 1 条：「简历已被查看：Java 开发工程师」/);
    expect(items[0].digest?.map(d => d.topic)).toEqual(['application', 'application', 'application', 'growth']);
    expect(await unread(s.auth)).toBe(1);
    const opened = await t.http().get(`/api/inbox/${items[0].id}`).set('Authorization', s.auth);
    expect(opened.body.digest).toHaveLength(4);

    const sent = await sentTo(s.openid);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ template_id: TEMPLATE_IDS.applicationStatus, page: `packages/notice/pages/digest/index?n=${items[0].id}` });
    expect(sent[0].data.phrase3.value).toBe('每周摘要');
    expect(await t.db.model(DeliveryModel).countDocuments({ userId: s.doc._id, status: 'digested' })).toBe(4);
  });

  it('should keep a notice held after the digest time for the following week', async () => {
    const s = await student(['growth']);
    const due = digestDueAt(new Date(), 1, 9);
    const next = new Date(due.getTime() + WEEK);
    await notices.tell([s.doc._id], SAMPLE_EVENTS['growth.contest-registered']);
    await notices.tell([s.doc._id], SAMPLE_EVENTS['growth.place-decided'], new Date(next.getTime() + 3_600_000));

    notices.now = () => new Date(next.getTime() + 7_200_000);
    await notices.sendDigests();
    expect((await inbox(s.auth)).map(i => i.digest?.map(d => d.title))).toEqual([['大赛报名已提交：创青春']]);

    notices.now = () => new Date(next.getTime() + WEEK + 60_000);
    await notices.sendDigests();
    expect((await inbox(s.auth)).map(i => i.digest?.map(d => d.title))).toEqual([['入驻申请已通过：甘井子区青年众创空间'], ['大赛报名已提交：创青春']]);
  });

  it('should hold a policy push for a student who gathers policies into the digest', async () => {
    const year = 2044;
    const s = await student(['policy'], { graduationYear: year, degree: 'bachelor' });
    const bureau = await t.user({ roles: ['bureau'] });
    const policy = await publishPolicy(t, bureau, audience({ graduationYears: [year] }), '摘要测试政策');
    await worker.drain();
    expect(await inbox(s.auth)).toEqual([]);
    expect(wx.sent.filter(m => m.touser === s.openid)).toHaveLength(0);

    notices.now = () => new Date(digestDueAt(new Date(), 1, 9).getTime() + WEEK + 60_000);
    await notices.sendDigests();
    const [digest] = await inbox(s.auth);
    expect(digest.digest).toEqual([expect.objectContaining({ topic: 'policy', title: '摘要测试政策', contentId: policy.id })]);
    const stats = await t.http().get('/api/staff/pushes').query({ contentId: policy.id }).set('Authorization', bureau.auth);
    expect(stats.body[0]).toMatchObject({ audience: 1, digest: 1, failed: 0 });
  });
});
