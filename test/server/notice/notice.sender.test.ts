import { Types } from 'mongoose';
import { pageWithInboxItem } from '../../../server/src/modules/notice/notice.catalogue';
import { DeliveryModel } from '../../../server/src/modules/notice/notice.model';
import { NoticeSender } from '../../../server/src/modules/notice/notice.sender';
import { NoticeService } from '../../../server/src/modules/notice/notice.service';
import { SubscriptionModel } from '../../../server/src/modules/notice/subscription.model';
import { WeChatService } from '../../../server/src/modules/wechat/wechat.service';
import { FakeWeChatServer } from '../support/fake-wechat';
import { createTestApp, type TestApp } from '../support/test-app';
import { SAMPLE_EVENTS, TEMPLATE_IDS, TEMPLATE_KEYS } from './notice.samples';

const SEND_PATH = '/cgi-bin/message/subscribe/send';
const TEMPLATE = TEMPLATE_IDS.applicationStatus;

describe('the event notice sender', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_notice_sender', secret: 'notice_sender_secret' });
  let t: TestApp;
  let notices: NoticeService;
  let sender: NoticeSender;
  let seq = 0;

  beforeAll(async () => {
    const apiBase = await wx.start();
    wx.defineTemplate(TEMPLATE, TEMPLATE_KEYS.applicationStatus);
    t = await createTestApp({
      wechat: { appid: wx.appid, secret: wx.secret, apiBase, timeoutMs: 2000 },
      notice: { templates: { applicationStatus: TEMPLATE } },
      push: { backoffBaseMs: 5, backoffMaxMs: 20, maxAttempts: 4, leaseMs: 3000 },
    });
    notices = await t.app.getApplicationContext().getAsync(NoticeService);
    sender = await t.app.getApplicationContext().getAsync(NoticeSender);
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  /** A student told about one viewed application; returns the queued inbox item. */
  async function queued(opts: { credits?: number; ledger?: number; openid?: string } = {}) {
    seq += 1;
    const openid = opts.openid ?? `openid-sender-${seq}`;
    const who = await t.user({ roles: ['student'], openid });
    if ((opts.credits ?? 1) > 0) wx.grantSubscribeCredit(openid, TEMPLATE, opts.credits ?? 1);
    if (opts.ledger !== undefined) {
      await t.db.model(SubscriptionModel).create({ userId: who.doc._id.toHexString(), templateId: TEMPLATE, credits: opts.ledger, longTerm: false, lastResult: 'accept' });
    }
    await notices.tell([who.doc._id], { ...SAMPLE_EVENTS['application.viewed'], applicationId: new Types.ObjectId().toHexString() });
    const item = await t.db.model(DeliveryModel).findOne({ userId: who.doc._id }).lean();
    return { who, openid, id: item!._id, page: pageWithInboxItem(item!.page ?? '', item!._id.toHexString()) };
  }

  /** Runs the sender until nothing is due, waiting out backoffs. */
  async function sendAll(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      if ((await sender.processOne('test-worker')) !== 'idle') continue;
      if (!(await sender.anyQueued())) return;
      await new Promise(r => setTimeout(r, 10));
    }
    throw new Error('sender did not settle');
  }

  const row = (id: Types.ObjectId) => t.db.model(DeliveryModel).findById(id).lean();

  it('should send a queued notice once and leave nothing queued, spending one credit of the ledger', async () => {
    const n = await queued({ ledger: 2 });
    await sendAll();
    await sendAll();
    expect(wx.deliveredCount(n.openid, n.page)).toBe(1);
    const d = await row(n.id);
    expect(d).toMatchObject({ status: 'sent', attempts: 1, claim: null, attemptedAt: null });
    expect(d?.queue).toBeUndefined();
    expect((await t.db.model(SubscriptionModel).findOne({ userId: n.who.doc._id.toHexString() }).lean())?.credits).toBe(1);
  });

  it.each([-1, 45011])('should retry errcode %i with backoff and then send', async code => {
    const n = await queued();
    wx.forceError(SEND_PATH, code, 2);
    await sendAll();
    expect(await row(n.id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(wx.deliveredCount(n.openid, n.page)).toBe(1);
  });

  it('should give up after the maximum attempts with the reason recorded', async () => {
    const n = await queued();
    wx.forceError(SEND_PATH, -1, 10);
    await sendAll();
    wx.forceError(SEND_PATH, -1, 0);
    expect(await row(n.id)).toMatchObject({ status: 'failed', reason: 'retries-exhausted', errcode: -1, attempts: 4 });
  });

  it.each([
    [43101, 'refused'],
    [47003, 'bad-data'],
  ] as const)('should record errcode %i without a retry', async (code, reason) => {
    const n = await queued({ ledger: 3 });
    wx.forceError(SEND_PATH, code, 1);
    await sendAll();
    expect(await row(n.id)).toMatchObject({ status: 'failed', reason, errcode: code, attempts: 1 });
    expect(wx.deliveredCount(n.openid, n.page)).toBe(0);
    // WeChat knows better than the ledger: no credit left after 43101.
    const credits = (await t.db.model(SubscriptionModel).findOne({ userId: n.who.doc._id.toHexString() }).lean())?.credits;
    expect(credits).toBe(code === 43101 ? 0 : 3);
  });

  it('should record an openid WeChat refuses (40003) without a retry', async () => {
    const n = await queued({ openid: 'bad.openid' });
    await sendAll();
    expect(await row(n.id)).toMatchObject({ status: 'failed', reason: 'bad-openid', errcode: 40003, attempts: 1 });
  });

  it('should leave a notice claimed by a live lease alone, and settle one whose holder died mid-send as sent once', async () => {
    const n = await queued();
    // The dead holder: claimed, marked the attempt, and its send reached WeChat before it died.
    await t.db.model(DeliveryModel).updateOne({ _id: n.id }, { $set: { claim: 'dead/1', claimedBy: 'dead-worker', leaseUntil: new Date(Date.now() + 300), attemptedAt: new Date() } });
    const wechat = await t.app.getApplicationContext().getAsync(WeChatService);
    const d = await row(n.id);
    await wechat.call(SEND_PATH, { touser: n.openid, template_id: TEMPLATE, page: n.page, data: Object.fromEntries(Object.entries(d!.data!).map(([k, v]) => [k, { value: v }])) });

    expect(await sender.processOne('test-worker')).toBe('idle');
    await new Promise(r => setTimeout(r, 350));
    await sendAll();
    // The repeat was answered 43101 (the credit was used by the first send): that settles it as sent.
    expect(await row(n.id)).toMatchObject({ status: 'sent', ambiguous: true, errcode: 43101 });
    expect(wx.deliveredCount(n.openid, n.page)).toBe(1);
  });

  it('should let a restarted worker with the same id take back its claims at once', async () => {
    const n = await queued();
    await t.db.model(DeliveryModel).updateOne({ _id: n.id }, { $set: { claim: 'w1/1', claimedBy: 'w1', leaseUntil: new Date(Date.now() + 60_000) } });
    expect(await sender.processOne('w1')).toBe('idle');
    expect(await sender.releaseClaimsOf('w1')).toBe(1);
    expect(await sender.processOne('w1')).toBe('sent');
    expect(wx.deliveredCount(n.openid, n.page)).toBe(1);
  });

  it('should send each notice exactly once when several senders claim at the same time', async () => {
    const batch = await Promise.all(Array.from({ length: 6 }, () => queued()));
    await Promise.all(Array.from({ length: 8 }, (_, i) => (async () => {
      while ((await sender.processOne(`racer-${i}`)) !== 'idle');
    })()));
    for (const n of batch) expect(wx.deliveredCount(n.openid, n.page)).toBe(1);
    expect(wx.duplicateSends()).toBe(0);
  });
});
