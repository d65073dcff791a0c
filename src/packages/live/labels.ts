import type { LiveStatus } from '@contract/live';

export const LIVE_STATUS_LABELS: Record<LiveStatus, string> = {
  pending: '待审核',
  rejected: '未通过',
  scheduled: '即将开播',
  live: '直播中',
  ended: '已结束',
  replay: '可回放',
};
