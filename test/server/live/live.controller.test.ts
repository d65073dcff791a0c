import { Types } from 'mongoose';
import type { LivePushInfo, LiveSessionDetail, LiveSessionSummary } from '../../../server/src/contract/live';
import { JobModel } from '../../../server/src/modules/job/job.model';
import { LiveMessageModel, LiveSessionModel } from '../../../server/src/modules/live/live.model';
import { callbackSignOf, verifyStreamQuery } from '../../../server/src/modules/live/live.rules';
import { enterprise, publishedJob, type Who } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('live routes', () => {
  let t: TestApp;
  let bureau: Who;
  let student: Who;
  let recruiter: Who;
  let unverifiedRecruiter: Who;
  let otherRecruiter: Who;
  let jobId: string;
  let otherJobId: string;
  let seq = 0;

  async function enterpriseFor(r: Who, status: 'verified' | 'pending') {
    seq += 1;
    const owner = await enterprise(t, { recruiters: [r], status, district: 'hitech', name: `大连直播测试${seq}号有限公司` });
    const job = await publishedJob(t, owner, { title: `直播岗位${seq}`, salaryMin: 6000, salaryMax: 9000 });
    return job.toHexString();
  }

  const input = (patch: Record<string, unknown> = {}) => ({ title: '软件工程师直播带岗', startAt: inHours(2), jobIds: [jobId], ...patch });

  async function schedule(patch: Record<string, unknown> = {}): Promise<LiveSessionDetail> {
    const res = await t.http().post('/api/live/sessions').set('Authorization', recruiter.auth).send(input(patch));
    expect(res.status).toBe(200);
    return res.body as LiveSessionDetail;
  }

  function callback(streamId: string, eventType: number, sequence: string, patch: Record<string, unknown> = {}) {
    const tSec = Math.floor(Date.now() / 1000) + 600;
    return t
      .http()
      .post('/api/live/callbacks/tencent')
      .send({ t: tSec, sign: callbackSignOf(t.settings.live.callbackKey, tSec), event_type: eventType, stream_id: streamId, sequence, appname: 'live', ...patch });
  }

  beforeAll(async () => {
    t = await createTestApp({ live: { graceSeconds: 1 } });
    bureau = await t.user({ roles: ['bureau'] });
    student = await t.user({ roles: ['student'] });
    recruiter = await t.user({ roles: ['recruiter'] });
    unverifiedRecruiter = await t.user({ roles: ['recruiter'] });
    otherRecruiter = await t.user({ roles: ['recruiter'] });
    jobId = await enterpriseFor(recruiter, 'verified');
    await enterpriseFor(unverifiedRecruiter, 'pending');
    otherJobId = await enterpriseFor(otherRecruiter, 'verified');
  });

  afterAll(async () => {
    await t.close();
  });

  it('should refuse a 视频号 link and the 视频号 control where the deployment runs its own streams (the default)', async () => {
    const linked = await t.http().post('/api/live/sessions').set('Authorization', recruiter.auth).send(input({ channels: { finderUserName: 'sphDaLianRenShe01' } }));
    expect(linked.body).toMatchObject({ code: 'LIVE_CHANNELS_NOT_ENABLED', field: 'channels' });
    const session = await schedule();
    expect(session.mode).toBe('player');
    const control = await t.http().post(`/api/live/sessions/${session.id}/channels`).set('Authorization', recruiter.auth).send({ action: 'start' });
    expect(control.body.code).toBe('LIVE_NOT_CHANNELS');
  });

  it('should answer 401 to anonymous callers on closed routes', async () => {
    const id = new Types.ObjectId().toHexString();
    expect((await t.http().post('/api/live/sessions').send(input())).status).toBe(401);
    expect((await t.http().get('/api/live/mine')).status).toBe(401);
    expect((await t.http().get(`/api/live/sessions/${id}/push`)).status).toBe(401);
    expect((await t.http().get(`/api/live/sessions/${id}/stats`)).status).toBe(401);
    expect((await t.http().post(`/api/live/sessions/${id}/booking`)).status).toBe(401);
    expect((await t.http().delete(`/api/live/sessions/${id}/booking`)).status).toBe(401);
    expect((await t.http().get('/api/staff/live/pending')).status).toBe(401);
    expect((await t.http().post(`/api/staff/live/sessions/${id}/decision`).send({ decision: 'approve' })).status).toBe(401);
  });

  it('should answer 403 to the wrong roles', async () => {
    const id = new Types.ObjectId().toHexString();
    expect((await t.http().post('/api/live/sessions').set('Authorization', student.auth).send(input())).status).toBe(403);
    expect((await t.http().get('/api/live/mine').set('Authorization', student.auth)).status).toBe(403);
    expect((await t.http().get(`/api/live/sessions/${id}/push`).set('Authorization', student.auth)).status).toBe(403);
    expect((await t.http().get(`/api/live/sessions/${id}/stats`).set('Authorization', student.auth)).status).toBe(403);
    expect((await t.http().post(`/api/live/sessions/${id}/booking`).set('Authorization', recruiter.auth)).status).toBe(403);
    expect((await t.http().get('/api/staff/live/pending').set('Authorization', recruiter.auth)).status).toBe(403);
    expect((await t.http().post(`/api/staff/live/sessions/${id}/decision`).set('Authorization', student.auth).send({ decision: 'approve' })).status).toBe(403);
  });

  it('should refuse the push URL to a recruiter of another enterprise', async () => {
    const s = await schedule();
    const res = await t.http().get(`/api/live/sessions/${s.id}/push`).set('Authorization', otherRecruiter.auth);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('LIVE_NOT_HOST');
  });

  it('should reject bad session input with stable codes', async () => {
    const post = (body: Record<string, unknown>) => t.http().post('/api/live/sessions').set('Authorization', recruiter.auth).send(body);
    expect((await post(input({ title: '短' }))).body.code).toBe('VALIDATION_FAILED');
    expect((await post(input({ startAt: new Date(Date.now() - 60_000).toISOString() }))).status).toBe(422);
    expect((await post(input({ jobIds: [] }))).status).toBe(422);
    expect((await post(input({ jobIds: ['nothex'] }))).status).toBe(422);
    const foreign = await post(input({ jobIds: [otherJobId] }));
    expect(foreign.status).toBe(422);
    expect(foreign.body.code).toBe('LIVE_JOBS_INVALID');
    const fair = await post(input({ fairId: new Types.ObjectId().toHexString() }));
    expect(fair.body.code).toBe('LIVE_FAIR_NOT_FOUND');
    expect((await t.http().get('/api/live/sessions/nothex')).status).toBe(422);
    expect((await t.http().get(`/api/live/sessions/${new Types.ObjectId().toHexString()}`)).body.code).toBe('LIVE_SESSION_NOT_FOUND');
    expect((await t.http().get('/api/live/sessions?tab=soon')).status).toBe(422);
  });

  it('should hold an unverified enterprise session for bureau approval, hidden until approved', async () => {
    const ownJob = (await t.db.model(JobModel).findOne({ enterpriseName: /直播测试2号/ }).lean())!._id.toHexString();
    const created = await t.http().post('/api/live/sessions').set('Authorization', unverifiedRecruiter.auth).send(input({ jobIds: [ownJob] }));
    expect(created.status).toBe(200);
    expect(created.body.status).toBe('pending');
    const id = created.body.id as string;
    expect((await t.http().get(`/api/live/sessions/${id}`)).status).toBe(404);
    expect((await t.http().get(`/api/live/sessions/${id}`).set('Authorization', unverifiedRecruiter.auth)).status).toBe(200);
    expect((await t.http().get(`/api/live/sessions/${id}/push`).set('Authorization', unverifiedRecruiter.auth)).body.code).toBe('LIVE_NOT_PUSHABLE');

    const pending = await t.http().get('/api/staff/live/pending').set('Authorization', bureau.auth);
    expect((pending.body as LiveSessionSummary[]).map(s => s.id)).toContain(id);
    const decide = (body: Record<string, unknown>) =>
      t.http().post(`/api/staff/live/sessions/${id}/decision`).set('Authorization', bureau.auth).send(body);
    expect((await decide({ decision: 'reject' })).body.code).toBe('LIVE_REASON_REQUIRED');
    expect((await decide({ decision: 'maybe' })).status).toBe(422);
    const approved = await decide({ decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('scheduled');
    expect((await decide({ decision: 'approve' })).body.code).toBe('LIVE_ALREADY_DECIDED');
    const mine = await t.http().get('/api/live/mine').set('Authorization', unverifiedRecruiter.auth);
    expect((mine.body as LiveSessionSummary[])[0]).toMatchObject({ id, status: 'scheduled' });
  });

  it('should auto-approve a verified enterprise and let students book once', async () => {
    const s = await schedule();
    expect(s.status).toBe('scheduled');
    expect(s.jobs).toEqual([expect.objectContaining({ id: jobId, salaryMin: 6000 })]);
    const book = () => t.http().post(`/api/live/sessions/${s.id}/booking`).set('Authorization', student.auth);
    expect((await book()).body).toMatchObject({ booked: true, bookingCount: 1 });
    expect((await book()).body).toMatchObject({ booked: true, bookingCount: 1 });
    const upcoming = await t.http().get('/api/live/sessions?tab=upcoming').set('Authorization', student.auth);
    expect((upcoming.body as LiveSessionSummary[]).find(x => x.id === s.id)).toMatchObject({ booked: true });
    const anonymous = await t.http().get('/api/live/sessions');
    expect((anonymous.body as LiveSessionSummary[]).find(x => x.id === s.id)?.booked).toBeUndefined();
    const cancelled = await t.http().delete(`/api/live/sessions/${s.id}/booking`).set('Authorization', student.auth);
    expect(cancelled.body).toMatchObject({ booked: false, bookingCount: 0 });
  });

  it('should issue a push URL signed with the Tencent scheme', async () => {
    const s = await schedule();
    const res = await t.http().get(`/api/live/sessions/${s.id}/push`).set('Authorization', recruiter.auth);
    expect(res.status).toBe(200);
    const push = res.body as LivePushInfo;
    const streamName = `ll_${s.id}`;
    expect(push.pushUrl.startsWith(`rtmp://${t.settings.live.pushDomain}/live/${streamName}?txSecret=`)).toBe(true);
    expect(`${push.server}/${push.streamKey}`).toBe(push.pushUrl);
    expect(verifyStreamQuery(t.settings.live.pushKey, streamName, push.pushUrl.split('?')[1], new Date())).toBe('ok');
  });

  it('should sign a push URL fetched two days ahead so it still works from the start to after the planned end', async () => {
    const s = await schedule({ startAt: inHours(50) });
    const push = (await t.http().get(`/api/live/sessions/${s.id}/push`).set('Authorization', recruiter.auth)).body as LivePushInfo;
    const query = push.pushUrl.split('?')[1];
    const start = new Date(s.startAt);
    const plannedEnd = new Date(start.getTime() + t.settings.live.plannedMinutes * 60_000);
    expect(new Date(push.expiresAt).getTime()).toBe(plannedEnd.getTime() + 3_600_000);
    for (const at of [new Date(), new Date(start.getTime() - 600_000), start, plannedEnd, new Date(plannedEnd.getTime() + 3_500_000)]) {
      expect(verifyStreamQuery(t.settings.live.pushKey, `ll_${s.id}`, query, at)).toBe('ok');
    }
    expect(verifyStreamQuery(t.settings.live.pushKey, `ll_${s.id}`, query, new Date(plannedEnd.getTime() + 3_600_000))).toBe('expired');
  });

  it('should refuse callbacks with a bad or expired signature and change nothing', async () => {
    const s = await schedule();
    const stream = `ll_${s.id}`;
    const forged = await callback(stream, 1, 'seq-forged', { sign: 'f'.repeat(32) });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('LIVE_CALLBACK_SIGNATURE_INVALID');
    const past = Math.floor(Date.now() / 1000) - 5;
    const expired = await callback(stream, 1, 'seq-old', { t: past, sign: callbackSignOf(t.settings.live.callbackKey, past) });
    expect(expired.body.code).toBe('LIVE_CALLBACK_EXPIRED');
    expect((await callback(stream, 1, 'x', { event_type: 'start' })).status).toBe(422);
    expect((await callback(stream, 1, 'x', { t: { $gt: 1 } })).status).toBe(400);
    expect((await t.http().get(`/api/live/sessions/${s.id}`)).body.status).toBe('scheduled');
  });

  it('should go live on a start callback, ignore duplicates, survive a short drop and end after the grace period', async () => {
    const s = await schedule();
    const stream = `ll_${s.id}`;
    expect((await callback(stream, 1, 'seq-1')).body).toEqual({ code: 0 });
    expect((await callback(stream, 1, 'seq-1')).status).toBe(200);
    const live = (await t.http().get(`/api/live/sessions/${s.id}`)).body as LiveSessionDetail;
    expect(live.status).toBe('live');
    expect(live.play?.flv).toMatch(new RegExp(`^${t.settings.live.playHttpBase}/live/${stream}\\.flv\\?txSecret=[0-9a-f]{32}&txTime=[0-9A-F]+$`));
    expect(verifyStreamQuery(t.settings.live.playKey, stream, live.play!.flv.split('?')[1], new Date())).toBe('ok');
    expect(((await t.http().get('/api/live/sessions?tab=live')).body as LiveSessionSummary[]).map(x => x.id)).toContain(s.id);

    // drop and resume within the grace period: same session, still live
    expect((await callback(stream, 0, 'seq-1')).status).toBe(200);
    expect((await callback(stream, 1, 'seq-2')).status).toBe(200);
    await sleep(1200);
    expect((await t.http().get(`/api/live/sessions/${s.id}`)).body.status).toBe('live');

    // drop for longer than the grace period: ended
    expect((await callback(stream, 0, 'seq-2')).status).toBe(200);
    expect((await callback(stream, 0, 'seq-2')).status).toBe(200);
    await sleep(1200);
    const ended = (await t.http().get(`/api/live/sessions/${s.id}`)).body as LiveSessionDetail;
    expect(ended.status).toBe('ended');
    expect(ended.play).toBeUndefined();
    expect(ended.endedAt).toBeDefined();
    expect((await callback(stream, 1, 'seq-3')).status).toBe(200);
    expect((await t.http().get(`/api/live/sessions/${s.id}`)).body.status).toBe('ended');
    expect((await t.http().post(`/api/live/sessions/${s.id}/booking`).set('Authorization', student.auth)).body.code).toBe('LIVE_NOT_BOOKABLE');

    expect((await callback(stream, 100, 'rec-1')).status).toBe(200);
    expect((await t.http().get(`/api/live/sessions/${s.id}`)).body.status).toBe('replay');
    expect(((await t.http().get('/api/live/sessions?tab=past')).body as LiveSessionSummary[]).map(x => x.id)).toContain(s.id);
  });

  it('should refuse a replay of an unknown or unfinished session and a tampered cursor', async () => {
    expect((await t.http().get('/api/live/sessions/0123456789abcdef01234567/replay')).body.code).toBe('LIVE_SESSION_NOT_FOUND');
    const s = await schedule();
    const early = await t.http().get(`/api/live/sessions/${s.id}/replay`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('LIVE_NO_REPLAY');
    const tooMany = await t.http().get(`/api/live/sessions/${s.id}/replay?limit=500`);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.field).toBe('limit');
  });

  it('should page a finished session\'s messages in stream order with the recording URL', async () => {
    const s = await schedule();
    const stream = `ll_${s.id}`;
    await callback(stream, 1, 'r-1');
    const started = await t.db.model(LiveSessionModel).findById(s.id).lean();
    await t.db.model(LiveMessageModel).insertMany(
      [3, 1, 2].map(seq => ({
        sessionId: started!._id, seq, userId: student.doc._id, nickname: '小王', kind: seq === 2 ? 'question' : 'chat', text: `第${seq}条`,
        host: false, offsetMs: seq * 1000, at: new Date(),
      })),
    );
    await t.db.model(LiveSessionModel).updateOne({ _id: started!._id }, { $set: { status: 'ended', endedAt: new Date() } });
    const video = 'https://vod.example.com/live/replay.mp4';
    expect((await callback(stream, 100, 'rec-r-1', { video_url: video })).status).toBe(200);

    const first = await t.http().get(`/api/live/sessions/${s.id}/replay?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.recordingUrl).toBe(video);
    expect(first.body.items.map((m: { seq: number }) => m.seq)).toEqual([1, 2]);
    expect(first.body.items[1]).toMatchObject({ kind: 'question', offsetMs: 2000, text: '第2条' });
    const second = await t.http().get(`/api/live/sessions/${s.id}/replay`).query({ limit: 2, cursor: first.body.nextCursor });
    expect(second.body.items.map((m: { seq: number }) => m.seq)).toEqual([3]);
    expect(second.body.nextCursor).toBeUndefined();
    // A message of a viewer the host removed (hidden by the room) is not replayed.
    await t.db.model(LiveMessageModel).updateOne({ sessionId: started!._id, seq: 3 }, { $set: { hidden: true } });
    const after = await t.http().get(`/api/live/sessions/${s.id}/replay`);
    expect(after.body.items.map((m: { seq: number }) => m.seq)).toEqual([1, 2]);

    const [body, sig] = (first.body.nextCursor as string).split('.');
    const forged = `${Buffer.from(JSON.stringify([0])).toString('base64url')}.${sig}`;
    expect(body).not.toBe(forged.split('.')[0]);
    const tampered = await t.http().get(`/api/live/sessions/${s.id}/replay`).query({ cursor: forged });
    expect(tampered.status).toBe(400);
    expect(tampered.body.code).toBe('CURSOR_INVALID');
  });

  it('should keep each recorded file once, in stream order, and offer the replay when the recording came during the grace period', async () => {
    const s = await schedule();
    const stream = `ll_${s.id}`;
    await callback(stream, 1, 'seg-a');
    const startedAt = (await t.db.model(LiveSessionModel).findById(s.id).lean())!.startedAt!;
    const startSec = Math.floor(startedAt.getTime() / 1000);
    const first = 'https://vod.example.com/live/seg-a.mp4';
    const second = 'https://vod.example.com/live/seg-b.mp4';

    // Bad recording reports are refused and store nothing.
    expect((await callback(stream, 100, 'seg-a', { video_url: 'ftp://vod.example.com/a.mp4' })).status).toBe(422);
    expect((await callback(stream, 100, 'seg-a', { video_url: first, start_time: -1 })).status).toBe(422);

    // The stream drops; its file arrives while the session is live in its grace period, twice.
    await callback(stream, 0, 'seg-a');
    for (let i = 0; i < 2; i += 1) {
      expect((await callback(stream, 100, 'seg-a', { video_url: first, start_time: startSec, end_time: startSec + 20, duration: 20 })).status).toBe(200);
    }
    expect((await t.http().get(`/api/live/sessions/${s.id}`)).body.status).toBe('live');
    // It resumes 30 s into the stream (as the second file says) and stops for good.
    await callback(stream, 1, 'seg-b');
    await callback(stream, 0, 'seg-b');
    expect((await callback(stream, 100, 'seg-b', { video_url: second, start_time: startSec + 30, end_time: startSec + 40 })).status).toBe(200);

    await sleep(1200);
    expect((await t.http().get(`/api/live/sessions/${s.id}`)).body.status).toBe('replay');
    const stored = await t.db.model(LiveSessionModel).findById(s.id).lean();
    expect(stored!.recordings.map(r => r.url)).toEqual([first, second]);
    const replay = await t.http().get(`/api/live/sessions/${s.id}/replay`);
    expect(replay.status).toBe(200);
    expect(replay.body.recordingUrl).toBe(first);
    expect(replay.body.recordings).toHaveLength(2);
    expect(replay.body.recordings[0]).toEqual({ url: first, offsetMs: 0, durationMs: 20_000 });
    expect(replay.body.recordings[1]).toMatchObject({ url: second, durationMs: 10_000 });
    expect(replay.body.recordings[1].offsetMs).toBeGreaterThan(29_000);
    expect(replay.body.recordings[1].offsetMs).toBeLessThanOrEqual(30_000);
  });

  it('should say that start notices are off when WeChat is not configured', async () => {
    const res = await t.http().get('/api/live/notice');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mode: 'player' });
  });

  it('should accept callbacks for unknown streams without effect', async () => {
    expect((await callback('ll_unknown', 1, 'zz')).body).toEqual({ code: 0 });
  });
});
