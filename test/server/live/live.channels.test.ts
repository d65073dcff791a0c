import type { LiveSessionDetail } from '../../../server/src/contract/live';
import { enterprise, publishedJob, type Who } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe('视频号 mode (LIVE_MODE=channels)', () => {
  let t: TestApp;
  let recruiter: Who;
  let other: Who;
  let student: Who;
  let jobId: string;

  const create = (patch: Record<string, unknown> = {}) =>
    t.http().post('/api/live/sessions').set('Authorization', recruiter.auth).send({ title: '视频号直播带岗专场', startAt: inHours(2), jobIds: [jobId], ...patch });
  const control = (id: string, body: Record<string, unknown>, who = recruiter) => t.http().post(`/api/live/sessions/${id}/channels`).set('Authorization', who.auth).send(body);

  beforeAll(async () => {
    t = await createTestApp({ live: { mode: 'channels' } });
    recruiter = await t.user({ roles: ['recruiter'] });
    other = await t.user({ roles: ['recruiter'] });
    student = await t.user({ roles: ['student'] });
    const owner = await enterprise(t, { recruiters: [recruiter], status: 'verified', district: 'hitech', name: '大连视频号直播测试有限公司' });
    await enterprise(t, { recruiters: [other], status: 'verified', district: 'hitech', name: '大连另一家测试有限公司' });
    jobId = (await publishedJob(t, owner, { title: '视频号直播岗位', salaryMin: 6000, salaryMax: 9000 })).toHexString();
  });

  afterAll(async () => {
    await t.close();
  });

  it('should require the 视频号 id, refuse a malformed one, and give no push address', async () => {
    const missing = await create();
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ code: 'LIVE_CHANNELS_REQUIRED', field: 'channels.finderUserName' });
    const malformed = await create({ channels: { finderUserName: 'wx_not_a_finder' } });
    expect(malformed.status).toBe(422);
    expect(malformed.body.field).toBe('channels.finderUserName');

    const res = await create({ channels: { finderUserName: 'sphDaLianRenShe01' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mode: 'channels', status: 'scheduled', channels: { finderUserName: 'sphDaLianRenShe01' } });
    expect((await t.http().get(`/api/live/sessions/${res.body.id}/push`).set('Authorization', recruiter.auth)).body.code).toBe('LIVE_NOT_PUSHABLE');
  });

  it('should go live when the host says so (bookers told once), carry the feed, end, and answer a repeat the same', async () => {
    const session = (await create({ channels: { finderUserName: 'sphDaLianRenShe01' } })).body as LiveSessionDetail;
    expect((await t.http().post(`/api/live/sessions/${session.id}/booking`).set('Authorization', student.auth)).status).toBe(200);

    expect((await control(session.id, { action: 'end' })).body.code).toBe('LIVE_NOT_LIVE');
    expect((await control(session.id, { action: 'start' }, other)).status).toBe(403);
    expect((await control(session.id, { action: 'start', feedId: 'bad feed id!' })).status).toBe(422);

    const started = await control(session.id, { action: 'start', feedId: 'export/UzFfAgtgekIEAQAAAAAA', nonceId: '1234567890' });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'live', channels: { finderUserName: 'sphDaLianRenShe01', feedId: 'export/UzFfAgtgekIEAQAAAAAA', nonceId: '1234567890' } });
    expect(started.body.play).toBeUndefined();
    const again = await control(session.id, { action: 'start' });
    expect(again.status).toBe(200);
    expect(again.body.startedAt).toBe(started.body.startedAt);

    const viewed = await t.http().get(`/api/live/sessions/${session.id}`).set('Authorization', student.auth);
    expect(viewed.body).toMatchObject({ mode: 'channels', status: 'live', channels: { feedId: 'export/UzFfAgtgekIEAQAAAAAA' } });
    expect(viewed.body.play).toBeUndefined();
    const inbox = (await t.http().get('/api/inbox').set('Authorization', student.auth)).body as { items: Array<{ title: string }> };
    expect(inbox.items.filter(i => i.title.includes('视频号直播带岗专场'))).toHaveLength(1);

    const ended = await control(session.id, { action: 'end' });
    expect(ended.body).toMatchObject({ status: 'ended' });
    expect(ended.body.endedAt).toBeDefined();
    expect((await control(session.id, { action: 'end' })).body).toMatchObject({ status: 'ended', endedAt: ended.body.endedAt });
    expect((await control(session.id, { action: 'start' })).body.code).toBe('LIVE_NOT_STARTABLE');
  });

  it('should answer an end on a session still awaiting approval as not live, and a start as not startable', async () => {
    const pendingHost = await t.user({ roles: ['recruiter'] });
    const unverified = await enterprise(t, { recruiters: [pendingHost], status: 'pending', district: 'hitech', name: '大连待审核直播测试有限公司' });
    const pendingJob = (await publishedJob(t, unverified, { title: '待审核企业的岗位', salaryMin: 5000, salaryMax: 7000 })).toHexString();
    const created = await t.http().post('/api/live/sessions').set('Authorization', pendingHost.auth)
      .send({ title: '待审核的视频号直播', startAt: inHours(3), jobIds: [pendingJob], channels: { finderUserName: 'sphDaLianRenShe02' } });
    expect(created.body).toMatchObject({ status: 'pending' });
    const ended = await control(created.body.id, { action: 'end' }, pendingHost);
    expect(ended.status).toBe(409);
    expect(ended.body.code).toBe('LIVE_NOT_LIVE');
    expect((await control(created.body.id, { action: 'start' }, pendingHost)).body.code).toBe('LIVE_NOT_STARTABLE');
  });
});
