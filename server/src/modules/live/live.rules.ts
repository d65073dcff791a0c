import { createHash, timingSafeEqual } from 'crypto';
import type { ErrorCode } from '../../contract/error-codes';
import type { ApplicationSourceKind } from '../../contract/job';
import type { LiveRecording, LiveStats, LiveStatus } from '../../contract/live';

/**
 * Tencent Cloud Live (CSS) anti-leech signing, wechat.md §6.3:
 * txTime = upper-case hex of the expiry in Unix seconds, txSecret = md5(key + streamName + txTime).
 */
export function txTimeOf(expiry: Date): string {
  return Math.floor(expiry.getTime() / 1000).toString(16).toUpperCase();
}

export function txSecretOf(key: string, streamName: string, txTime: string): string {
  return createHash('md5').update(key + streamName + txTime).digest('hex');
}

export interface StreamSignature {
  txSecret: string;
  txTime: string;
}

export function signStream(key: string, streamName: string, expiry: Date): StreamSignature {
  const txTime = txTimeOf(expiry);
  return { txSecret: txSecretOf(key, streamName, txTime), txTime };
}

/** After the planned end, signed URLs stay valid this long, so a session that runs over keeps streaming. */
export const SIGNED_URL_OVERRUN_MS = 3_600_000;

/**
 * Expiry of a session's signed push/play URLs: at least `ttlSeconds` from issue (reconnects keep working),
 * and never before the planned end plus an hour — a push address fetched the day before a 04:00 start
 * must still work at 04:00 (Tencent's txTime has no start, so the URL is valid from issue onwards).
 */
export function signedUrlExpiry(session: { startAt: Date }, now: Date, ttlSeconds: number, plannedMinutes: number): Date {
  const fromIssue = now.getTime() + ttlSeconds * 1000;
  const afterPlannedEnd = session.startAt.getTime() + plannedMinutes * 60_000 + SIGNED_URL_OVERRUN_MS;
  return new Date(Math.max(fromIssue, afterPlannedEnd));
}

export interface StreamEndpoint {
  /** Push or play domain, with a port when not the default. */
  domain: string;
  /** Tencent AppName, `live` by default. */
  appName: string;
  streamName: string;
}

export function pushUrlOf(endpoint: StreamEndpoint, key: string, expiry: Date): string {
  const { txSecret, txTime } = signStream(key, endpoint.streamName, expiry);
  return `rtmp://${endpoint.domain}/${endpoint.appName}/${endpoint.streamName}?txSecret=${txSecret}&txTime=${txTime}`;
}

export interface PlayUrls {
  flv: string;
  hls?: string;
  webrtc?: string;
}

/** `httpBase` is `http(s)://playDomain`; HLS and WebRTC only when the deployment serves them. */
export function playUrlsOf(
  endpoint: StreamEndpoint & { httpBase: string; hls: boolean; webrtc: boolean },
  key: string,
  expiry: Date,
): PlayUrls {
  const { txSecret, txTime } = signStream(key, endpoint.streamName, expiry);
  const query = `txSecret=${txSecret}&txTime=${txTime}`;
  const path = `${endpoint.appName}/${endpoint.streamName}`;
  const urls: PlayUrls = { flv: `${endpoint.httpBase}/${path}.flv?${query}` };
  if (endpoint.hls) urls.hls = `${endpoint.httpBase}/${path}.m3u8?${query}`;
  if (endpoint.webrtc) urls.webrtc = `webrtc://${endpoint.domain}/${path}?${query}`;
  return urls;
}

export type SignatureVerdict = 'ok' | 'missing' | 'malformed' | 'expired' | 'invalid';

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks a push/play query string (`txSecret=…&txTime=…`) for `streamName` at `now`. */
export function verifyStreamQuery(key: string, streamName: string, query: string, now: Date): SignatureVerdict {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const txSecret = params.get('txSecret');
  const txTime = params.get('txTime');
  if (!txSecret || !txTime) return 'missing';
  if (!/^[0-9A-F]{1,12}$/.test(txTime) || !/^[0-9a-f]{32}$/.test(txSecret)) return 'malformed';
  if (parseInt(txTime, 16) * 1000 <= now.getTime()) return 'expired';
  return sameHex(txSecretOf(key, streamName, txTime), txSecret) ? 'ok' : 'invalid';
}

/** Callback signature, §6.4: sign = md5(callbackKey + t), t = decimal Unix seconds when the notice expires. */
export function callbackSignOf(callbackKey: string, t: number): string {
  return createHash('md5').update(callbackKey + String(t)).digest('hex');
}

export function verifyCallback(callbackKey: string, t: unknown, sign: unknown, now: Date): SignatureVerdict {
  if (t === undefined || t === null || typeof sign !== 'string' || sign === '') return 'missing';
  const seconds = typeof t === 'number' ? t : typeof t === 'string' && /^\d{1,12}$/.test(t) ? Number(t) : NaN;
  if (!Number.isInteger(seconds) || !/^[0-9a-f]{32}$/.test(sign)) return 'malformed';
  if (seconds * 1000 < now.getTime()) return 'expired';
  return sameHex(callbackSignOf(callbackKey, seconds), sign) ? 'ok' : 'invalid';
}

// ---- session state machine ----

/** `finish`: the host ends a 视频号 session (no stream of ours to stop). */
export type StreamEvent = 'start' | 'stop' | 'finish' | 'replay-ready';

export interface SessionState {
  status: LiveStatus;
  /** When the stream last stopped while live; the session stays live for the grace period. */
  interruptedAt?: Date;
  /** The `sequence` of the push that started or resumed the stream (Tencent: one per push, on its start and stop). */
  publishSequence?: string;
}

export type Transition =
  | { kind: 'change'; to: SessionState; reason: 'went-live' | 'resumed' | 'interrupted' | 'ended' | 'replay' }
  | { kind: 'ignore'; reason: 'duplicate' | 'not-approved' | 'not-live' | 'finished' | 'other-publisher' };

/**
 * Stream events drive the session. A stop while live only marks an interruption; the session ends when
 * the grace period passes without a new start (`settle`), so a reconnect keeps the same session. Only the
 * push that started (or resumed) the stream can stop it: a stop carrying another push's `sequence` (a
 * second device refused as a duplicate) changes nothing.
 */
export function applyStreamEvent(state: SessionState, event: StreamEvent, now: Date, sequence?: string): Transition {
  const publish = sequence ? { publishSequence: sequence } : {};
  switch (event) {
    case 'start':
      if (state.status === 'scheduled') return { kind: 'change', to: { status: 'live', ...publish }, reason: 'went-live' };
      if (state.status === 'live') {
        return state.interruptedAt
          ? { kind: 'change', to: { status: 'live', ...publish }, reason: 'resumed' }
          : { kind: 'ignore', reason: 'duplicate' };
      }
      if (state.status === 'pending' || state.status === 'rejected') return { kind: 'ignore', reason: 'not-approved' };
      return { kind: 'ignore', reason: 'finished' };
    case 'stop':
      if (state.status === 'live' && state.publishSequence && sequence && sequence !== state.publishSequence) {
        return { kind: 'ignore', reason: 'other-publisher' };
      }
      if (state.status === 'live' && !state.interruptedAt) {
        return { kind: 'change', to: { status: 'live', interruptedAt: now, ...(state.publishSequence ? { publishSequence: state.publishSequence } : {}) }, reason: 'interrupted' };
      }
      if (state.status === 'live') return { kind: 'ignore', reason: 'duplicate' };
      return { kind: 'ignore', reason: state.status === 'ended' || state.status === 'replay' ? 'duplicate' : 'not-approved' };
    case 'finish':
      if (state.status === 'live') return { kind: 'change', to: { status: 'ended' }, reason: 'ended' };
      if (state.status === 'ended' || state.status === 'replay') return { kind: 'ignore', reason: 'duplicate' };
      return { kind: 'ignore', reason: state.status === 'scheduled' ? 'not-live' : 'not-approved' };
    case 'replay-ready':
      if (state.status === 'ended') return { kind: 'change', to: { status: 'replay' }, reason: 'replay' };
      return { kind: 'ignore', reason: state.status === 'replay' ? 'duplicate' : 'finished' };
  }
}

/** Whether an interrupted live session's grace period has run out at `now`. */
export function graceExpired(state: SessionState, now: Date, graceMs: number): boolean {
  return state.status === 'live' && !!state.interruptedAt && now.getTime() - state.interruptedAt.getTime() >= graceMs;
}

/**
 * Whole seconds of [joinedAt, leftAt] that fall in the live period [startedAt, endedAt): waiting for the
 * start, and staying after the end, are not watching.
 */
export function liveSecondsBetween(joinedAt: Date, leftAt: Date, startedAt?: Date, endedAt?: Date): number {
  if (!startedAt) return 0;
  const from = Math.max(joinedAt.getTime(), startedAt.getTime());
  const to = Math.min(leftAt.getTime(), endedAt ? endedAt.getTime() : Infinity);
  return to > from ? Math.round((to - from) / 1000) : 0;
}

// ---- chat ----

export const CHAT_MAX_LENGTH = 200;

export type ChatVerdict = { ok: true; text: string } | { ok: false; code: 'LIVE_CHAT_EMPTY' | 'LIVE_CHAT_TOO_LONG' | 'LIVE_CHAT_BANNED_WORD' };

/** Trims, checks length (in characters, not UTF-16 units) and refuses banned words (case-insensitive, ignoring spaces). */
export function checkChatText(raw: string, bannedWords: readonly string[]): ChatVerdict {
  const text = raw.trim();
  if (!text) return { ok: false, code: 'LIVE_CHAT_EMPTY' };
  if ([...text].length > CHAT_MAX_LENGTH) return { ok: false, code: 'LIVE_CHAT_TOO_LONG' };
  const squeezed = text.replace(/\s+/g, '').toLowerCase();
  if (bannedWords.some((w) => w && squeezed.includes(w.replace(/\s+/g, '').toLowerCase()))) {
    return { ok: false, code: 'LIVE_CHAT_BANNED_WORD' };
  }
  return { ok: true, text };
}

/** Offset of a message into the stream, for replay; 0 before the stream started. */
export function streamOffsetMs(startedAt: Date | undefined, at: Date): number {
  return startedAt ? Math.max(0, at.getTime() - startedAt.getTime()) : 0;
}

// ---- recordings ----

/** The fields of a recording callback (Tencent event 100, §6.4) that place the file on the stream's time line. */
export interface RecordingReport {
  video_url: string;
  /** Unix seconds. */
  start_time?: number;
  end_time?: number;
  /** Seconds. */
  duration?: number;
}

export interface StoredRecording {
  url: string;
  startAt?: Date;
  durationMs?: number;
}

export function recordingOf(report: RecordingReport): StoredRecording {
  const seconds = report.duration ?? (report.start_time !== undefined && report.end_time !== undefined ? report.end_time - report.start_time : undefined);
  return {
    url: report.video_url,
    ...(report.start_time !== undefined && report.start_time > 0 ? { startAt: new Date(report.start_time * 1000) } : {}),
    ...(seconds !== undefined && seconds >= 0 ? { durationMs: Math.round(seconds * 1000) } : {}),
  };
}

/**
 * A session's recordings in stream order, each at its offset from the stream's start (the time base of
 * message offsets). A file without a start time, or one that began before the start callback arrived,
 * is placed at 0; a URL reported twice is listed once.
 */
export function replayRecordings(recordings: readonly StoredRecording[], startedAt: Date | undefined): LiveRecording[] {
  const seen = new Set<string>();
  const listed: LiveRecording[] = [];
  for (const r of recordings) {
    if (seen.has(r.url)) continue;
    seen.add(r.url);
    listed.push({
      url: r.url,
      offsetMs: r.startAt && startedAt ? Math.max(0, r.startAt.getTime() - startedAt.getTime()) : 0,
      ...(r.durationMs !== undefined ? { durationMs: r.durationMs } : {}),
    });
  }
  // Stable: files at the same offset keep the order they were reported in.
  return listed.map((r, i) => ({ r, i })).sort((a, b) => a.r.offsetMs - b.r.offsetMs || a.i - b.i).map(({ r }) => r);
}

// ---- notices ----

/** The live room page of the mini-program (`liveRoom` in src/constants/routes.ts). */
export const LIVE_ROOM_PAGE = 'packages/live/pages/room/index';

/**
 * The page a start notice opens: the room of the session, and for a WeChat card its inbox item (`n`), so
 * opening the card reads the item as opening it in the inbox does.
 */
export function liveRoomPage(sessionId: string, inboxItemId?: string): string {
  return `${LIVE_ROOM_PAGE}?id=${sessionId}${inboxItemId ? `&n=${inboxItemId}` : ''}`;
}

// ---- attribution ----

export interface SourceClaimSession {
  status: LiveStatus;
  jobIds: readonly string[];
  removedIds: readonly string[];
}

/**
 * Whether a student may say an application came from this session: the job is one of its featured jobs,
 * a room card only while live, a replay card only once ended, a job page opened from the room while the
 * room is public; a removed viewer is out of the room (the replay stays open to them).
 */
export function sourceClaimRefusal(
  session: SourceClaimSession,
  claim: { kind: ApplicationSourceKind; jobId: string; userId: string },
): { code: ErrorCode; message?: string } | null {
  if (!['scheduled', 'live', 'ended', 'replay'].includes(session.status)) return { code: 'LIVE_SESSION_NOT_FOUND' };
  if (!session.jobIds.includes(claim.jobId)) return { code: 'LIVE_JOBS_INVALID', message: '该岗位不在本场直播中' };
  const ended = session.status === 'ended' || session.status === 'replay';
  if (claim.kind === 'replay' && !ended) return { code: 'LIVE_NO_REPLAY' };
  if (claim.kind === 'live' && session.status !== 'live') return { code: 'LIVE_JOBS_INVALID', message: '直播未在进行中，请从岗位页投递' };
  if (claim.kind !== 'replay' && session.removedIds.includes(claim.userId)) return { code: 'FORBIDDEN', message: '您已被移出本场直播' };
  return null;
}

/**
 * Applications per featured job, split by source. `legacyCard` are room-card applications recorded on the
 * session before applications carried their source (those applications have none, so nothing is counted twice).
 */
export function applicationCounts(
  jobs: readonly { jobId: string; title: string }[],
  sourced: readonly { jobId: string; kind: ApplicationSourceKind }[],
  legacyCard: readonly string[],
): LiveStats['applications'] {
  return jobs.map(({ jobId, title }) => {
    const bySource: Record<ApplicationSourceKind, number> = { live: 0, replay: 0, 'live-job-page': 0 };
    for (const row of sourced) if (row.jobId === jobId) bySource[row.kind] += 1;
    bySource.live += legacyCard.filter(id => id === jobId).length;
    return { jobId, title, count: bySource.live + bySource.replay + bySource['live-job-page'], bySource };
  });
}

// ---- reports ----

/** A report names the moment 举报 was tapped: at most this long before it is sent. */
export const REPORT_WINDOW_MS = 30 * 60_000;
/** A client clock this far ahead is taken as now. */
const REPORT_CLOCK_SKEW_MS = 60_000;

/** The moment a report freezes, or null when the claimed moment is too old or in the future. */
export function reportMoment(shownAt: Date, now: Date): Date | null {
  const t = shownAt.getTime();
  if (Number.isNaN(t) || t > now.getTime() + REPORT_CLOCK_SKEW_MS || t < now.getTime() - REPORT_WINDOW_MS) return null;
  return t > now.getTime() ? now : shownAt;
}

/**
 * Where the stream was at a moment: time since it started, less the time it was dropped if the moment
 * falls in a drop (the viewer saw the last frame); absent before the start or for a moment after the end.
 */
export function reportOffsetMs(session: { startedAt?: Date; endedAt?: Date }, at: Date): number | undefined {
  if (!session.startedAt || at < session.startedAt) return undefined;
  const until = session.endedAt && session.endedAt < at ? session.endedAt : at;
  return streamOffsetMs(session.startedAt, until);
}
