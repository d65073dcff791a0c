/** Live-streamed hiring (直播带岗), shared with the mini-program. */
import type { Page } from './common';
import type { ComplaintInput } from './complaint';
import type { ApplicationSourceKind } from './job';

export const LIVE_STATUSES = ['pending', 'rejected', 'scheduled', 'live', 'ended', 'replay'] as const;
export type LiveStatus = (typeof LIVE_STATUSES)[number];

export const LIVE_LIST_TABS = ['upcoming', 'live', 'past'] as const;
export type LiveListTab = (typeof LIVE_LIST_TABS)[number];

/** How sessions are watched: our media server and `<live-player>`, or a 视频号 live the room links to. */
export const LIVE_MODES = ['player', 'channels'] as const;
export type LiveMode = (typeof LIVE_MODES)[number];

/** A 视频号 live the session's room links to (wx.getChannelsLiveInfo gives feedId/nonceId once it is on). */
export interface LiveChannelsLink {
  /** The 视频号 id (视频号助手 → 账号设置), starting with `sph`. */
  finderUserName: string;
  feedId?: string;
  nonceId?: string;
}

/** The host says the 视频号 live has begun (with its feed, when the app could read it) or is over. */
export interface LiveChannelsControlInput {
  action: 'start' | 'end';
  feedId?: string;
  nonceId?: string;
}

export interface LiveSessionInput {
  title: string;
  /** Required where the deployment runs 视频号 mode (`LIVE_MODE=channels`), refused elsewhere. */
  channels?: Pick<LiveChannelsLink, 'finderUserName'>;
  coverUrl?: string;
  /** ISO time. */
  startAt: string;
  /** Host a job fair instead of the recruiter's own enterprise. */
  fairId?: string;
  jobIds: string[];
}

export interface LiveJobCard {
  id: string;
  title: string;
  enterpriseName: string;
  salaryMin: number;
  salaryMax: number;
}

export interface LiveSessionSummary {
  id: string;
  title: string;
  coverUrl: string;
  startAt: string;
  status: LiveStatus;
  hostName: string;
  bookingCount: number;
  /** Present for a signed-in student. */
  booked?: boolean;
  /** `channels`: watched on 视频号 (no play URLs here); chat, cards and applying stay in our room. */
  mode: LiveMode;
}

export interface LiveSessionDetail extends LiveSessionSummary {
  jobs: LiveJobCard[];
  startedAt?: string;
  endedAt?: string;
  /** Signed play URLs while live (FLV for <live-player>; HLS/WebRTC where configured); never for a removed viewer. */
  play?: { flv: string; hls?: string; webrtc?: string };
  /** The host removed this viewer from the session: no play URL, no room (您已被移出). */
  removed?: true;
  /** While live: the push dropped and the session waits for it (信号中断，等待主播恢复). */
  interrupted?: true;
  /** For a signed-in student: which of the session's jobs they have applied to (已投递 on the cards). */
  applied?: string[];
  /** Mode `channels`: the 视频号 live to open or embed. */
  channels?: LiveChannelsLink;
}

export interface LivePushInfo {
  pushUrl: string;
  /** OBS splits the URL into server and stream key. */
  server: string;
  streamKey: string;
  expiresAt: string;
}

export interface LiveDecisionInput {
  decision: 'approve' | 'reject';
  reason?: string;
}

/** A student's report from the room (举报): filed as a complaint with what the room showed at `shownAt`. */
export interface LiveReportInput extends Pick<ComplaintInput, 'idempotencyKey' | 'category' | 'description' | 'phone'> {
  target: 'stream' | 'job';
  /** The card reported (target `job`): one of the session's jobs. */
  jobId?: string;
  /** When 举报 was tapped; at most 30 minutes before the report is sent. */
  shownAt: string;
}

/** How many of the last chat lines a report keeps. */
export const LIVE_REPORT_CHAT_LINES = 10;

export interface LiveStats {
  peakViewers: number;
  totalViewers: number;
  watchSeconds: number;
  messages: number;
  /**
   * Applications attributed to the session, per featured job: `count` is all of them, `bySource` splits it
   * into the room's cards, the replay's cards and job pages opened from the room.
   */
  applications: { jobId: string; title: string; count: number; bySource: Record<ApplicationSourceKind, number> }[];
}

/** Live-room WebSocket protocol: `wss://…/api/live/ws?session=<id>&token=<access token>[&since=<seq>]`. */
export interface LiveRoomMessage {
  id: string;
  seq: number;
  userId: string;
  nickname: string;
  kind: 'chat' | 'question';
  text: string;
  /** Host replies are highlighted. */
  host: boolean;
  offsetMs: number;
  at: string;
}

export type LiveClientEvent =
  | { type: 'chat'; text: string; question?: boolean }
  | { type: 'like' }
  | { type: 'pin'; jobId: string | null }
  | { type: 'apply'; jobId: string }
  | { type: 'mute' | 'remove'; userId: string };

export type LiveServerEvent =
  | {
      type: 'welcome';
      host: boolean;
      viewers: number;
      likes: number;
      pinned: LiveJobCard | null;
      history: LiveRoomMessage[];
      /** Featured jobs this student has already applied to. */
      applied: string[];
      /** Where the stream is now, so a viewer joining during a drop is told at once. */
      status: LiveStatus;
      interrupted: boolean;
      /** The host muted this viewer in this session. */
      muted: boolean;
    }
  | { type: 'message'; message: LiveRoomMessage }
  | { type: 'viewers'; count: number }
  | { type: 'likes'; count: number }
  | { type: 'pinned'; job: LiveJobCard | null }
  | { type: 'applied'; jobId: string; applicationId: string }
  | { type: 'muted' | 'removed'; userId: string }
  /** The stream's state as the media service reports it: went live, dropped (interrupted), resumed, ended. */
  | { type: 'status'; status: LiveStatus; interrupted: boolean }
  /** The session was taken down (its host was put on the 异常名录): the stream ends, the room closes. */
  | { type: 'taken-down'; reason: string }
  /** To the host's console only: a viewer applied from a job card in the room. */
  | { type: 'application'; jobId: string; title: string }
  | { type: 'error'; code: string; message: string };

/**
 * One recorded file of a session. A stream that dropped and resumed has several; `offsetMs` places each
 * on the stream's time line, the one message offsets use, so chat shows in time across files.
 */
export interface LiveRecording {
  url: string;
  offsetMs: number;
  /** Length, when the media service reported it. */
  durationMs?: number;
}

/** A past session's replay: its recordings (when the media service reported any) and the room's messages in stream order. */
export interface LiveReplayPage extends Page<LiveRoomMessage> {
  /** The first recording's URL (the whole replay when the stream never dropped). */
  recordingUrl?: string;
  /** In stream order; absent until a recording is reported. */
  recordings?: LiveRecording[];
}

export interface LiveReplayQuery {
  cursor?: string;
  /** 1–200, default 100. */
  limit?: number;
}

/** The subscribe-message template students accept when booking; absent when notices are off. */
export interface LiveNoticeConfig {
  templateId?: string;
  /** How this deployment's sessions are watched (LIVE_MODE). */
  mode: LiveMode;
}
