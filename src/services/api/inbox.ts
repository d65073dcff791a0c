import type { InboxItem, InboxPage, InboxQuery, MarkAllReadResult, MarkReadResult, PushStats, UnreadCount } from '@contract/notice';
import { request } from '../http';

export function inbox(query: InboxQuery): Promise<InboxPage> {
  return request<InboxPage>({ path: '/inbox', query: { ...query } });
}

/** One item of my inbox (a weekly digest lists the notices it gathers). */
export function inboxItem(id: string): Promise<InboxItem> {
  return request<InboxItem>({ path: `/inbox/${encodeURIComponent(id)}` });
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
