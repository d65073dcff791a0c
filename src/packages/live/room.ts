import type { ApplicationSourceKind } from '@contract/job';
import { streamOffsetLabel } from '@/utils/format';
import type { LiveJobCard, LiveRecording, LiveRoomMessage, LiveServerEvent, LiveStatus } from '@contract/live';

/** Messages kept on screen; older ones are dropped (they stay in the replay). */
export const MESSAGE_LIMIT = 300;

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed' | 'removed';

export interface RoomState {
  connection: ConnectionStatus;
  /** The signed-in user hosts this session. */
  host: boolean;
  viewers: number;
  likes: number;
  pinned: LiveJobCard | null;
  messages: LiveRoomMessage[];
  /** Featured jobs the student has applied to. */
  applied: string[];
  /** Users the host muted during this visit (the server refuses their messages anyway). */
  muted: string[];
  /** The host muted the signed-in user in this session. */
  mutedMe: boolean;
  /** The stream as the room last reported it (welcome, then status events); absent before the welcome. */
  stream?: { status: LiveStatus; interrupted: boolean };
  /** Applications from the room's job cards since the console opened (host only), newest last. */
  applications: Array<{ jobId: string; title: string }>;
  /** Why the session was taken down (its host is on the 异常名录); the room is closed for good. */
  takenDown?: string;
  /** Last error the server reported, for a toast. */
  error?: { code: string; message: string };
}

export const INITIAL_ROOM: RoomState = {
  connection: 'connecting',
  host: false,
  viewers: 0,
  likes: 0,
  pinned: null,
  messages: [],
  applied: [],
  muted: [],
  mutedMe: false,
  applications: [],
};

/**
 * Adds messages by id: one already shown (a rejoin's history overlapping what arrived live) is not
 * shown twice. Ordered by the server's seq, newest last, at most `limit` (the replay keeps all, since
 * seeking back must find the early ones).
 */
export function mergeMessages(current: readonly LiveRoomMessage[], incoming: readonly LiveRoomMessage[], limit = MESSAGE_LIMIT): LiveRoomMessage[] {
  if (incoming.length === 0) return current as LiveRoomMessage[];
  const seen = new Set(current.map(m => m.id));
  const fresh = incoming.filter(m => {
    if (seen.has(m.id)) return false;
    seen.add(m.id);
    return true;
  });
  if (fresh.length === 0) return current as LiveRoomMessage[];
  const merged = [...current, ...fresh].sort((a, b) => a.seq - b.seq);
  return merged.length > limit ? merged.slice(-limit) : merged;
}

/** The `since` of a rejoin: the highest seq already shown, 0 before any. */
export function sinceOf(messages: readonly LiveRoomMessage[]): number {
  return messages.reduce((max, m) => (m.seq > max ? m.seq : max), 0);
}

/**
 * WebSocket URL of a room. `apiBase` is the build's API base (`/api` in h5, an absolute URL in weapp);
 * a relative base is resolved against `origin` (the page's, in h5).
 */
export function roomSocketUrl(apiBase: string, origin: string, sessionId: string, token: string, since = 0): string {
  const base = /^https?:\/\//.test(apiBase) ? apiBase : `${origin.replace(/\/$/, '')}${apiBase.startsWith('/') ? '' : '/'}${apiBase}`;
  const query = `session=${encodeURIComponent(sessionId)}&token=${encodeURIComponent(token)}${since > 0 ? `&since=${since}` : ''}`;
  return `${base.replace(/^http/, 'ws').replace(/\/$/, '')}/live/ws?${query}`;
}

/** The close code of a server process that is stopping for a restart: the room is fine elsewhere. */
export const RESTART_CLOSE = 1012;

/**
 * After a restart close the rejoin goes at once (another process takes it), spread over half a
 * second so a room's viewers do not arrive in the same instant.
 */
export function restartReconnectDelay(random: number): number {
  return 100 + Math.round(random * 400);
}

/** Wait before reconnect attempt `attempt` (1, 2, …): 1 s doubling to 15 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(15_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/** Close codes after which reconnecting is pointless (see live.room.ts). */
export function isFinalClose(code: number): boolean {
  return code === 4401 || code === 4403 || code === 4404 || code === 4410;
}

/** The room's state after one server event; `me` is the signed-in user's id. */
export function reduceRoom(state: RoomState, event: LiveServerEvent, me: string): RoomState {
  switch (event.type) {
    case 'welcome':
      return {
        ...state,
        connection: 'open',
        host: event.host,
        viewers: event.viewers,
        likes: event.likes,
        pinned: event.pinned,
        messages: mergeMessages(state.messages, event.history),
        applied: [...new Set([...state.applied, ...event.applied])],
        mutedMe: event.muted,
        stream: { status: event.status, interrupted: event.interrupted },
        error: undefined,
      };
    case 'message':
      return { ...state, messages: mergeMessages(state.messages, [event.message]) };
    case 'viewers':
      return { ...state, viewers: event.count };
    case 'likes':
      // Likes only grow; an older count arriving late must not move the number back.
      return { ...state, likes: Math.max(state.likes, event.count) };
    case 'pinned':
      return { ...state, pinned: event.job };
    case 'applied':
      return state.applied.includes(event.jobId) ? state : { ...state, applied: [...state.applied, event.jobId] };
    case 'muted':
      if (state.muted.includes(event.userId)) return state;
      return { ...state, muted: [...state.muted, event.userId], mutedMe: state.mutedMe || event.userId === me };
    case 'status':
      return { ...state, stream: { status: event.status, interrupted: event.interrupted } };
    case 'application':
      return { ...state, applications: [...state.applications, { jobId: event.jobId, title: event.title }] };
    case 'removed':
      return event.userId === me
        ? { ...state, connection: 'removed' }
        : { ...state, messages: state.messages.filter(m => m.userId !== event.userId) };
    case 'taken-down':
      return { ...state, takenDown: event.reason, stream: { status: 'ended', interrupted: false } };
    case 'error':
      return { ...state, error: { code: event.code, message: event.message } };
  }
}

/**
 * What a viewer is told in words about the stream and themself, most important first; undefined while
 * all is well. `removed` also comes from the session detail (a reload after being removed).
 */
export function viewerNotice(state: RoomState, removed = false): string | undefined {
  if (removed || state.connection === 'removed') return '您已被移出';
  if (state.takenDown) return `本场直播已下线：${state.takenDown}`;
  if (state.stream?.status === 'ended') return '直播已结束，回放生成中';
  if (state.stream?.status === 'replay') return '直播已结束，可观看回放';
  if (state.stream?.status === 'live' && state.stream.interrupted) return '信号中断，等待主播恢复';
  if (state.mutedMe) return '您已被禁言';
  return undefined;
}

/** `offsetMs` → `12:05` (or `1:02:05`) for the replay's message times. */
export function offsetLabel(offsetMs: number): string {
  return streamOffsetLabel(offsetMs);
}

/** Messages of a replay up to the playback position, for showing them in time. */
export function messagesUntil(messages: readonly LiveRoomMessage[], positionMs: number): LiveRoomMessage[] {
  return messages.filter(m => m.offsetMs <= positionMs);
}

/** Where playback of recording `index` at `currentTimeMs` is on the stream's time line (message offsets use it). */
export function replayPositionMs(recordings: readonly LiveRecording[], index: number, currentTimeMs: number): number {
  return (recordings[index]?.offsetMs ?? 0) + Math.max(0, currentTimeMs);
}

/**
 * Whether the replay should fetch the next page of messages: playback has reached the last one loaded,
 * so the ones due next are on a later page.
 */
export function needsMoreMessages(messages: readonly LiveRoomMessage[], positionMs: number, hasMore: boolean): boolean {
  if (!hasMore) return false;
  const last = messages[messages.length - 1];
  return !last || last.offsetMs <= positionMs;
}

const SOURCE_WORDS: Record<ApplicationSourceKind, string> = { live: '直播间', replay: '回放', 'live-job-page': '岗位页' };

/** The console's split of one job's applications by where they were made: 直播间 2 · 回放 1 (zeros left out). */
export function sourceLine(bySource: Record<ApplicationSourceKind, number>): string {
  return (Object.keys(SOURCE_WORDS) as ApplicationSourceKind[])
    .filter(kind => bySource[kind] > 0)
    .map(kind => `${SOURCE_WORDS[kind]} ${bySource[kind]}`)
    .join(' · ');
}
