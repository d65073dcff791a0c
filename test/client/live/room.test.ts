import type { LiveRoomMessage, LiveServerEvent } from '@contract/live';
import {
  INITIAL_ROOM,
  MESSAGE_LIMIT,
  isFinalClose,
  mergeMessages,
  messagesUntil,
  needsMoreMessages,
  offsetLabel,
  reconnectDelay,
  restartReconnectDelay,
  RESTART_CLOSE,
  reduceRoom,
  replayPositionMs,
  sourceLine,
  roomSocketUrl,
  sinceOf,
  viewerNotice,
} from '@/packages/live/room';
import { checkSchedule, startAtOf } from '@/packages/live/schedule-form';

const ME = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const OTHER = 'bbbbbbbbbbbbbbbbbbbbbbbb';

function msg(seq: number, patch: Partial<LiveRoomMessage> = {}): LiveRoomMessage {
  return {
    id: `m${String(seq).padStart(23, '0')}`,
    seq,
    userId: OTHER,
    nickname: '小王',
    kind: 'chat',
    text: `第${seq}条`,
    host: false,
    offsetMs: seq * 1000,
    at: '2026-06-01T02:00:00.000Z',
    ...patch,
  };
}

const welcome = (history: LiveRoomMessage[], patch: Partial<Extract<LiveServerEvent, { type: 'welcome' }>> = {}): LiveServerEvent => ({
  type: 'welcome',
  host: false,
  viewers: 3,
  likes: 7,
  pinned: null,
  status: 'live',
  interrupted: false,
  muted: false,
  history,
  applied: [],
  ...patch,
});

describe('live room messages', () => {
  it('should merge a rejoin history that overlaps live messages without showing any twice', () => {
    const shown = [msg(1), msg(2), msg(3)];
    const merged = mergeMessages(shown, [msg(3), msg(4), msg(4)]);
    expect(merged.map(m => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('should order by seq when a live message arrived before the history that precedes it', () => {
    expect(mergeMessages([msg(5)], [msg(3), msg(4)]).map(m => m.seq)).toEqual([3, 4, 5]);
  });

  it('should keep the same array when nothing new arrived, so React skips the render', () => {
    const shown = [msg(1)];
    expect(mergeMessages(shown, [msg(1)])).toBe(shown);
    expect(mergeMessages(shown, [])).toBe(shown);
  });

  it('should keep only the newest MESSAGE_LIMIT messages', () => {
    const many = Array.from({ length: MESSAGE_LIMIT + 5 }, (_, i) => msg(i + 1));
    const merged = mergeMessages([], many);
    expect(merged).toHaveLength(MESSAGE_LIMIT);
    expect(merged[0].seq).toBe(6);
    // The replay keeps every page it loaded.
    expect(mergeMessages([], many, Infinity)).toHaveLength(MESSAGE_LIMIT + 5);
  });

  it('should ask a rejoin for messages after the highest seq shown, including gaps', () => {
    expect(sinceOf([])).toBe(0);
    expect(sinceOf([msg(2), msg(9), msg(4)])).toBe(9);
  });
});

describe('live room socket URL and reconnect', () => {
  it('should resolve the h5 relative API base against the page origin as ws(s)', () => {
    expect(roomSocketUrl('/api', 'https://jy.dalian.example', 's1', 't k', 0)).toBe('wss://jy.dalian.example/api/live/ws?session=s1&token=t%20k');
    expect(roomSocketUrl('/api', 'http://127.0.0.1:7001/', 's1', 'tok', 12)).toBe('ws://127.0.0.1:7001/api/live/ws?session=s1&token=tok&since=12');
  });

  it('should use an absolute weapp API base as it is', () => {
    expect(roomSocketUrl('https://api.example.cn/api', '', 's1', 'tok', 3)).toBe('wss://api.example.cn/api/live/ws?session=s1&token=tok&since=3');
  });

  it('should back off from 1 s doubling up to 15 s', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(reconnectDelay)).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 15000]);
  });

  it('should not reconnect after removal, a refused token or a missing session, but after a drop', () => {
    expect([4401, 4403, 4404, 4410].every(isFinalClose)).toBe(true);
    expect([1000, 1001, 1006, 1011].some(isFinalClose)).toBe(false);
  });

  it('should rejoin within half a second, spread out, after a server process closed for a restart', () => {
    expect(isFinalClose(RESTART_CLOSE)).toBe(false);
    expect(RESTART_CLOSE).toBe(1012);
    expect([0, 0.5, 0.999].map(restartReconnectDelay)).toEqual([100, 300, 500]);
  });
});

describe('live room state', () => {
  it('should take the welcome, then add live messages and count changes', () => {
    let s = reduceRoom(INITIAL_ROOM, welcome([msg(1)], { applied: ['job1'] }), ME);
    expect(s).toMatchObject({ connection: 'open', viewers: 3, likes: 7, applied: ['job1'] });
    s = reduceRoom(s, { type: 'message', message: msg(2) }, ME);
    s = reduceRoom(s, { type: 'message', message: msg(2) }, ME);
    s = reduceRoom(s, { type: 'viewers', count: 5 }, ME);
    expect(s.messages.map(m => m.seq)).toEqual([1, 2]);
    expect(s.viewers).toBe(5);
  });

  it('should keep messages across a reconnect welcome and not lower the like count on a late event', () => {
    let s = reduceRoom(INITIAL_ROOM, welcome([msg(1), msg(2)]), ME);
    s = { ...s, connection: 'reconnecting' };
    s = reduceRoom(s, welcome([msg(3)], { likes: 9 }), ME);
    expect(s.connection).toBe('open');
    expect(s.messages.map(m => m.seq)).toEqual([1, 2, 3]);
    s = reduceRoom(s, { type: 'likes', count: 8 }, ME);
    expect(s.likes).toBe(9);
  });

  it('should mark a job applied once and replace the pinned card', () => {
    let s = reduceRoom(INITIAL_ROOM, { type: 'applied', jobId: 'j1', applicationId: 'a1' }, ME);
    s = reduceRoom(s, { type: 'applied', jobId: 'j1', applicationId: 'a1' }, ME);
    expect(s.applied).toEqual(['j1']);
    const card = { id: 'j2', title: 'Java 开发', enterpriseName: '星海软件', salaryMin: 7000, salaryMax: 11000 };
    s = reduceRoom(s, { type: 'pinned', job: card }, ME);
    expect(s.pinned).toEqual(card);
    expect(reduceRoom(s, { type: 'pinned', job: null }, ME).pinned).toBeNull();
  });

  it('should close the room for the removed viewer and hide a removed viewer\'s messages for the others', () => {
    const s = reduceRoom(INITIAL_ROOM, welcome([msg(1, { userId: OTHER }), msg(2, { userId: ME })]), ME);
    const others = reduceRoom(s, { type: 'removed', userId: OTHER }, ME);
    expect(others.connection).toBe('open');
    expect(others.messages.map(m => m.userId)).toEqual([ME]);
    expect(reduceRoom(s, { type: 'removed', userId: ME }, ME).connection).toBe('removed');
  });

  it('should tell the viewer in words what happens to the stream and to them', () => {
    let s = reduceRoom(INITIAL_ROOM, welcome([]), ME);
    expect(viewerNotice(s)).toBeUndefined();
    s = reduceRoom(s, { type: 'status', status: 'live', interrupted: true }, ME);
    expect(viewerNotice(s)).toBe('信号中断，等待主播恢复');
    s = reduceRoom(s, { type: 'status', status: 'live', interrupted: false }, ME);
    expect(viewerNotice(s)).toBeUndefined();
    // Muting someone else says nothing to me; muting me does, at once.
    s = reduceRoom(s, { type: 'muted', userId: OTHER }, ME);
    expect(viewerNotice(s)).toBeUndefined();
    s = reduceRoom(s, { type: 'muted', userId: ME }, ME);
    expect(viewerNotice(s)).toBe('您已被禁言');
    expect(viewerNotice(reduceRoom(s, { type: 'status', status: 'ended', interrupted: false }, ME))).toBe('直播已结束，回放生成中');
    expect(viewerNotice(reduceRoom(s, { type: 'removed', userId: ME }, ME))).toBe('您已被移出');
    // A take-down (异常名录) ends the stream and says why, above everything but a removal.
    const down = reduceRoom(s, { type: 'taken-down', reason: '主办企业已被列入异常名录' }, ME);
    expect(down.stream).toEqual({ status: 'ended', interrupted: false });
    expect(viewerNotice(down)).toBe('本场直播已下线：主办企业已被列入异常名录');
    // A reload after removal: the session detail says so before any socket.
    expect(viewerNotice(INITIAL_ROOM, true)).toBe('您已被移出');
    // Joining during a drop, or muted earlier in the session, the welcome says so.
    expect(viewerNotice(reduceRoom(INITIAL_ROOM, welcome([], { interrupted: true }), ME))).toBe('信号中断，等待主播恢复');
    expect(viewerNotice(reduceRoom(INITIAL_ROOM, welcome([], { muted: true }), ME))).toBe('您已被禁言');
  });

  it('should collect applications from the room for the console', () => {
    const s = reduceRoom(INITIAL_ROOM, { type: 'application', jobId: 'j1', title: 'Java 开发' }, ME);
    expect(reduceRoom(s, { type: 'application', jobId: 'j2', title: '测试' }, ME).applications.map(a => a.title)).toEqual(['Java 开发', '测试']);
  });

  it('should keep the server\'s error for the page to show', () => {
    const s = reduceRoom(INITIAL_ROOM, { type: 'error', code: 'LIVE_MUTED', message: '您已被主播禁言' }, ME);
    expect(s.error).toEqual({ code: 'LIVE_MUTED', message: '您已被主播禁言' });
  });
});

describe('replay timing', () => {
  it('should label offsets as mm:ss or h:mm:ss', () => {
    expect(offsetLabel(0)).toBe('00:00');
    expect(offsetLabel(65_400)).toBe('01:05');
    expect(offsetLabel(3_725_000)).toBe('1:02:05');
    expect(offsetLabel(-5)).toBe('00:00');
  });

  it('should show the messages up to the playback position', () => {
    expect(messagesUntil([msg(1), msg(2), msg(3)], 2000).map(m => m.seq)).toEqual([1, 2]);
  });

  it('should place playback of each recording on the stream\'s time line', () => {
    const recordings = [
      { url: 'https://v/a.mp4', offsetMs: 0, durationMs: 240_000 },
      { url: 'https://v/b.mp4', offsetMs: 300_000 },
    ];
    expect(replayPositionMs(recordings, 0, 12_500)).toBe(12_500);
    // The second file starts after the drop: 10 s into it is 5 min 10 s into the stream.
    expect(replayPositionMs(recordings, 1, 10_000)).toBe(310_000);
    expect(replayPositionMs(recordings, 1, -5)).toBe(300_000);
    expect(replayPositionMs([], 3, 1000)).toBe(1000);
  });

  it('should fetch more replay messages once playback reaches the last one loaded', () => {
    const loaded = [msg(1), msg(2), msg(3)];
    expect(needsMoreMessages(loaded, 2000, true)).toBe(false);
    expect(needsMoreMessages(loaded, 3000, true)).toBe(true);
    expect(needsMoreMessages(loaded, 9000, false)).toBe(false);
    expect(needsMoreMessages([], 0, true)).toBe(true);
  });
});

describe('schedule form', () => {
  const now = new Date('2026-06-01T02:00:00Z');
  const draft = { title: '星海软件校园招聘直播', coverUrl: '', date: '2026-06-02', time: '14:30', jobIds: ['j1', 'j1', 'j2'], finderUserName: '' };

  it("should read the picked date and time as Beijing time whatever the phone's zone, refusing impossible dates", () => {
    expect(startAtOf('2026-06-02', '14:30')).toBe('2026-06-02T06:30:00.000Z');
    expect(startAtOf('2026-02-30', '10:00')).toBeUndefined();
    expect(startAtOf('', '10:00')).toBeUndefined();
  });

  it('should send a trimmed title, the start instant and each job once', () => {
    expect(checkSchedule({ ...draft, title: '  星海软件校园招聘直播 ' }, now)).toEqual({
      input: { title: '星海软件校园招聘直播', startAt: '2026-06-02T06:30:00.000Z', jobIds: ['j1', 'j2'] },
    });
  });

  it('should link the 视频号 id in 视频号 mode only', () => {
    const linked = checkSchedule({ ...draft, finderUserName: ' sphDaLian01 ' }, now, 'channels');
    expect(linked).toMatchObject({ input: { channels: { finderUserName: 'sphDaLian01' } } });
    expect(checkSchedule({ ...draft, finderUserName: 'sphDaLian01' }, now)).not.toHaveProperty('input.channels');
  });

  it('should name the field of the first problem', () => {
    expect(checkSchedule({ ...draft, title: '直播' }, now)).toMatchObject({ field: 'title' });
    expect(checkSchedule({ ...draft, coverUrl: 'ftp://x' }, now)).toMatchObject({ field: 'coverUrl' });
    expect(checkSchedule({ ...draft, date: '2026-05-31' }, now)).toMatchObject({ field: 'startAt', message: '开播时间须晚于现在' });
    expect(checkSchedule({ ...draft, jobIds: [] }, now)).toMatchObject({ field: 'jobIds' });
    expect(checkSchedule(draft, now, 'channels')).toEqual({ field: 'channels.finderUserName', message: '请填写视频号 ID' });
    expect(checkSchedule({ ...draft, finderUserName: 'wx123' }, now, 'channels')).toMatchObject({ field: 'channels.finderUserName', message: '视频号 ID 以 sph 开头，请从视频号助手复制' });
  });
});

describe('sourceLine', () => {
  it('should split a job\'s applications by where they were made, leaving zeros out', () => {
    expect(sourceLine({ live: 2, replay: 1, 'live-job-page': 0 })).toBe('直播间 2 · 回放 1');
    expect(sourceLine({ live: 0, replay: 0, 'live-job-page': 3 })).toBe('岗位页 3');
    expect(sourceLine({ live: 0, replay: 0, 'live-job-page': 0 })).toBe('');
  });
});
