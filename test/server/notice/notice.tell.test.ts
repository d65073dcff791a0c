import type { InboxItem, NoticeEventType } from '../../../server/src/contract/notice';
import { NOTICE_CATALOGUE, renderNotice } from '../../../server/src/modules/notice/notice.catalogue';
import { DeliveryModel } from '../../../server/src/modules/notice/notice.model';
import type { NoticeService } from '../../../server/src/modules/notice/notice.service';
import type { PushWorker } from '../../../server/src/modules/notice/push.worker';
import { FakeWeChatServer } from '../support/fake-wechat';
import type { TestApp } from '../support/test-app';
import { EXPECTED_INBOX, SAMPLE_EVENTS, TEMPLATE_IDS, TEMPLATE_KEYS } from './notice.samples';
import { catalogueApp } from './push.factories';

const TYPES = Object.keys(NOTICE_CATALOGUE) as NoticeEventType[];

describe('telling a user about each catalogue event', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_notice_tell', secret: 'notice_tell_secret' });
  let t: TestApp;
  let notices: NoticeService;
  let worker: PushWorker;
  let seq = 0;

  beforeAll(async () => {
    ({ t, notices, worker } = await catalogueApp(wx));
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  async function student(credits: number) {
    seq += 1;
    const openid = `openid-tell-${seq}`;
    const who = await t.user({ roles: ['student'], openid });
    for (const id of Object.values(TEMPLATE_IDS)) if (credits > 0) wx.grantSubscribeCredit(openid, id, credits);
    return { ...who, openid };
  }

  const inbox = async (auth: string): Promise<InboxItem[]> => {
    const res = await t.http().get('/api/inbox?limit=50').set('Authorization', auth);
    expect(res.status).toBe(200);
    return res.body.items as InboxItem[];
  };

  it.each(TYPES)('should put %s in the inbox once and send exactly one subscribe message with its fields', async type => {
    const s = await student(2);
    const event = SAMPLE_EVENTS[type];
    expect(await notices.tell([s.doc._id], event)).toBe(1);
    expect(await notices.tell([s.doc._id.toHexString()], event)).toBe(0);
    const items = await inbox(s.auth);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject(EXPECTED_INBOX[type]);
    if (type === 'digest.weekly') expect(items[0].digest).toHaveLength(3);

    await worker.drain();
    await notices.tell([s.doc._id], event);
    await worker.drain();
    const sent = wx.sent.filter(m => m.touser === s.openid);
    const { template } = renderNotice(event, { at: new Date(), policyFields: t.settings.push.fields });
    if (!template) {
      expect(sent).toHaveLength(0);
      expect(await t.db.model(DeliveryModel).findById(items[0].id).lean()).toMatchObject({ status: 'off' });
      return;
    }
    expect(sent).toHaveLength(1);
    expect(sent[0].template_id).toBe(TEMPLATE_IDS[template]);
    expect(sent[0].page).toBe(`${EXPECTED_INBOX[type].page}${EXPECTED_INBOX[type].page.includes('?') ? '&' : '?'}n=${items[0].id}`);
    expect(Object.keys(sent[0].data).sort()).toEqual([...TEMPLATE_KEYS[template]].sort());
    expect(await t.db.model(DeliveryModel).findById(items[0].id).lean()).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('should tell several users at once and skip ids that are not users’ ids', async () => {
    const [a, b] = [await student(1), await student(1)];
    const event = { ...SAMPLE_EVENTS['live.started'], sessionId: 'c'.repeat(24) };
    expect(await notices.tell([a.doc._id, b.doc._id.toHexString(), b.doc._id, 'not-an-id'], event)).toBe(2);
    await worker.drain();
    expect(wx.sent.filter(m => m.touser === a.openid || m.touser === b.openid)).toHaveLength(2);
  });

  it('should keep the inbox item of a user without an openid, or who turned the topic off, and send nothing', async () => {
    const web = await t.user({ roles: ['student'] });
    const quiet = await student(1);
    expect((await t.http().put('/api/subscriptions/topics').set('Authorization', quiet.auth).send({ topics: ['policy'] })).status).toBe(200);
    const event = SAMPLE_EVENTS['application.viewed'];
    await notices.tell([web.doc._id, quiet.doc._id], { ...event, applicationId: 'd'.repeat(24) });
    await worker.drain();
    expect(wx.sent.filter(m => m.touser === quiet.openid)).toHaveLength(0);
    expect((await inbox(web.auth)).map(i => i.title)).toEqual([EXPECTED_INBOX['application.viewed'].title]);
    expect((await inbox(quiet.auth)).map(i => i.title)).toEqual([EXPECTED_INBOX['application.viewed'].title]);
    const rows = await t.db.model(DeliveryModel).find({ userId: { $in: [web.doc._id, quiet.doc._id] } }).lean();
    expect(rows.map(r => [r.userId.equals(web.doc._id) ? 'web' : 'quiet', r.status, r.reason]).sort()).toEqual([
      ['quiet', 'opted-out', undefined],
      ['web', 'failed', 'no-openid'],
    ]);
  });

  it('should open an inbox item by id only for its owner', async () => {
    const [a, b] = [await student(0), await student(0)];
    await notices.tell([a.doc._id], { ...SAMPLE_EVENTS['growth.training-completed'], signupId: 'e'.repeat(24) });
    const [item] = await inbox(a.auth);
    expect((await t.http().get(`/api/inbox/${item.id}`)).status).toBe(401);
    expect((await t.http().get(`/api/inbox/${item.id}`).set('Authorization', b.auth)).status).toBe(404);
    const mine = await t.http().get(`/api/inbox/${item.id}`).set('Authorization', a.auth);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: item.id, title: EXPECTED_INBOX['growth.training-completed'].title });
  });
});
