import type {
  LiveChannelsControlInput,
  LiveDecisionInput,
  LiveReportInput,
  LiveListTab,
  LiveNoticeConfig,
  LivePushInfo,
  LiveReplayPage,
  LiveReplayQuery,
  LiveSessionDetail,
  LiveSessionInput,
  LiveSessionSummary,
  LiveStats,
} from '@contract/live';
import type { ComplaintView } from '@contract/complaint';
import { request } from '../http';

const id = (value: string) => encodeURIComponent(value);

export function listLive(tab: LiveListTab): Promise<LiveSessionSummary[]> {
  return request<LiveSessionSummary[]>({ path: '/live/sessions', query: { tab } });
}

export function getLive(sessionId: string): Promise<LiveSessionDetail> {
  return request<LiveSessionDetail>({ path: `/live/sessions/${id(sessionId)}` });
}

export function bookLive(sessionId: string): Promise<LiveSessionDetail> {
  return request<LiveSessionDetail>({ method: 'POST', path: `/live/sessions/${id(sessionId)}/booking`, data: {} });
}

export function cancelLiveBooking(sessionId: string): Promise<LiveSessionDetail> {
  return request<LiveSessionDetail>({ method: 'DELETE', path: `/live/sessions/${id(sessionId)}/booking` });
}

export function liveReplay(sessionId: string, query: LiveReplayQuery = {}): Promise<LiveReplayPage> {
  return request<LiveReplayPage>({ path: `/live/sessions/${id(sessionId)}/replay`, query: { ...query } });
}

/** The start-notice template to offer on a booking tap; empty when notices are off. */
export function liveNoticeConfig(): Promise<LiveNoticeConfig> {
  return request<LiveNoticeConfig>({ path: '/live/notice' });
}

// ---- recruiters ----

/** 视频号 mode: the host says the live on 视频号 has begun (with its feed when the app could read it) or is over. */
export function controlChannelsLive(sessionId: string, input: LiveChannelsControlInput): Promise<LiveSessionDetail> {
  return request<LiveSessionDetail>({ method: 'POST', path: `/live/sessions/${id(sessionId)}/channels`, data: input });
}

export function myLiveSessions(): Promise<LiveSessionSummary[]> {
  return request<LiveSessionSummary[]>({ path: '/live/mine' });
}

export function scheduleLive(input: LiveSessionInput): Promise<LiveSessionDetail> {
  return request<LiveSessionDetail>({ method: 'POST', path: '/live/sessions', data: input });
}

export function livePushInfo(sessionId: string): Promise<LivePushInfo> {
  return request<LivePushInfo>({ path: `/live/sessions/${id(sessionId)}/push` });
}

export function liveStats(sessionId: string): Promise<LiveStats> {
  return request<LiveStats>({ path: `/live/sessions/${id(sessionId)}/stats` });
}

// ---- staff ----

export function pendingLiveSessions(): Promise<LiveSessionSummary[]> {
  return request<LiveSessionSummary[]>({ path: '/staff/live/pending' });
}

export function decideLive(sessionId: string, input: LiveDecisionInput): Promise<LiveSessionDetail> {
  return request<LiveSessionDetail>({ method: 'POST', path: `/staff/live/sessions/${id(sessionId)}/decision`, data: input });
}

/** 举报 from the room: a complaint with what the room showed at `shownAt` (the tap). */
export function reportLive(sessionId: string, input: LiveReportInput): Promise<ComplaintView> {
  return request<ComplaintView>({ method: 'POST', path: `/live/sessions/${id(sessionId)}/reports`, data: input });
}
