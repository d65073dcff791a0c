import { applicationSourceLabel } from '../../../server/src/contract/job';
import {
  applicationCounts,
  applyStreamEvent,
  liveSecondsBetween,
  callbackSignOf,
  checkChatText,
  graceExpired,
  liveRoomPage,
  playUrlsOf,
  pushUrlOf,
  recordingOf,
  replayRecordings,
  reportMoment,
  reportOffsetMs,
  signStream,
  signedUrlExpiry,
  sourceClaimRefusal,
  streamOffsetMs,
  txTimeOf,
  verifyCallback,
  verifyStreamQuery,
} from '../../../server/src/modules/live/live.rules';

// Vectors computed outside node: `printf '%s' 'testkeystream15867D600' | md5sum`.
const EXPIRY = new Date('2017-01-01T00:00:00+08:00'); // 1483200000 = 0x5867D600 (wechat.md §6.3 example)
const SECRET = 'aeeb0416e5f043bfec17e470c6b7abfb';
const BEFORE = new Date(EXPIRY.getTime() - 60_000);

describe('Tencent push/play signing', () => {
  it('should write txTime as upper-case hex of the expiry in seconds', () => {
    expect(txTimeOf(EXPIRY)).toBe('5867D600');
  });

  it('should sign md5(key + streamName + txTime) in lower-case hex', () => {
    expect(signStream('testkey', 'stream1', EXPIRY)).toEqual({ txSecret: SECRET, txTime: '5867D600' });
  });

  it('should build the rtmp push URL', () => {
    expect(pushUrlOf({ domain: 'push.example.com', appName: 'live', streamName: 'stream1' }, 'testkey', EXPIRY)).toBe(
      `rtmp://push.example.com/live/stream1?txSecret=${SECRET}&txTime=5867D600`,
    );
  });

  it('should build FLV play URLs always and HLS/WebRTC only when configured', () => {
    const base = { domain: 'play.example.com', appName: 'live', streamName: 'stream1', httpBase: 'https://play.example.com' };
    expect(playUrlsOf({ ...base, hls: false, webrtc: false }, 'testkey', EXPIRY)).toEqual({
      flv: `https://play.example.com/live/stream1.flv?txSecret=${SECRET}&txTime=5867D600`,
    });
    const all = playUrlsOf({ ...base, hls: true, webrtc: true }, 'testkey', EXPIRY);
    expect(all.hls).toBe(`https://play.example.com/live/stream1.m3u8?txSecret=${SECRET}&txTime=5867D600`);
    expect(all.webrtc).toBe(`webrtc://play.example.com/live/stream1?txSecret=${SECRET}&txTime=5867D600`);
  });

  it('should accept a valid query before expiry, with or without a leading ?', () => {
    expect(verifyStreamQuery('testkey', 'stream1', `txSecret=${SECRET}&txTime=5867D600`, BEFORE)).toBe('ok');
    expect(verifyStreamQuery('testkey', 'stream1', `?txSecret=${SECRET}&txTime=5867D600&x=1`, BEFORE)).toBe('ok');
  });

  it('should refuse an expired signature even when the hash is right', () => {
    expect(verifyStreamQuery('testkey', 'stream1', `txSecret=${SECRET}&txTime=5867D600`, EXPIRY)).toBe('expired');
  });

  it('should refuse a tampered expiry, stream name or key', () => {
    // md5('testkeystream15867D601') = 542ba362…; the old secret no longer matches a moved expiry
    expect(verifyStreamQuery('testkey', 'stream1', `txSecret=${SECRET}&txTime=5867D601`, BEFORE)).toBe('invalid');
    expect(verifyStreamQuery('testkey', 'stream1', 'txSecret=542ba3620ef916e0352de1c4df15e736&txTime=5867D601', BEFORE)).toBe('ok');
    expect(verifyStreamQuery('testkey', 'stream2', `txSecret=${SECRET}&txTime=5867D600`, BEFORE)).toBe('invalid');
    expect(verifyStreamQuery('otherkey', 'stream1', `txSecret=${SECRET}&txTime=5867D600`, BEFORE)).toBe('invalid');
  });

  it('should refuse missing and malformed parameters', () => {
    expect(verifyStreamQuery('testkey', 'stream1', '', BEFORE)).toBe('missing');
    expect(verifyStreamQuery('testkey', 'stream1', `txSecret=${SECRET}`, BEFORE)).toBe('missing');
    expect(verifyStreamQuery('testkey', 'stream1', `txSecret=${SECRET}&txTime=5867d600`, BEFORE)).toBe('malformed');
    expect(verifyStreamQuery('testkey', 'stream1', 'txSecret=XYZ&txTime=5867D600', BEFORE)).toBe('malformed');
  });
});

describe('signed URL validity window', () => {
  const TTL = 24 * 3600;
  it('should keep a push URL issued the night before valid through the planned end of a 04:00 session (the issue\'s case)', () => {
    const issued = new Date('2026-12-08T02:05:00+08:00');
    const expiry = signedUrlExpiry({ startAt: new Date('2026-12-09T04:00:00+08:00') }, issued, TTL, 180);
    expect(expiry.toISOString()).toBe(new Date('2026-12-09T08:00:00+08:00').toISOString());
  });

  it('should give at least the TTL from issue for a session already under way or overrunning', () => {
    const now = new Date('2026-12-09T10:30:00+08:00');
    const expiry = signedUrlExpiry({ startAt: new Date('2026-12-09T06:00:00+08:00') }, now, TTL, 180);
    expect(expiry.getTime()).toBe(now.getTime() + TTL * 1000);
  });
});

describe('Tencent callback signature', () => {
  const now = new Date(1_700_000_000_000);

  it('should sign md5(callbackKey + t)', () => {
    expect(callbackSignOf('cbkey', 1_700_000_600)).toBe('3bc18cba0c48182a7f1832e31df70a81');
  });

  it('should accept a valid unexpired callback given t as number or string', () => {
    expect(verifyCallback('cbkey', 1_700_000_600, '3bc18cba0c48182a7f1832e31df70a81', now)).toBe('ok');
    expect(verifyCallback('cbkey', '1700000600', '3bc18cba0c48182a7f1832e31df70a81', now)).toBe('ok');
  });

  it('should refuse an expired, tampered, missing or malformed callback', () => {
    expect(verifyCallback('cbkey', 1_700_000_600, '3bc18cba0c48182a7f1832e31df70a81', new Date(1_700_000_601_000))).toBe('expired');
    expect(verifyCallback('cbkey', 1_700_000_601, '3bc18cba0c48182a7f1832e31df70a81', now)).toBe('invalid');
    expect(verifyCallback('other', 1_700_000_600, '3bc18cba0c48182a7f1832e31df70a81', now)).toBe('invalid');
    expect(verifyCallback('cbkey', undefined, 'x', now)).toBe('missing');
    expect(verifyCallback('cbkey', 1_700_000_600, undefined, now)).toBe('missing');
    expect(verifyCallback('cbkey', '17e8', '3bc18cba0c48182a7f1832e31df70a81', now)).toBe('malformed');
  });
});

describe('session state machine', () => {
  const now = new Date('2026-06-01T10:00:00Z');

  it('should go live when a scheduled session starts streaming', () => {
    expect(applyStreamEvent({ status: 'scheduled' }, 'start', now)).toEqual({ kind: 'change', to: { status: 'live' }, reason: 'went-live' });
  });

  it('should end a 视频号 session when its host finishes it, at once (no stream to wait for), and only a live one', () => {
    expect(applyStreamEvent({ status: 'live' }, 'finish', now)).toEqual({ kind: 'change', to: { status: 'ended' }, reason: 'ended' });
    expect(applyStreamEvent({ status: 'ended' }, 'finish', now)).toEqual({ kind: 'ignore', reason: 'duplicate' });
    expect(applyStreamEvent({ status: 'replay' }, 'finish', now)).toEqual({ kind: 'ignore', reason: 'duplicate' });
    expect(applyStreamEvent({ status: 'scheduled' }, 'finish', now)).toEqual({ kind: 'ignore', reason: 'not-live' });
    expect(applyStreamEvent({ status: 'pending' }, 'finish', now)).toEqual({ kind: 'ignore', reason: 'not-approved' });
  });

  it('should not go live before approval or after the end', () => {
    expect(applyStreamEvent({ status: 'pending' }, 'start', now)).toEqual({ kind: 'ignore', reason: 'not-approved' });
    expect(applyStreamEvent({ status: 'rejected' }, 'start', now)).toEqual({ kind: 'ignore', reason: 'not-approved' });
    expect(applyStreamEvent({ status: 'ended' }, 'start', now)).toEqual({ kind: 'ignore', reason: 'finished' });
  });

  it('should only mark an interruption on stop, and resume the same session on restart', () => {
    const stop = applyStreamEvent({ status: 'live' }, 'stop', now);
    expect(stop).toEqual({ kind: 'change', to: { status: 'live', interruptedAt: now }, reason: 'interrupted' });
    expect(applyStreamEvent({ status: 'live', interruptedAt: now }, 'start', now)).toEqual({ kind: 'change', to: { status: 'live' }, reason: 'resumed' });
  });

  it('should treat repeated events as duplicates', () => {
    expect(applyStreamEvent({ status: 'live' }, 'start', now)).toEqual({ kind: 'ignore', reason: 'duplicate' });
    expect(applyStreamEvent({ status: 'live', interruptedAt: now }, 'stop', now)).toEqual({ kind: 'ignore', reason: 'duplicate' });
    expect(applyStreamEvent({ status: 'ended' }, 'stop', now)).toEqual({ kind: 'ignore', reason: 'duplicate' });
    expect(applyStreamEvent({ status: 'replay' }, 'replay-ready', now)).toEqual({ kind: 'ignore', reason: 'duplicate' });
  });

  it('should let only the push that started or resumed the stream stop it', () => {
    const started = applyStreamEvent({ status: 'scheduled' }, 'start', now, 'push-1');
    expect(started).toEqual({ kind: 'change', to: { status: 'live', publishSequence: 'push-1' }, reason: 'went-live' });
    const live = { status: 'live' as const, publishSequence: 'push-1' };
    // A second device's push is refused as a duplicate; its stop must not interrupt the first one's stream.
    expect(applyStreamEvent(live, 'start', now, 'push-2')).toEqual({ kind: 'ignore', reason: 'duplicate' });
    expect(applyStreamEvent(live, 'stop', now, 'push-2')).toEqual({ kind: 'ignore', reason: 'other-publisher' });
    expect(applyStreamEvent(live, 'stop', now, 'push-1')).toEqual({
      kind: 'change', to: { status: 'live', interruptedAt: now, publishSequence: 'push-1' }, reason: 'interrupted',
    });
    // After a drop another push may resume the stream, and from then on only its stop counts.
    const resumed = applyStreamEvent({ ...live, interruptedAt: now }, 'start', now, 'push-3');
    expect(resumed).toEqual({ kind: 'change', to: { status: 'live', publishSequence: 'push-3' }, reason: 'resumed' });
    expect(applyStreamEvent({ status: 'live', publishSequence: 'push-3' }, 'stop', now, 'push-1')).toEqual({ kind: 'ignore', reason: 'other-publisher' });
  });

  it('should count watch time only inside the live period', () => {
    const at = (s: number) => new Date(now.getTime() + s * 1000);
    // Waited 300 s for the start, then watched 60 s.
    expect(liveSecondsBetween(at(-300), at(60), at(0))).toBe(60);
    // Never went live, or left before it did.
    expect(liveSecondsBetween(at(-300), at(60), undefined)).toBe(0);
    expect(liveSecondsBetween(at(-300), at(-10), at(0))).toBe(0);
    // Stayed after the end.
    expect(liveSecondsBetween(at(10), at(500), at(0), at(100))).toBe(90);
  });

  it('should make a replay available only after the end', () => {
    expect(applyStreamEvent({ status: 'ended' }, 'replay-ready', now)).toEqual({ kind: 'change', to: { status: 'replay' }, reason: 'replay' });
    expect(applyStreamEvent({ status: 'live' }, 'replay-ready', now)).toEqual({ kind: 'ignore', reason: 'finished' });
  });

  it('should end an interrupted session only after the grace period', () => {
    const state = { status: 'live' as const, interruptedAt: now };
    expect(graceExpired(state, new Date(now.getTime() + 29_999), 30_000)).toBe(false);
    expect(graceExpired(state, new Date(now.getTime() + 30_000), 30_000)).toBe(true);
    expect(graceExpired({ status: 'live' }, new Date(now.getTime() + 99_000), 30_000)).toBe(false);
  });
});

describe('chat rules', () => {
  it('should trim and accept ordinary text', () => {
    expect(checkChatText('  请问实习期多久？ ', ['赌博'])).toEqual({ ok: true, text: '请问实习期多久？' });
  });

  it('should refuse empty, too long and banned text', () => {
    expect(checkChatText('   ', [])).toEqual({ ok: false, code: 'LIVE_CHAT_EMPTY' });
    expect(checkChatText('字'.repeat(201), [])).toEqual({ ok: false, code: 'LIVE_CHAT_TOO_LONG' });
    expect(checkChatText('字'.repeat(200), []).ok).toBe(true);
    expect(checkChatText('来 赌 博 吧', ['赌博'])).toEqual({ ok: false, code: 'LIVE_CHAT_BANNED_WORD' });
    expect(checkChatText('加我 VX', ['vx'])).toEqual({ ok: false, code: 'LIVE_CHAT_BANNED_WORD' });
  });

  it('should count emoji as one character', () => {
    expect(checkChatText('😀'.repeat(200), []).ok).toBe(true);
  });

  it('should give a message its offset into the stream', () => {
    const start = new Date('2026-06-01T10:00:00Z');
    expect(streamOffsetMs(start, new Date('2026-06-01T10:01:30Z'))).toBe(90_000);
    expect(streamOffsetMs(undefined, start)).toBe(0);
    expect(streamOffsetMs(start, new Date('2026-06-01T09:59:00Z'))).toBe(0);
  });

  it('should read a recording report\'s start and length (Tencent seconds) and tolerate their absence', () => {
    expect(recordingOf({ video_url: 'https://v/a.mp4', start_time: 1_780_300_000, end_time: 1_780_300_065, duration: 64.5 })).toEqual({
      url: 'https://v/a.mp4', startAt: new Date(1_780_300_000_000), durationMs: 64_500,
    });
    expect(recordingOf({ video_url: 'https://v/b.mp4', start_time: 1_780_300_000, end_time: 1_780_300_065 })).toEqual({
      url: 'https://v/b.mp4', startAt: new Date(1_780_300_000_000), durationMs: 65_000,
    });
    expect(recordingOf({ video_url: 'https://v/c.mp4' })).toEqual({ url: 'https://v/c.mp4' });
    expect(recordingOf({ video_url: 'https://v/d.mp4', start_time: 0, end_time: 0 })).toEqual({ url: 'https://v/d.mp4', durationMs: 0 });
  });

  it('should place recordings on the stream\'s time line in order, once per URL', () => {
    const started = new Date('2026-06-01T10:00:00.400Z');
    const at = (iso: string) => new Date(iso);
    const listed = replayRecordings(
      [
        { url: 'https://v/resumed.mp4', startAt: at('2026-06-01T10:05:00Z'), durationMs: 60_000 },
        { url: 'https://v/first.mp4', startAt: at('2026-06-01T10:00:00Z'), durationMs: 240_000 },
        { url: 'https://v/first.mp4', startAt: at('2026-06-01T10:00:00Z'), durationMs: 240_000 },
      ],
      started,
    );
    // The first file began in the second the start callback arrived: it starts the time line.
    expect(listed).toEqual([
      { url: 'https://v/first.mp4', offsetMs: 0, durationMs: 240_000 },
      { url: 'https://v/resumed.mp4', offsetMs: 299_600, durationMs: 60_000 },
    ]);
    // Without a start time (an old record, or a report without one) a file starts the time line.
    expect(replayRecordings([{ url: 'https://v/old.mp4' }], started)).toEqual([{ url: 'https://v/old.mp4', offsetMs: 0 }]);
    expect(replayRecordings([{ url: 'https://v/x.mp4', startAt: started }], undefined)).toEqual([{ url: 'https://v/x.mp4', offsetMs: 0 }]);
    expect(replayRecordings([], started)).toEqual([]);
  });

  it('should deep-link a start notice to the session\'s room, with the inbox item for a WeChat card', () => {
    expect(liveRoomPage('65f0a1b2c3d4e5f601234567')).toBe('packages/live/pages/room/index?id=65f0a1b2c3d4e5f601234567');
    expect(liveRoomPage('65f0a1b2c3d4e5f601234567', '0123456789abcdef01234567')).toBe(
      'packages/live/pages/room/index?id=65f0a1b2c3d4e5f601234567&n=0123456789abcdef01234567',
    );
  });
});

describe('application sources', () => {
  const session = (status: Parameters<typeof sourceClaimRefusal>[0]['status'], removedIds: string[] = []) => ({ status, jobIds: ['j1', 'j2'], removedIds });
  const claim = (kind: 'live' | 'replay' | 'live-job-page', jobId = 'j1', userId = 'u1') => ({ kind, jobId, userId });

  it('should accept a job page opened from a scheduled, live or finished room, a room card while live and a replay card once ended', () => {
    for (const status of ['scheduled', 'live', 'ended', 'replay'] as const) expect(sourceClaimRefusal(session(status), claim('live-job-page'))).toBeNull();
    expect(sourceClaimRefusal(session('live'), claim('live'))).toBeNull();
    expect(sourceClaimRefusal(session('ended'), claim('replay'))).toBeNull();
    expect(sourceClaimRefusal(session('replay'), claim('replay'))).toBeNull();
  });

  it('should refuse a hidden session, a job not featured, a replay before the end, a room card when not live and a removed viewer outside the replay', () => {
    expect(sourceClaimRefusal(session('pending'), claim('live-job-page'))?.code).toBe('LIVE_SESSION_NOT_FOUND');
    expect(sourceClaimRefusal(session('rejected'), claim('replay'))?.code).toBe('LIVE_SESSION_NOT_FOUND');
    expect(sourceClaimRefusal(session('live'), claim('live-job-page', 'j9'))?.code).toBe('LIVE_JOBS_INVALID');
    expect(sourceClaimRefusal(session('live'), claim('replay'))?.code).toBe('LIVE_NO_REPLAY');
    expect(sourceClaimRefusal(session('ended'), claim('live'))?.code).toBe('LIVE_JOBS_INVALID');
    expect(sourceClaimRefusal(session('live', ['u1']), claim('live-job-page'))?.code).toBe('FORBIDDEN');
    expect(sourceClaimRefusal(session('replay', ['u1']), claim('replay'))).toBeNull();
  });

  it('should count applications per featured job by source, adding room-card applications recorded before sources', () => {
    const counts = applicationCounts(
      [{ jobId: 'j1', title: '甲' }, { jobId: 'j2', title: '乙' }],
      [{ jobId: 'j1', kind: 'live' }, { jobId: 'j1', kind: 'replay' }, { jobId: 'j2', kind: 'live-job-page' }, { jobId: 'j9', kind: 'live' }],
      ['j1', 'j1'],
    );
    expect(counts).toEqual([
      { jobId: 'j1', title: '甲', count: 4, bySource: { live: 3, replay: 1, 'live-job-page': 0 } },
      { jobId: 'j2', title: '乙', count: 1, bySource: { live: 0, replay: 0, 'live-job-page': 1 } },
    ]);
  });

  it('should tag an application for the recruiter by where it came from', () => {
    expect(applicationSourceLabel({ kind: 'live', sessionId: 's', sessionTitle: '春招直播' })).toBe('来自直播「春招直播」');
    expect(applicationSourceLabel({ kind: 'live-job-page', sessionId: 's', sessionTitle: '春招直播' })).toBe('来自直播「春招直播」');
    expect(applicationSourceLabel({ kind: 'replay', sessionId: 's', sessionTitle: '春招直播' })).toBe('来自回放「春招直播」');
  });
});

describe('report moments', () => {
  const now = new Date('2026-06-02T10:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it('should take the tapped moment within the last 30 minutes, a moment slightly ahead as now, and refuse older or far-future ones', () => {
    expect(reportMoment(ago(60_000), now)).toEqual(ago(60_000));
    expect(reportMoment(ago(30 * 60_000), now)).toEqual(ago(30 * 60_000));
    expect(reportMoment(ago(30 * 60_000 + 1), now)).toBeNull();
    expect(reportMoment(ago(-30_000), now)).toEqual(now);
    expect(reportMoment(ago(-120_000), now)).toBeNull();
    expect(reportMoment(new Date('not a date'), now)).toBeNull();
  });

  it('should place the moment on the stream: none before the start, the end for a moment after it', () => {
    expect(reportOffsetMs({}, now)).toBeUndefined();
    expect(reportOffsetMs({ startedAt: ago(-1000) }, now)).toBeUndefined();
    expect(reportOffsetMs({ startedAt: ago(90_000) }, now)).toBe(90_000);
    expect(reportOffsetMs({ startedAt: ago(90_000), endedAt: ago(30_000) }, now)).toBe(60_000);
  });
});
