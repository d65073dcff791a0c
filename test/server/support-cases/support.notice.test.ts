import { Types } from 'mongoose';
import { DeliveryModel } from '../../../server/src/modules/notice/notice.model';
import { NoticeService } from '../../../server/src/modules/notice/notice.service';
import { SupportCaseModel } from '../../../server/src/modules/support/support.model';
import { PushWorker } from '../../../server/src/modules/notice/push.worker';
import { FakeWeChatServer } from '../support/fake-wechat';
import { createTestApp, type TestApp } from '../support/test-app';

const TEMPLATE = 'tmpl-support-notice';

describe('1311 notices to the student', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_support_test', secret: 'support_secret' });
  let t: TestApp;
  let worker: { auth: string; id: string };
  const jobIds: string[] = [];

  beforeAll(async () => {
    const apiBase = await wx.start();
    wx.defineTemplate(TEMPLATE, ['thing1', 'thing2', 'time3']);
    t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase }, notice: { templates: { supportNotice: TEMPLATE } } });
    const w = await t.user({ roles: ['district'], scope: { districtCode: '210211' } });
    worker = { auth: w.auth, id: w.doc._id.toHexString() };
    const db = t.db.connection.db;
    if (!db) throw new Error('no db');
    for (let i = 0; i < 4; i++) {
      const { insertedId } = await db.collection('jobs').insertOne({ title: `推荐岗位${i}`, enterpriseName: '大连示例公司', status: 'published', kind: 'fulltime', district: '210211' });
      jobIds.push(insertedId.toHexString());
    }
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  /** A student's self-registered case, claimed by the worker. */
  const caseFor = async (openid: string) => {
    const s = await t.user({ roles: ['student'], openid, profile: { name: '李同学' } });
    const reg = await t.http().post('/api/support/register').set('Authorization', s.auth).send({ districtCode: '210211' });
    expect(reg.status).toBe(200);
    const caseId = reg.body.id as string;
    expect((await t.http().post(`/api/staff/support/cases/${caseId}/claim`).set('Authorization', worker.auth)).status).toBe(200);
    return { student: s, caseId };
  };
  const staffPost = (path: string, body: object) => t.http().post(`/api/staff/support${path}`).set('Authorization', worker.auth).send(body);
  /** Subscribe messages sent to `openid`, once the worker has sent what was queued. */
  const sentTo = async (openid: string) => {
    await (await t.app.getApplicationContext().getAsync(PushWorker)).drain();
    return wx.sent.filter(m => m.touser === openid);
  };
  const inboxOf = async (auth: string) => {
    const res = await t.http().get('/api/inbox').set('Authorization', auth);
    expect(res.status).toBe(200);
    return res.body.items as Array<{ source: string; title: string; summary: string; page?: string }>;
  };

  it('should give the student the template to subscribe to', async () => {
    const s = await t.user({ roles: ['student'] });
    expect((await t.http().get('/api/support/notice').set('Authorization', s.auth)).body).toEqual({ templateId: TEMPLATE });
    expect((await t.http().get('/api/support/notice').set('Authorization', worker.auth)).status).toBe(403);
  });

  it('should write one inbox item and send one notice for a recommendation round, however often it is retried', async () => {
    wx.grantSubscribeCredit('openid-support-credit', TEMPLATE, 5);
    const { student, caseId } = await caseFor('openid-support-credit');
    const round = { jobIds: jobIds.slice(0, 3) };
    const [a, b] = await Promise.all([staffPost(`/cases/${caseId}/recommendations`, round), staffPost(`/cases/${caseId}/recommendations`, round)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await staffPost(`/cases/${caseId}/recommendations`, { jobIds: [...round.jobIds].reverse() })).status).toBe(200);

    const items = await inboxOf(student.auth);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      source: 'support',
      title: '就业帮扶：第1轮岗位推荐',
      summary: '工作人员为你推荐了 3 个岗位，点击查看并直接投递',
      page: 'packages/support/pages/mine/index?notice=round-1',
    });
    const sent = await sentTo('openid-support-credit');
    expect(sent).toHaveLength(1);
    // The card opens the case page naming the inbox item it belongs to.
    expect(sent[0]).toMatchObject({ template_id: TEMPLATE });
    expect(sent[0].page).toMatch(/^packages\/support\/pages\/mine\/index\?notice=round-1&n=[0-9a-f]{24}$/);
    expect(sent[0].data.thing1.value).toBe('第1轮岗位推荐');
    expect(wx.subscribeCredit('openid-support-credit', TEMPLATE)).toBe(4);

    // A second, different round is a second notice.
    await staffPost(`/cases/${caseId}/recommendations`, { jobIds: [jobIds[3]] });
    expect((await inboxOf(student.auth)).map(i => i.title)).toEqual(['就业帮扶：第2轮岗位推荐', '就业帮扶：第1轮岗位推荐']);
    expect((await sentTo('openid-support-credit'))).toHaveLength(2);
    expect(wx.duplicateSends()).toBe(0);
  });

  it('should notify a training offer, a traineeship and a guidance session once each, and not a follow-up visit', async () => {
    wx.grantSubscribeCredit('openid-support-offers', TEMPLATE, 5);
    const { student, caseId } = await caseFor('openid-support-offers');
    for (const kind of ['training', 'trainee', 'guidance', 'visit']) {
      const body = { kind, note: kind === 'trainee' ? '星海软件测试岗见习' : '' };
      expect((await staffPost(`/cases/${caseId}/services`, body)).status).toBe(200);
      expect((await staffPost(`/cases/${caseId}/services`, body)).status).toBe(200);
    }
    const items = await inboxOf(student.auth);
    expect(items.map(i => i.title).sort()).toEqual(['就业帮扶：就业见习', '就业帮扶：职业培训', '就业帮扶：职业指导']);
    expect(items.find(i => i.title === '就业帮扶：就业见习')?.summary).toBe('已为你安排就业见习：星海软件测试岗见习');
    expect((await sentTo('openid-support-offers'))).toHaveLength(3);
    expect(wx.duplicateSends()).toBe(0);
  });

  it('should still put the round in the inbox of a student without credit, sending nothing', async () => {
    const { student, caseId } = await caseFor('openid-support-none');
    expect((await staffPost(`/cases/${caseId}/recommendations`, { jobIds: jobIds.slice(0, 2) })).status).toBe(200);
    expect(await inboxOf(student.auth)).toHaveLength(1);
    expect((await sentTo('openid-support-none'))).toHaveLength(0);
    expect(await t.db.model(DeliveryModel).countDocuments({ userId: new Types.ObjectId(student.doc._id), source: 'support' })).toBe(1);
  });

  it('should tell once, through the worker, a round whose process died between the change and the flush', async () => {
    const { student, caseId } = await caseFor('openid-support-outbox');
    const notices = await t.app.getApplicationContext().getAsync(NoticeService);
    const cases = t.db.model(SupportCaseModel);
    const at = new Date(Date.now() - 60_000);
    const ids = jobIds.slice(0, 2).map(j => new Types.ObjectId(j));
    // The round as recommend() writes it, with its notice, and then the process "dies": no flush.
    await cases.updateOne(
      { _id: new Types.ObjectId(caseId), rounds: { $size: 0 } },
      {
        $push: {
          rounds: { at, by: new Types.ObjectId(worker.id), jobIds: ids },
          pendingNotices: notices.outboxEntry([student.doc._id], { type: 'support.round', caseId, position: 1, jobs: 2, at: at.toISOString() }, at),
        },
      },
    );
    expect(await inboxOf(student.auth)).toEqual([]);
    const pushWorker = await t.app.getApplicationContext().getAsync(PushWorker);
    await pushWorker.drain();
    await pushWorker.drain();
    expect((await inboxOf(student.auth)).map(i => i.title)).toEqual(['就业帮扶：第1轮岗位推荐']);
    expect((await cases.findById(caseId).lean())?.pendingNotices).toEqual([]);
    // The staff member's retry of the same round finds it recorded and tells nobody again.
    expect((await staffPost(`/cases/${caseId}/recommendations`, { jobIds: jobIds.slice(0, 2) })).status).toBe(200);
    expect(await inboxOf(student.auth)).toHaveLength(1);
  });
});
