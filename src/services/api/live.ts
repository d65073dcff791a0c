import type { LiveListTab, LiveSessionDetail, LiveSessionSummary } from '@contract/live';
import { request } from '../http';

export function listLive(tab: LiveListTab): Promise<LiveSessionSummary[]> {
  return request<LiveSessionSummary[]>({ path: '/live/sessions', query: { tab } });
}

export function bookLive(id: string): Promise<LiveSessionDetail> {
  return request<LiveSessionDetail>({ method: 'POST', path: `/live/sessions/${encodeURIComponent(id)}/booking`, data: {} });
}

export function cancelLiveBooking(id: string): Promise<LiveSessionDetail> {
  return request<LiveSessionDetail>({ method: 'DELETE', path: `/live/sessions/${encodeURIComponent(id)}/booking` });
}
