import type { Page } from '@contract/common';
import type { MediaCheckView, MediaDecision, MediaQueueFilter } from '@contract/moderation';
import { request } from '../http';

/** The staff queue (at most 100, oldest first) as one page, so list pages show it like any other. */
export async function mediaQueue(filter: MediaQueueFilter): Promise<Page<MediaCheckView>> {
  const items = await request<MediaCheckView[]>({ path: '/moderation/media', query: { filter } });
  return { items };
}

export function decideMedia(id: string, decision: MediaDecision): Promise<MediaCheckView> {
  return request<MediaCheckView>({ method: 'POST', path: `/moderation/media/${encodeURIComponent(id)}/decision`, data: { decision } });
}
