import { HTTP_SERVER_KEY } from '@midwayjs/core';
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import WebSocket from 'ws';
import { Types } from 'mongoose';
import type { LiveServerEvent, LiveSessionDetail, LiveStats } from '../../../server/src/contract/live';
import { callbackSignOf } from '../../../server/src/modules/live/live.rules';
import { joinRoom, Viewer } from './support/room-client';
import { ApplicationModel } from '../../../server/src/modules/job/application.model';
import { LiveMessageModel, LiveSessionModel, LiveViewModel } from '../../../server/src/modules/live/live.model';
import { UserModel } from '../../../server/src/modules/user/user.model';
import { enterprise, publishedJob, studentProfile as factoryProfile } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

type Who = Awaited<ReturnType<TestApp['user']>>;

const studentProfile = factoryProfile({ name: '王芳', graduationYear: 2026, intentionDistricts: ['hitech'], intentionText: '软件开发' });

describe('live room over WebSocket', () => {
  let t: TestApp;
  let base: string;
  let host: Who;
  let student: Who;
  let other: Who;
  let sessionId: string;
  let jobIds: string[];
  const open: Viewer[] = [];

  function join(who: Who | string, since?: number): Promise<Viewer> {
    const token = typeof who === 'string' ? who : who.token;
    const url = `${base}/api/live/ws?session=${sessionId}&token=${encodeURIComponent(token)}${since ? `&since=${since}` : ''}`;
    return joinRoom(url, open);
  }

  beforeAll(async () => {
    t = await createTestApp();
    const server = t.app.getApplicationContext().get<Server>(HTTP_SERVER_KEY);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;

    host = await t.user({ roles: ['recruiter'], nickname: '招聘官小刘' });
    student = await t.user({ roles: ['student'], profile: studentProfile, nickname: '小王' });
    other = await t.user({ roles: ['student'], profile: studentProfile, nickname: '小李' });
    const ent = await enterprise(t, { recruiters: [host], district: 'hitech', name: '大连直播间测试有限公司' });
    jobIds = [];
    for (const title of ['Java 开发工程师', '测试工程师']) {
      jobIds.push((await publishedJob(t, ent, { title, salaryMin: 7000, salaryMax: 12000 })).toHexString());
    }
    const res = await t.http().post('/api/live/sessions').set('Authorization', host.auth)
      .send({ title: '软件岗位直播带岗', startAt: new Date(Date.now() + 3_600_000).toISOString(), jobIds });
    expect(res.status).toBe(200);
    sessionId = res.body.id as string;
  });

  afterAll(async () => {
    for (const v of open) v.socket.terminate();
    const server = t.app.getApplicationContext().get<Server>(HTTP_SERVER_KEY);
    server.closeAllConnections();
    await t.close();
  });

  it('should refuse a forged or missing token', async () => {
    const forged = host.token.slice(0, -4) + (host.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const v = await join(forged);
    expect(await v.closed()).toBe(4401);
    expect(v.events).toEqual([expect.objectContaining({ type: 'error', code: 'UNAUTHENTICATED' })]);
    expect(await (await join('')).closed()).toBe(4401);
  });

  it('should welcome viewers, count them, and deliver chat to everyone with host replies highlighted', async () => {
    const h = await join(host);
    expect((await h.next('welcome')).host).toBe(true);
    const s = await join(student);
    const welcome = await s.next('welcome');
    expect(welcome.host).toBe(false);
    // The host's console is in the room but is not a viewer.
    expect(welcome.viewers).toBe(1);
    expect(welcome).toMatchObject({ status: 'scheduled', interrupted: false, muted: false });
    await h.next('viewers', e => e.count === 1);

    s.send({ type: 'chat', text: '  请问有实习转正吗？ ', question: true });
    const q = await h.next('message', e => e.message.text === '请问有实习转正吗？');
    expect(q.message).toMatchObject({ kind: 'question', host: false, nickname: '小王' });
    h.send({ type: 'chat', text: '有的，表现好可以转正' });
    const reply = await s.next('message', e => e.message.host);
    expect(reply.message.nickname).toContain('主播');
    expect(reply.message.seq).toBe(q.message.seq + 1);

    s.send({ type: 'like' });
    await h.next('likes', e => e.count === 1);
    const stored = await t.db.model(LiveMessageModel).find({}).lean();
    expect(stored.map(m => m.offsetMs)).toEqual([0, 0]);
  });

  it('should refuse banned words, overlong and malformed messages, and control characters or bidi overrides', async () => {
    const s = await join(other);
    await s.next('welcome');
    s.send({ type: 'chat', text: '来赌 博吧' });
    await s.next('error', e => e.code === 'LIVE_CHAT_BANNED_WORD');
    s.send({ type: 'chat', text: '长'.repeat(201) });
    await s.next('error', e => e.code === 'LIVE_CHAT_TOO_LONG');
    s.send({ type: 'chat', text: '好\u202e评' });
    await s.next('error', e => e.code === 'TEXT_CHARACTER_NOT_ALLOWED');
    s.send({ type: 'chat', text: 'a\u0000b' });
    await s.next('error', e => e.code === 'TEXT_CHARACTER_NOT_ALLOWED');
    s.socket.send('not json');
    await s.next('error', e => e.code === 'VALIDATION_FAILED');
    s.send({ type: 'pin', jobId: jobIds[0] });
    await s.next('error', e => e.code === 'LIVE_NOT_HOST');
  });

  // Chat limits are per user across sockets and processes: tests that chat use their own viewers.
  it('should rate-limit a chatty viewer', async () => {
    const s = await join(await t.user({ roles: ['student'], nickname: '话痨' }));
    await s.next('welcome');
    for (let i = 0; i <= t.settings.rateLimits.chat.user.points; i += 1) s.send({ type: 'chat', text: `第${i}条` });
    await s.next('error', e => e.code === 'LIVE_CHAT_RATE_LIMITED');
  });

  it('should count at most the like limit when one viewer sends 40 likes in 2 s, and refuse the rest', async () => {
    const fan = await t.user({ roles: ['student'], nickname: '点赞狂' });
    const s = await join(fan);
    await s.next('welcome');
    const before = (await t.db.model(LiveSessionModel).findById(sessionId).lean())?.likeCount ?? 0;
    const allowed = t.settings.rateLimits.like.user.points;
    for (let i = 0; i < 40; i += 1) s.send({ type: 'like' });
    // Every like is answered: a refusal to the sender, or the room's new total. Wait for all 40 answers
    // (a fixed pause lost the race on a loaded machine), then the stored total must be exactly the limit.
    const refusals = (events: readonly LiveServerEvent[]) => events.filter(e => e.type === 'error' && e.code === 'RATE_LIMITED').length;
    const counted = (events: readonly LiveServerEvent[]) => events.some(e => e.type === 'likes' && e.count === before + allowed);
    await s.until(events => refusals(events) >= 40 - allowed && counted(events), `${40 - allowed} refusals and the total ${before + allowed}`);
    const after = (await t.db.model(LiveSessionModel).findById(sessionId).lean())?.likeCount ?? 0;
    expect(after - before).toBe(allowed);
    expect(refusals(s.events)).toBe(40 - allowed);
  });

  it('should count a viewer\'s chat across all their sockets', async () => {
    const twoTabs = await t.user({ roles: ['student'], nickname: '双开' });
    const [a, b] = [await join(twoTabs), await join(twoTabs)];
    await a.next('welcome');
    await b.next('welcome');
    const limit = t.settings.rateLimits.chat.user.points;
    for (let i = 0; i < limit; i += 1) (i % 2 ? a : b).send({ type: 'chat', text: `双开第${i}条` });
    await a.next('message', e => e.message.text === `双开第${limit - 1}条`);
    a.send({ type: 'chat', text: '还能发吗' });
    await a.next('error', e => e.code === 'LIVE_CHAT_RATE_LIMITED');
  });

  it('should refuse a token signed before the viewer\'s logout or change of roles', async () => {
    const left = await t.user({ roles: ['student'], nickname: '已退出' });
    await t.db.model(UserModel).updateOne({ _id: left.doc._id }, { $inc: { sessionVersion: 1 } });
    const v = await join(left);
    expect(await v.closed()).toBe(4401);
    expect(v.events).toEqual([expect.objectContaining({ type: 'error', code: 'TOKEN_REVOKED' })]);
  });

  it('should push pinned job cards to viewers and apply once from a card', async () => {
    const h = await join(host);
    const s = await join(student);
    await s.next('welcome');
    h.send({ type: 'pin', jobId: jobIds[1] });
    const pinned = await s.next('pinned', e => e.job?.id === jobIds[1]);
    expect(pinned.job).toMatchObject({ title: '测试工程师', salaryMin: 7000 });

    const late = await join(other);
    expect((await late.next('welcome')).pinned?.id).toBe(jobIds[1]);

    s.send({ type: 'apply', jobId: jobIds[1] });
    const applied = await s.next('applied');
    expect(applied.jobId).toBe(jobIds[1]);
    // The console hears of it at once (to alert the recruiter); other viewers do not.
    expect(await h.next('application')).toEqual({ type: 'application', jobId: jobIds[1], title: '测试工程师' });
    // A second tap confirms the same application instead of creating or refusing one.
    s.events.length = 0;
    s.send({ type: 'apply', jobId: jobIds[1] });
    expect((await s.next('applied')).applicationId).toBe(applied.applicationId);
    expect(await t.db.model(ApplicationModel).countDocuments({ jobId: jobIds[1] })).toBe(1);
    // The application carries the room as its source; the recruiter sees it in the applicant list.
    const listed = await t.http().get(`/api/recruiter/jobs/${jobIds[1]}/applications`).set('Authorization', host.auth);
    expect(listed.body.items[0].source).toEqual({ kind: 'live', sessionId, sessionTitle: '软件岗位直播带岗' });
    const rejoined = await join(student);
    expect((await rejoined.next('welcome')).applied).toEqual([jobIds[1]]);

    expect(late.events.some(e => e.type === 'application')).toBe(false);
    h.send({ type: 'apply', jobId: jobIds[1] });
    await h.next('error', e => e.code === 'FORBIDDEN');
    h.send({ type: 'pin', jobId: '0123456789abcdef01234567' });
    await h.next('error', e => e.code === 'LIVE_JOBS_INVALID');
  });

  it('should let the host mute and remove a viewer', async () => {
    const muted = await t.user({ roles: ['student'], profile: studentProfile, nickname: '捣乱者' });
    const h = await join(host);
    await h.next('welcome');
    const m = await join(muted);
    await m.next('welcome');
    m.send({ type: 'chat', text: '捣乱者的第一句话' });
    await h.next('message', e => e.message.text === '捣乱者的第一句话');
    h.send({ type: 'mute', userId: muted.doc._id.toHexString() });
    await m.next('muted');
    m.send({ type: 'chat', text: '我还能说话吗' });
    await m.next('error', e => e.code === 'LIVE_MUTED');
    // Rejoining, the muted viewer is told at once, not only when sending.
    const rejoined = await join(muted);
    expect((await rejoined.next('welcome')).muted).toBe(true);
    // The host cannot remove themself.
    h.send({ type: 'remove', userId: host.doc._id.toHexString() });
    await h.next('error', e => e.code === 'VALIDATION_FAILED');

    h.send({ type: 'remove', userId: muted.doc._id.toHexString() });
    expect(await m.closed()).toBe(4403);
    expect(await rejoined.closed()).toBe(4403);
    const again = await join(muted);
    expect(await again.closed()).toBe(4403);
    // Their messages leave the history new viewers get (and the replay, below).
    const fresh = await join(other);
    expect((await fresh.next('welcome')).history.map(m => m.text)).not.toContain('捣乱者的第一句话');
    // After a reload the page is told too, and gets no play URL.
    const detail = await t.http().get(`/api/live/sessions/${sessionId}`).set('Authorization', muted.auth);
    expect(detail.body).toMatchObject({ removed: true });
    expect(detail.body.play).toBeUndefined();
  });

  it('should resume after a reconnect with `since` without duplicates', async () => {
    const s = await join(student);
    const first = await s.next('welcome');
    const lastSeen = first.history[first.history.length - 1].seq;
    s.socket.close();
    await s.closed();

    const h = await join(host);
    await h.next('welcome');
    h.send({ type: 'chat', text: '断线期间的消息' });
    await h.next('message', e => e.message.text === '断线期间的消息');

    const back = await join(student, lastSeen);
    const resumed = await back.next('welcome');
    expect(resumed.history.map(m => m.text)).toEqual(['断线期间的消息']);
    const seqs = [...first.history, ...resumed.history].map(m => m.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('should keep messages sent before the join completes', async () => {
    const token = encodeURIComponent(other.token);
    const socket = new WebSocket(`${base}/api/live/ws?session=${sessionId}&token=${token}`);
    const early = new Viewer(socket);
    open.push(early);
    socket.once('open', () => early.send({ type: 'chat', text: '一连上就发的消息' }));
    await early.next('welcome');
    expect((await early.next('message', e => e.message.text === '一连上就发的消息')).message.nickname).toBe('小李');
  });

  it('should skip a message number another writer took and still deliver the message', async () => {
    const h = await join(host);
    await h.next('welcome');
    const session = await t.db.model(LiveSessionModel).findById(sessionId).lean();
    const taken = session!.messageSeq + 1;
    await t.db.model(LiveMessageModel).create({
      sessionId: session!._id, seq: taken, userId: host.doc._id, nickname: '另一进程', kind: 'chat', text: '另一进程的消息', host: false, offsetMs: 0, at: new Date(),
    });
    h.send({ type: 'chat', text: '编号被占用后的消息' });
    const delivered = await h.next('message', e => e.message.text === '编号被占用后的消息');
    expect(delivered.message.seq).toBe(taken + 1);
    expect(await t.db.model(LiveMessageModel).countDocuments({ sessionId, seq: taken })).toBe(1);
  });

  it('should number many simultaneous messages distinctly and deliver each once', async () => {
    const senders = [];
    for (const nickname of ['并发甲', '并发乙', '并发丙']) senders.push(await join(await t.user({ roles: ['student'], nickname })));
    await Promise.all(senders.map(v => v.next('welcome')));
    const watcher = senders[0];
    watcher.events.length = 0;
    senders.forEach((v, i) => {
      for (let n = 0; n < 5; n += 1) v.send({ type: 'chat', text: `并发消息 ${i}-${n}` });
    });
    const until = Date.now() + 10_000;
    const burst = () => watcher.events.flatMap(e => (e.type === 'message' && e.message.text.startsWith('并发消息') ? [e.message] : []));
    while (burst().length < 15 && Date.now() < until) await new Promise(r => setTimeout(r, 50));
    const seqs = burst().map(m => m.seq);
    expect(seqs).toHaveLength(15);
    expect(new Set(seqs).size).toBe(15);
    expect(new Set(burst().map(m => m.text)).size).toBe(15);
  });

  it('should report statistics to the host and staff only', async () => {
    for (const v of open) v.socket.close();
    await new Promise(r => setTimeout(r, 300));
    const stats = (who: Who) => t.http().get(`/api/live/sessions/${sessionId}/stats`).set('Authorization', who.auth);
    expect((await t.http().get(`/api/live/sessions/${sessionId}/stats`)).status).toBe(401);
    expect((await stats(student)).status).toBe(403);
    const res = await stats(host);
    expect(res.status).toBe(200);
    // This session never went live: everyone in its room was waiting, nobody watched.
    expect(res.body).toMatchObject({ peakViewers: 0, totalViewers: 0, watchSeconds: 0 });
    expect(res.body.messages).toBe(await t.db.model(LiveMessageModel).countDocuments({}));
    expect(res.body.applications).toEqual([
      { jobId: jobIds[0], title: 'Java 开发工程师', count: 0, bySource: { live: 0, replay: 0, 'live-job-page': 0 } },
      { jobId: jobIds[1], title: '测试工程师', count: 1, bySource: { live: 1, replay: 0, 'live-job-page': 0 } },
    ]);
    const bureau = await t.user({ roles: ['bureau'] });
    expect((await stats(bureau)).status).toBe(200);
  });

  it('should tell the room when the stream goes live, drops and resumes, and count statistics from going live without the host', async () => {
    const res = await t.http().post('/api/live/sessions').set('Authorization', host.auth)
      .send({ title: '统计测试直播', startAt: new Date(Date.now() + 3_600_000).toISOString(), jobIds });
    const id = res.body.id as string;
    const stream = `ll_${id}`;
    const callback = (eventType: number, sequence: string) => {
      const tSec = Math.floor(Date.now() / 1000) + 600;
      return t.http().post('/api/live/callbacks/tencent')
        .send({ t: tSec, sign: callbackSignOf(t.settings.live.callbackKey, tSec), event_type: eventType, stream_id: stream, sequence });
    };
    const room = (who: Who) => joinRoom(`${base}/api/live/ws?session=${id}&token=${encodeURIComponent(who.token)}`, open);
    const early = await t.user({ roles: ['student'], profile: studentProfile, nickname: '早到的' });
    const h = await room(host);
    await h.next('welcome');
    const waiting = await room(student);
    expect((await waiting.next('welcome')).status).toBe('scheduled');
    // One student waits and leaves before the start: not a viewer, no watch time.
    const gone = await room(early);
    await gone.next('welcome');
    gone.socket.close();
    await h.next('viewers', e => e.count === 1);

    expect((await callback(1, 'p1')).status).toBe(200);
    // Waiting viewers and the console hear it at once, over the socket.
    await waiting.next('status', e => e.status === 'live' && !e.interrupted);
    await h.next('status', e => e.status === 'live');
    const wentLive = Date.now();
    const late = await room(other);
    expect((await late.next('welcome')).status).toBe('live');
    await h.next('viewers', e => e.count === 2);

    // A stop of another push (a refused second device) changes nothing; the real one's stop is a drop.
    await callback(0, 'p2');
    await callback(0, 'p1');
    await late.next('status', e => e.status === 'live' && e.interrupted);
    expect(waiting.events.filter(e => e.type === 'status' && e.interrupted)).toHaveLength(1);
    const detail = (await t.http().get(`/api/live/sessions/${id}`).set('Authorization', other.auth)).body as LiveSessionDetail;
    expect(detail.interrupted).toBe(true);
    await callback(1, 'p3');
    await late.next('status', e => e.status === 'live' && !e.interrupted);

    for (const v of [waiting, late, h]) v.socket.close();
    await Promise.all([waiting, late, h].map(v => v.closed()));
    const watchedFor = Math.round((Date.now() - wentLive) / 1000) + 1;
    const stats = async () => (await t.http().get(`/api/live/sessions/${id}/stats`).set('Authorization', host.auth)).body as LiveStats;
    // Watch time is written as each socket closes; wait until both viewers' rows have theirs.
    const views = t.db.model(LiveViewModel);
    const until = Date.now() + 5000;
    while ((await views.countDocuments({ sessionId: new Types.ObjectId(id), watched: true })) < 2 && Date.now() < until) await new Promise(r => setTimeout(r, 50));
    const s = await stats();
    expect(s.peakViewers).toBe(2);
    expect(s.totalViewers).toBe(2);
    // The waiting student's minutes before the start are not watch time (only time since going live).
    expect(s.watchSeconds).toBeLessThanOrEqual(2 * watchedFor);
    expect(await views.countDocuments({ sessionId: new Types.ObjectId(id), userId: host.doc._id })).toBe(0);
  });
});
