import { HTTP_SERVER_KEY } from '@midwayjs/core';
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import type { LiveSessionSummary } from '../../../server/src/contract/live';
import { StandingService } from '../../../server/src/modules/enterprise/standing.service';
import { LiveSessionModel } from '../../../server/src/modules/live/live.model';
import { callbackSignOf } from '../../../server/src/modules/live/live.rules';
import { DeliveryModel } from '../../../server/src/modules/notice/notice.model';
import { postedJob, realNamed, recruiterWithEnterprise } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { joinRoom, Viewer } from './support/room-client';

type Who = Awaited<ReturnType<TestApp['user']>>;

describe('live sessions of parties on the 异常名录', () => {
  let t: TestApp;
  let base: string;
  let bureau: Who;
  const open: Viewer[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const server = t.app.getApplicationContext().get<Server>(HTTP_SERVER_KEY);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    bureau = await t.user({ roles: ['bureau'] });
  });

  afterAll(async () => {
    for (const v of open) v.socket.terminate();
    t.app.getApplicationContext().get<Server>(HTTP_SERVER_KEY).closeAllConnections();
    await t.close();
  });

  const schedule = async (host: Who, jobId: string, title: string): Promise<string> => {
    const res = await t.http().post('/api/live/sessions').set('Authorization', host.auth)
      .send({ title, startAt: new Date(Date.now() + 3_600_000).toISOString(), jobIds: [jobId] });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('scheduled');
    return res.body.id as string;
  };
  const goLive = async (id: string) => {
    const tSec = Math.floor(Date.now() / 1000) + 600;
    const res = await t.http().post('/api/live/callbacks/tencent')
      .send({ t: tSec, sign: callbackSignOf(t.settings.live.callbackKey, tSec), event_type: 1, stream_id: `ll_${id}`, sequence: 's1' });
    expect(res.status).toBe(200);
  };
  const book = async (who: Who, id: string) => expect((await t.http().post(`/api/live/sessions/${id}/booking`).set('Authorization', who.auth)).status).toBe(200);
  const tab = async (name: 'upcoming' | 'live' | 'past') => ((await t.http().get(`/api/live/sessions?tab=${name}`)).body as LiveSessionSummary[]).map(s => s.id);
  const takenDownNotices = (who: Who) => t.db.model(DeliveryModel).countDocuments({ userId: who.doc._id, type: 'live.taken-down' });
  const list = (body: object) => t.http().post('/api/staff/abnormal-list').set('Authorization', bureau.auth).send(body);

  it('should end a listed enterprise\'s live stream with the room told, cancel its scheduled session with the bookers told once, hide its replays, and refuse new ones', async () => {
    const r = await recruiterWithEnterprise(t, bureau);
    const jobId = await postedJob(t, r);
    const liveId = await schedule(r, jobId, '异常名录测试直播（直播中）');
    const laterId = await schedule(r, jobId, '异常名录测试直播（预告）');
    const pastId = await schedule(r, jobId, '异常名录测试直播（已结束）');
    await t.db.model(LiveSessionModel).updateOne({ _id: pastId }, { $set: { status: 'ended', endedAt: new Date() } });
    const booker = await t.user({ roles: ['student'] });
    const viewer = await t.user({ roles: ['student'] });
    await book(booker, liveId);
    await book(booker, laterId);
    await goLive(liveId);
    const inRoom = await joinRoom(`${base}/api/live/ws?session=${liveId}&token=${encodeURIComponent(viewer.token)}`, open);
    await inRoom.next('welcome');
    expect(await tab('live')).toContain(liveId);

    const ent = await t.http().get('/api/recruiter/enterprise').set('Authorization', r.auth);
    const entry = { kind: 'enterprise', subject: ent.body.uscc, name: ent.body.name, reason: '虚假招聘，经核实' };
    const add = await list(entry);
    expect(add.status).toBe(200);

    // The room hears why and closes; the stream's session has ended.
    expect((await inRoom.next('taken-down')).reason).toBe('主办企业已被列入异常名录');
    expect(await inRoom.closed()).toBe(4410);
    const sessions = t.db.model(LiveSessionModel);
    expect(await sessions.findById(liveId).lean()).toMatchObject({ status: 'ended', hidden: true, holds: ['abnormal-enterprise'] });
    expect(await sessions.findById(laterId).lean()).toMatchObject({ status: 'rejected', rejectReason: '已下线：主办企业已被列入异常名录' });
    // Students find none of the three anywhere; the room refuses them.
    for (const name of ['upcoming', 'live', 'past'] as const) expect(await tab(name)).not.toEqual(expect.arrayContaining([liveId]));
    expect(await tab('past')).not.toContain(pastId);
    for (const id of [liveId, laterId, pastId]) expect((await t.http().get(`/api/live/sessions/${id}`).set('Authorization', viewer.auth)).status).toBe(404);
    expect((await t.http().get(`/api/live/sessions/${pastId}/replay`)).status).toBe(404);
    expect((await t.http().post(`/api/live/sessions/${laterId}/booking`).set('Authorization', viewer.auth)).status).toBe(404);
    const again = await joinRoom(`${base}/api/live/ws?session=${liveId}&token=${encodeURIComponent(viewer.token)}`, open);
    expect((await again.next('error')).code).toBe('LIVE_SESSION_NOT_FOUND');

    // The booker is told once per session (live and scheduled), also when the listing is repeated.
    expect(await takenDownNotices(booker)).toBe(2);
    expect((await list(entry)).status).toBe(200);
    expect(await takenDownNotices(booker)).toBe(2);
    const inbox = await t.http().get('/api/inbox').set('Authorization', booker.auth);
    expect(inbox.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ title: '直播已取消：异常名录测试直播（预告）', page: 'pages/live/index' })]));

    // The host sees its own sessions; it may schedule no new one.
    const mine = await t.http().get('/api/live/mine').set('Authorization', r.auth);
    expect((mine.body as LiveSessionSummary[]).map(s => s.id)).toEqual(expect.arrayContaining([liveId, laterId, pastId]));
    const refused = await t.http().post('/api/live/sessions').set('Authorization', r.auth)
      .send({ title: '换个名字再来', startAt: new Date(Date.now() + 7_200_000).toISOString(), jobIds: [jobId] });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ABNORMAL_LISTED');

    // Removal shows what had finished again; a cancelled session stays cancelled (its bookers were told).
    expect((await t.http().post(`/api/staff/abnormal-list/${add.body.id}/remove`).set('Authorization', bureau.auth).send({ reason: '复核后撤销' })).status).toBe(200);
    expect(await tab('past')).toEqual(expect.arrayContaining([liveId, pastId]));
    expect(await tab('upcoming')).not.toContain(laterId);
    expect((await t.http().get(`/api/live/sessions/${pastId}`).set('Authorization', viewer.auth)).status).toBe(200);
  });

  it('should take down only the sessions a listed person scheduled, and leave sessions alone when a real-name check lapses', async () => {
    const r = await recruiterWithEnterprise(t, bureau);
    const idNumber = await realNamed(t, r, 3);
    const jobId = await postedJob(t, r);
    const colleague = await t.user({ roles: ['recruiter'] });
    await t.http().post('/api/recruiter/enterprise/recruiters').set('Authorization', r.auth).send({ userId: colleague.doc._id.toHexString() });
    const own = await schedule(r, jobId, '个人列入测试直播');
    const theirs = await schedule(colleague, jobId, '同事的直播');

    const standing = await t.app.getApplicationContext().getAsync(StandingService);
    await standing.sweep(new Date(Date.now() + 4 * 86_400_000));
    expect(await tab('upcoming')).toEqual(expect.arrayContaining([own, theirs]));

    expect((await list({ kind: 'person', subject: idNumber, name: '张三', reason: '收取求职者押金' })).status).toBe(200);
    expect(await tab('upcoming')).not.toContain(own);
    expect(await tab('upcoming')).toContain(theirs);
    expect(await t.db.model(LiveSessionModel).findById(own).lean()).toMatchObject({ status: 'rejected', rejectReason: '已下线：发布直播的招聘者已被列入异常名录' });
    const refused = await t.http().post('/api/live/sessions').set('Authorization', r.auth)
      .send({ title: '再排一场', startAt: new Date(Date.now() + 7_200_000).toISOString(), jobIds: [jobId] });
    expect(refused.body.code).toBe('ABNORMAL_LISTED');
  });
});
