import { Types } from 'mongoose';
import { DeliveryModel } from '../../../server/src/modules/notice/notice.model';
import { PushChunkModel, PushModel } from '../../../server/src/modules/notice/push.model';
import { policyPage } from '../../../server/src/modules/notice/push.rules';
import { PushService } from '../../../server/src/modules/notice/push.service';
import { PushWorker } from '../../../server/src/modules/notice/push.worker';
import { ContentModel } from '../../../server/src/modules/content/content.model';
import { SubscriptionModel } from '../../../server/src/modules/notice/subscription.model';
import { TopicChoiceModel } from '../../../server/src/modules/notice/topic.model';
import { WeChatService } from '../../../server/src/modules/wechat/wechat.service';
import { FakeWeChatServer } from '../support/fake-wechat';
import { createTestApp, type TestApp } from '../support/test-app';
import { POLICY_TEMPLATE, SEND_PATH, audience, publishPolicy, studentWithCredits, type Who } from './push.factories';

describe('push worker against the fake WeChat server', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_push_worker', secret: 'push_worker_secret' });
  let t: TestApp;
  let worker: PushWorker;
  let bureau: Who;
  let year = 2040;

  const deliveries = () => t.db.model(DeliveryModel);
  const credits = async (who: Who) => (await t.db.model(SubscriptionModel).findOne({ userId: who.doc._id.toHexString(), templateId: POLICY_TEMPLATE }).lean())?.credits;
  const deliveryOf = async (who: Who, contentId: string) => deliveries().findOne({ userId: who.doc._id, contentId: new Types.ObjectId(contentId) }).lean();

  beforeAll(async () => {
    const apiBase = await wx.start();
    wx.defineTemplate(POLICY_TEMPLATE, ['thing1', 'thing2', 'date3', 'thing4']);
    wx.setPages(['packages/policy/pages/detail/index']);
    t = await createTestApp({
      wechat: { appid: wx.appid, secret: wx.secret, apiBase, timeoutMs: 2000 },
      notice: { templates: { policyNotice: POLICY_TEMPLATE } },
      push: { backoffBaseMs: 5, backoffMaxMs: 20, maxAttempts: 4, leaseMs: 3000, pollMs: 20, ratePerSecond: 500, concurrency: 4, batchSize: 3 },
    });
    worker = await t.app.getApplicationContext().getAsync(PushWorker);
    bureau = await t.user({ roles: ['bureau'] });
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  beforeEach(() => {
    year += 1;
  });

  it('should send one notice per recipient with a credit, skip those without, and spend exactly one credit each', async () => {
    const a = await studentWithCredits(t, wx, year);
    const b = await studentWithCredits(t, wx, year, { credits: 2 });
    const none = await studentWithCredits(t, wx, year, { credits: 0 });
    const noOpenid = await studentWithCredits(t, wx, year, { openid: null });
    const other = await studentWithCredits(t, wx, year + 100);
    const quiet = await studentWithCredits(t, wx, year);
    await t.db.model(TopicChoiceModel).create({ userId: quiet.doc._id.toHexString(), topics: ['application', 'live'] });
    const policy = await publishPolicy(t, bureau, audience({ graduationYears: [year] }));
    await worker.drain();

    expect((await deliveryOf(a, policy.id))?.status).toBe('sent');
    expect((await deliveryOf(b, policy.id))?.status).toBe('sent');
    expect((await deliveryOf(none, policy.id))?.status).toBe('no-credit');
    expect(await deliveryOf(noOpenid, policy.id)).toMatchObject({ status: 'failed', reason: 'no-openid' });
    expect(await deliveryOf(other, policy.id)).toBeNull();
    expect((await deliveryOf(quiet, policy.id))?.status).toBe('opted-out');
    expect(await credits(quiet)).toBe(1);
    expect(await credits(a)).toBe(0);
    expect(await credits(b)).toBe(1);
    const sent = wx.sent.filter(m => m.page?.includes(policy.id));
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ template_id: POLICY_TEMPLATE });
    expect(sent[0].page).toMatch(/^packages\/policy\/pages\/detail\/index\?id=[0-9a-f]{24}&n=[0-9a-f]{24}$/);
    expect(Object.keys(sent[0].data).sort()).toEqual(['date3', 'thing1', 'thing2', 'thing4']);
    expect(wx.duplicateSends()).toBe(0);

    const list = await t.http().get('/api/staff/pushes').query({ contentId: policy.id }).set('Authorization', bureau.auth);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({
      contentId: policy.id,
      state: 'done',
      audience: 5,
      audienceFinal: true,
      pending: 0,
      sent: 2,
      noCredit: 1,
      failed: 1,
      failedBy: [{ reason: 'no-openid', count: 1 }],
      off: 0,
      optedOut: 1,
      read: 0,
    });
  });

  it.each([-1, 45011])('should retry errcode %i with backoff and keep the credit for the retry', async code => {
    const s = await studentWithCredits(t, wx, year);
    wx.forceError(SEND_PATH, code, 2);
    const policy = await publishPolicy(t, bureau, audience({ graduationYears: [year] }));
    await worker.drain();
    const d = await deliveryOf(s, policy.id);
    expect(d).toMatchObject({ status: 'sent', attempts: 3 });
    expect(await credits(s)).toBe(0);
    expect(wx.subscribeCredit(s.doc.openid as string, POLICY_TEMPLATE)).toBe(0);
  });

  it('should give up after the maximum attempts with the reason recorded and the credit returned', async () => {
    const s = await studentWithCredits(t, wx, year);
    wx.forceError(SEND_PATH, -1, 10);
    const policy = await publishPolicy(t, bureau, audience({ graduationYears: [year] }));
    await worker.drain();
    wx.forceError(SEND_PATH, -1, 0);
    expect(await deliveryOf(s, policy.id)).toMatchObject({ status: 'failed', reason: 'retries-exhausted', errcode: -1, attempts: 4 });
    expect(await credits(s)).toBe(1);
  });

  it('should not retry 47003, recording the reason and returning the credit', async () => {
    const s = await studentWithCredits(t, wx, year);
    wx.forceError(SEND_PATH, 47003, 1);
    const policy = await publishPolicy(t, bureau, audience({ graduationYears: [year] }));
    await worker.drain();
    expect(await deliveryOf(s, policy.id)).toMatchObject({ status: 'failed', reason: 'bad-data', errcode: 47003, attempts: 1 });
    expect(await credits(s)).toBe(1);
  });

  it('should not retry 40003 for an openid WeChat refuses', async () => {
    const s = await studentWithCredits(t, wx, year, { openid: 'bad.openid' });
    const policy = await publishPolicy(t, bureau, audience({ graduationYears: [year] }));
    await worker.drain();
    expect(await deliveryOf(s, policy.id)).toMatchObject({ status: 'failed', reason: 'bad-openid', errcode: 40003, attempts: 1 });
  });

  it('should not retry 43101 and should zero a credit WeChat says is gone', async () => {
    const s = await studentWithCredits(t, wx, year, { credits: 1, fakeCredits: 0 });
    const policy = await publishPolicy(t, bureau, audience({ graduationYears: [year] }));
    await worker.drain();
    expect(await deliveryOf(s, policy.id)).toMatchObject({ status: 'failed', reason: 'refused', errcode: 43101, attempts: 1 });
    expect(await credits(s)).toBe(0);
  });

  it('should refresh the access token through the token manager on 40001 and 42001', async () => {
    const s1 = await studentWithCredits(t, wx, year);
    const policy = await publishPolicy(t, bureau, audience({ graduationYears: [year] }));
    const before = wx.counters().stableToken;
    wx.expireAccessTokens();
    await worker.drain();
    expect((await deliveryOf(s1, policy.id))?.status).toBe('sent');
    expect(wx.counters().stableToken).toBeGreaterThan(before);

    year += 1;
    const s2 = await studentWithCredits(t, wx, year);
    wx.forceError(SEND_PATH, 40001, 1);
    const second = await publishPolicy(t, bureau, audience({ graduationYears: [year] }));
    await worker.drain();
    expect(await deliveryOf(s2, second.id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('should reclaim a chunk whose worker died mid-send and deliver each notice exactly once', async () => {
    const a = await studentWithCredits(t, wx, year);
    const b = await studentWithCredits(t, wx, year);
    const pushes = await t.app.getApplicationContext().getAsync(PushService);
    // Publish with the worker idle, then play the dead worker: claim, write-ahead, take credits,
    // and get one send through to WeChat before "dying".
    const policy = await publishPolicy(t, bureau, audience({ graduationYears: [year] }));
    const push = await t.db.model(PushModel).findOne({ contentId: new Types.ObjectId(policy.id) }).lean();
    await pushes.expand(push!._id);
    for (let i = 0; i < 100 && (await t.db.model(PushModel).findById(push!._id).lean())?.expandState !== 'done'; i++) await new Promise(r => setTimeout(r, 20));
    const chunk = await t.db.model(PushChunkModel).findOne({ pushId: push!._id }).lean();
    await t.db.model(PushChunkModel).updateOne({ _id: chunk!._id }, { $set: { claim: 'dead/1', claimedBy: 'dead-worker', leaseUntil: new Date(Date.now() + 300) } });
    await deliveries().updateMany({ pushId: push!._id }, { $set: { attemptedAt: new Date(), creditTaken: true, lastCredit: true } });
    await t.db.model(SubscriptionModel).updateMany({ userId: { $in: [a.doc._id.toHexString(), b.doc._id.toHexString()] }, templateId: POLICY_TEMPLATE }, { $inc: { credits: -1 } });
    const da = await deliveryOf(a, policy.id);
    const wechat = await t.app.getApplicationContext().getAsync(WeChatService);
    await wechat.call(SEND_PATH, { touser: a.doc.openid, template_id: POLICY_TEMPLATE, page: policyPage(policy.id, da!._id.toHexString()), data: { thing1: { value: '标题' }, thing2: { value: '大连市人社局' }, date3: { value: '2026年6月1日' }, thing4: { value: '详情' } } });

    // While the dead worker's lease lasts, nobody may take the chunk.
    expect(await worker.processOneChunk()).toBe(false);
    await new Promise(r => setTimeout(r, 350));
    await worker.drain();

    const pageA = policyPage(policy.id, da!._id.toHexString());
    const db = await deliveryOf(b, policy.id);
    expect(wx.deliveredCount(a.doc.openid as string, pageA)).toBe(1);
    expect(wx.deliveredCount(b.doc.openid as string, policyPage(policy.id, db!._id.toHexString()))).toBe(1);
    // A's first send had gone out: the repeat was answered 43101 and settles it as sent.
    expect(await deliveryOf(a, policy.id)).toMatchObject({ status: 'sent', ambiguous: true, errcode: 43101 });
    expect(db).toMatchObject({ status: 'sent' });
    expect(db?.errcode).toBeUndefined();
    expect(await credits(a)).toBe(0);
    expect(await credits(b)).toBe(0);
    expect(wx.duplicateSends()).toBe(0);
  });

  it('should plan a push that a publish did not get to before its process died', async () => {
    const s = await studentWithCredits(t, wx, year);
    const doc = await t.db.model(ContentModel).create({
      kind: 'policy', title: '发布后进程中断的政策', summary: '补发推送。', issuer: '大连市人社局', status: 'published', version: 3,
      publishedAt: new Date(), audience: audience({ graduationYears: [year] }), owner: {}, searchKeys: [],
    });
    await worker.drain();
    expect(await t.db.model(PushModel).countDocuments({ contentId: doc._id, version: 3 })).toBe(1);
    expect((await deliveryOf(s, doc._id.toHexString()))?.status).toBe('sent');
  });

  it('should send once when publish is retried, the push is planned twice, or the policy is republished', async () => {
    const s = await studentWithCredits(t, wx, year, { credits: 3 });
    const policy = await publishPolicy(t, bureau, audience({ graduationYears: [year] }));
    const retried = await t.http().post(`/api/staff/contents/${policy.id}/transition`).set('Authorization', bureau.auth).send({ action: 'publish', version: policy.version - 1 });
    expect(retried.status).toBe(409);
    const pushes = await t.app.getApplicationContext().getAsync(PushService);
    const push = await t.db.model(PushModel).findOne({ contentId: new Types.ObjectId(policy.id) }).lean();
    await pushes.planForPublish({ _id: push!.contentId, kind: 'policy', title: push!.title, summary: '', issuer: '', audience: push!.audience, publishedAt: push!.publishedAt } as never, push!.version, bureau.doc._id.toHexString());
    await worker.drain();
    const unpub = await t.http().post(`/api/staff/contents/${policy.id}/transition`).set('Authorization', bureau.auth).send({ action: 'unpublish', version: policy.version, reason: '补充适用条件' });
    const repub = await t.http().post(`/api/staff/contents/${policy.id}/transition`).set('Authorization', bureau.auth).send({ action: 'publish', version: unpub.body.version });
    expect(repub.status).toBe(200);
    await worker.drain();

    expect(await t.db.model(PushModel).countDocuments({ contentId: new Types.ObjectId(policy.id) })).toBe(2);
    expect(await deliveries().countDocuments({ contentId: new Types.ObjectId(policy.id) })).toBe(1);
    expect(wx.sent.filter(m => m.page?.includes(policy.id) && m.touser === s.doc.openid)).toHaveLength(1);
    expect(await credits(s)).toBe(2);
  });
});
