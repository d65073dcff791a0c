import { HTTP_SERVER_KEY } from '@midwayjs/core';
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import { LiveMessageModel } from '../../../server/src/modules/live/live.model';
import { FakeWeChatServer } from '../support/fake-wechat';
import { enterprise, publishedJob } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { joinRoom, type Viewer } from './support/room-client';

type Who = Awaited<ReturnType<TestApp['user']>>;

describe('live room chat through WeChat msg_sec_check', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_live_sec', secret: 'live_sec_secret' });
  let t: TestApp;
  let base: string;
  let sessionId: string;
  let student: Who;
  const open: Viewer[] = [];

  const join = (who: Who): Promise<Viewer> => joinRoom(`${base}/api/live/ws?session=${sessionId}&token=${encodeURIComponent(who.token)}`, open);

  beforeAll(async () => {
    const apiBase = await wx.start();
    // Words the room's own list does not know, so only WeChat can refuse them.
    wx.setRiskyWords(['加微信返现']);
    t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase } });
    const server = t.app.getApplicationContext().get<Server>(HTTP_SERVER_KEY);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const host = await t.user({ roles: ['recruiter'], nickname: '招聘官' });
    student = await t.user({ roles: ['student'], nickname: '小赵', openid: 'openid-sec-student' });
    const ent = await enterprise(t, { recruiters: [host], district: 'hitech', name: '大连内容安全测试有限公司' });
    const job = await publishedJob(t, ent, { title: '运营专员', salaryMin: 6000, salaryMax: 9000 });
    const res = await t.http().post('/api/live/sessions').set('Authorization', host.auth)
      .send({ title: '内容安全测试直播', startAt: new Date(Date.now() + 3_600_000).toISOString(), jobIds: [job.toHexString()] });
    expect(res.status).toBe(200);
    sessionId = res.body.id as string;
  });

  afterAll(async () => {
    for (const v of open) v.socket.terminate();
    t.app.getApplicationContext().get<Server>(HTTP_SERVER_KEY).closeAllConnections();
    await t.close();
    await wx.stop();
  });

  it('should refuse a message WeChat marks risky, store nothing, and pass a clean one checked with the sender openid', async () => {
    const s = await join(student);
    await s.next('welcome');
    s.send({ type: 'chat', text: '加微信返现，私聊我' });
    const refused = await s.next('error');
    expect(refused.code).toBe('LIVE_CHAT_BANNED_WORD');
    s.send({ type: 'chat', text: '请问岗位在哪个区？', question: true });
    const passed = await s.next('message', e => e.message.text === '请问岗位在哪个区？');
    expect(passed.message.kind).toBe('question');

    const stored = await t.db.model(LiveMessageModel).find({ sessionId }).lean();
    expect(stored.map(m => m.text)).toEqual(['请问岗位在哪个区？']);
    const checks = wx.calls.filter(c => c.path === '/wxa/msg_sec_check');
    expect(checks).toHaveLength(2);
    expect(checks[1].body).toMatchObject({ version: 2, scene: 2, openid: 'openid-sec-student', content: '请问岗位在哪个区？' });
  });
});
