import type { LiveMode, LiveSessionInput } from '@contract/live';
import { beijingInstant } from '@contract/time';

export interface ScheduleDraft {
  title: string;
  coverUrl: string;
  /** `YYYY-MM-DD`, Beijing. */
  date: string;
  /** `HH:mm`, Beijing. */
  time: string;
  jobIds: string[];
  /** 视频号 mode: the 视频号 id the session links to. */
  finderUserName: string;
}

export type ScheduleField = 'title' | 'coverUrl' | 'startAt' | 'jobIds' | 'channels.finderUserName';

/** A 视频号 id as 视频号助手 shows it (live.dto.ts). */
export const FINDER_USER_NAME = /^sph[A-Za-z0-9_-]{3,60}$/;

/**
 * Date and time pickers' values → ISO instant; undefined when either is missing or invalid. The pickers
 * show Beijing time like every time in the app, so the values are read as Beijing time on any phone.
 */
export function startAtOf(date: string, time: string): string | undefined {
  return beijingInstant(date, time)?.toISOString();
}

/**
 * The same checks the server makes (live.dto.ts), so the recruiter sees them before sending; the
 * server's answer still decides. Returns the first problem, or the input to send.
 */
export function checkSchedule(draft: ScheduleDraft, now = new Date(), mode: LiveMode = 'player'): { field: ScheduleField; message: string } | { input: LiveSessionInput } {
  const title = draft.title.trim();
  if (title.length < 4 || title.length > 40) return { field: 'title', message: '标题需 4–40 个字' };
  const cover = draft.coverUrl.trim();
  if (cover && !/^https?:\/\/\S+$/.test(cover)) return { field: 'coverUrl', message: '封面须为 http(s) 图片地址' };
  const startAt = startAtOf(draft.date, draft.time);
  if (!startAt) return { field: 'startAt', message: '请选择开播日期和时间' };
  if (new Date(startAt).getTime() <= now.getTime()) return { field: 'startAt', message: '开播时间须晚于现在' };
  if (draft.jobIds.length === 0) return { field: 'jobIds', message: '请至少选择一个推荐岗位' };
  if (draft.jobIds.length > 20) return { field: 'jobIds', message: '最多推荐 20 个岗位' };
  const finderUserName = draft.finderUserName.trim();
  if (mode === 'channels' && !FINDER_USER_NAME.test(finderUserName)) {
    return { field: 'channels.finderUserName', message: finderUserName ? '视频号 ID 以 sph 开头，请从视频号助手复制' : '请填写视频号 ID' };
  }
  const channels = mode === 'channels' ? { channels: { finderUserName } } : {};
  return { input: { title, startAt, jobIds: [...new Set(draft.jobIds)], ...(cover ? { coverUrl: cover } : {}), ...channels } };
}
