import { LiveSessionModel } from '../../../server/src/modules/live/live.model';
import { DeliveryModel } from '../../../server/src/modules/notice/notice.model';
import { NoticeService } from '../../../server/src/modules/notice/notice.service';
import { callbackSignOf } from '../../../server/src/modules/live/live.rules';
import { PushWorker } from '../../../server/src/modules/notice/push.worker';
import { FakeWeChatServer } from '../support/fake-wechat';
import { enterprise, publishedJob } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const TEMPLATE = 'tmpl-live-start';

describe('live start notices', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_live_test', secret: 'live_secret' });
  let t: TestApp;

  beforeAll(async () => {
    const apiBase = await wx.start();
    wx.defineTemplate(TEMPLATE, ['thing1', 'thing2', 'time3']);
    t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase }, notice: { templates: { liveStart: TEMPLATE } } });
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  it('should send a subscribe message at start to booked students with credit and an inbox item to every booked student, once per session', async () => {
    const host = await t.user({ roles: ['recruiter'] });
    const withCredit = await t.user({ roles: ['student'], openid: 'openid-live-credit' });
    const without = await t.user({ roles: ['student'], openid: 'openid-live-none' });
    const notBooked = await t.user({ roles: ['student'], openid: 'openid-live-absent' });
    wx.grantSubscribeCredit('openid-live-credit', TEMPLATE, 1);
    const ent = await enterprise(t, { recruiters: [host], district: 'hitech', name: '大连开播提醒测试有限公司' });
    const job = await publishedJob(t, ent, { title: '提醒测试岗位', salaryMin: 6000, salaryMax: 8000 });
    const created = await t.http().post('/api/live/sessions').set('Authorization', host.auth)
      .send({ title: '开播提醒测试直播', startAt: new Date(Date.now() + 3_600_000).toISOString(), jobIds: [job.toHexString()] });
    const id = created.body.id as string;
    for (const s of [withCredit, without]) {
      expect((await t.http().post(`/api/live/sessions/${id}/booking`).set('Authorization', s.auth)).status).toBe(200);
    }

    const callback = (eventType: number, sequence: string) => {
      const tSec = Math.floor(Date.now() / 1000) + 600;
      return t.http().post('/api/live/callbacks/tencent')
        .send({ t: tSec, sign: callbackSignOf(t.settings.live.callbackKey, tSec), event_type: eventType, stream_id: `ll_${id}`, sequence });
    };
    expect((await callback(1, 's1')).status).toBe(200);
    expect((await callback(0, 's1')).status).toBe(200);
    expect((await callback(1, 's2')).status).toBe(200);

    const inboxOf = async (auth: string) => {
      const res = await t.http().get('/api/inbox').set('Authorization', auth);
      expect(res.status).toBe(200);
      return res.body.items as Array<{ id: string; source: string; page?: string; contentId?: string; title: string; readAt?: string }>;
    };
    await (await t.app.getApplicationContext().getAsync(PushWorker)).drain();
    const sent = wx.sent.filter(m => m.touser.startsWith('openid-live'));
    expect(sent).toHaveLength(1);
    expect(sent[0].touser).toBe('openid-live-credit');
    expect(sent[0].data.thing1.value).toBe('开播提醒测试直播');
    // The card opens the room of this session (not the live tab), naming the student's inbox item.
    const [creditItem] = await inboxOf(withCredit.auth);
    expect(sent[0].page).toBe(`packages/live/pages/room/index?id=${id}&n=${creditItem.id}`);

    // Inbox: one live item per booked student (with or without credit), none for the others,
    // however often the start callback came.
    for (const s of [withCredit, without]) {
      const items = await inboxOf(s.auth);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ source: 'live', page: `packages/live/pages/room/index?id=${id}`, title: '直播开始：开播提醒测试直播' });
      expect(items[0].contentId).toBeUndefined();
      expect(items[0].readAt).toBeUndefined();
    }
    expect(await inboxOf(notBooked.auth)).toHaveLength(0);
    expect(await t.db.model(DeliveryModel).countDocuments({ userId: { $in: [withCredit.doc._id, without.doc._id] } })).toBe(2);

    // The live item counts as unread and is marked read through the ordinary inbox routes.
    const [item] = await inboxOf(without.auth);
    expect((await t.http().get('/api/inbox/unread-count').set('Authorization', without.auth)).body).toEqual({ unread: 1 });
    const read = await t.http().put(`/api/inbox/${item.id}/read`).set('Authorization', without.auth);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(item.id);
    expect((await t.http().get('/api/inbox/unread-count').set('Authorization', without.auth)).body).toEqual({ unread: 0 });
    expect((await inboxOf(without.auth))[0].readAt).toBe(read.body.readAt);
    // Another student cannot mark it.
    expect((await t.http().put(`/api/inbox/${item.id}/read`).set('Authorization', notBooked.auth)).status).toBe(404);

    // A retried start callback after the stream ended writes nothing new.
    expect((await callback(1, 's2')).status).toBe(200);
    expect(await t.db.model(DeliveryModel).countDocuments({ userId: { $in: [withCredit.doc._id, without.doc._id, notBooked.doc._id] } })).toBe(2);
  });

  it('should tell once, through the worker, a start whose process died between the transition and the flush', async () => {
    const host = await t.user({ roles: ['recruiter'] });
    const booked = await t.user({ roles: ['student'], openid: 'openid-live-outbox' });
    const ent = await enterprise(t, { recruiters: [host], district: 'hitech', name: '大连开播补发测试有限公司' });
    const job = await publishedJob(t, ent, { title: '补发测试岗位', salaryMin: 6000, salaryMax: 8000 });
    const created = await t.http().post('/api/live/sessions').set('Authorization', host.auth)
      .send({ title: '开播补发测试直播', startAt: new Date(Date.now() + 3_600_000).toISOString(), jobIds: [job.toHexString()] });
    const id = created.body.id as string;
    expect((await t.http().post(`/api/live/sessions/${id}/booking`).set('Authorization', booked.auth)).status).toBe(200);
    const notices = await t.app.getApplicationContext().getAsync(NoticeService);
    const at = new Date(Date.now() - 60_000);
    // The went-live transition as the callback writes it, with its notice, and then the process "dies": no flush.
    const sessions = t.db.model(LiveSessionModel);
    const session = await sessions.findById(id).lean();
    await sessions.updateOne(
      { _id: session!._id, status: session!.status },
      {
        $set: { status: 'live', startedAt: at },
        $push: {
          eventKeys: 's9:1',
          pendingNotices: notices.outboxEntry([booked.doc._id], { type: 'live.started', sessionId: id, title: session!.title, hostName: session!.hostName, startedAt: at.toISOString() }, at),
        },
      },
    );
    const inboxOf = async () => (await t.http().get('/api/inbox').set('Authorization', booked.auth)).body.items as Array<{ title: string; createdAt: string }>;
    expect(await inboxOf()).toEqual([]);
    const worker = await t.app.getApplicationContext().getAsync(PushWorker);
    await worker.drain();
    await worker.drain();
    const items = await inboxOf();
    expect(items.map(i => i.title)).toEqual(['直播开始：开播补发测试直播']);
    expect(items[0].createdAt).toBe(at.toISOString());
    expect((await sessions.findById(id).lean())?.pendingNotices).toEqual([]);
  });

  it('should write the start notice with the transition and leave nothing pending after the callback', async () => {
    const host = await t.user({ roles: ['recruiter'] });
    const booked = await t.user({ roles: ['student'], openid: 'openid-live-outbox-2' });
    const ent = await enterprise(t, { recruiters: [host], district: 'hitech', name: '大连开播写入测试有限公司' });
    const job = await publishedJob(t, ent, { title: '写入测试岗位', salaryMin: 6000, salaryMax: 8000 });
    const created = await t.http().post('/api/live/sessions').set('Authorization', host.auth)
      .send({ title: '开播写入测试直播', startAt: new Date(Date.now() + 3_600_000).toISOString(), jobIds: [job.toHexString()] });
    const id = created.body.id as string;
    expect((await t.http().post(`/api/live/sessions/${id}/booking`).set('Authorization', booked.auth)).status).toBe(200);
    const tSec = Math.floor(Date.now() / 1000) + 600;
    const started = await t.http().post('/api/live/callbacks/tencent')
      .send({ t: tSec, sign: callbackSignOf(t.settings.live.callbackKey, tSec), event_type: 1, stream_id: `ll_${id}`, sequence: 'w1' });
    expect(started.status).toBe(200);
    expect((await t.db.model(LiveSessionModel).findById(id).lean())?.pendingNotices).toEqual([]);
    const items = (await t.http().get('/api/inbox').set('Authorization', booked.auth)).body.items as Array<{ title: string }>;
    expect(items.map(i => i.title)).toEqual(['直播开始：开播写入测试直播']);
  });
});
