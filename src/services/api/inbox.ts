import type { InboxPage, InboxQuery, MarkAllReadResult, MarkReadResult, PushStats, UnreadCount } from '@contract/notice';
import { request } from '../http';

export function inbox(query: InboxQuery): Promise<InboxPage> {
  return request<InboxPage>({ path: '/inbox', query: { ...query } });
}

export function unreadCount(): Promise<UnreadCount> {
  return request<UnreadCount>({ path: '/inbox/unread-count' });
}

export function markRead(id: string): Promise<MarkReadResult> {
  return request<MarkReadResult>({ method: 'PUT', path: `/inbox/${encodeURIComponent(id)}/read` });
}

export function markAllRead(): Promise<MarkAllReadResult> {
  return request<MarkAllReadResult>({ method: 'PUT', path: '/inbox/read-all' });
}

/** Staff: one entry per publication of the content, newest first. */
export function contentPushes(contentId: string): Promise<PushStats[]> {
  return request<PushStats[]>({ path: '/staff/pushes', query: { contentId } });
}
