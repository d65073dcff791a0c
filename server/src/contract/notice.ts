import type { Page } from './common';
import type { ContentKind } from './policy';

/**
 * Policy pushes: each publication of a policy version with an audience becomes one push; every
 * recipient gets one delivery, which is both the in-app inbox item and the WeChat send record.
 */

/**
 * Where a delivery's WeChat send stands. `off`: sending is not configured (demo); `opted-out`: the
 * student turned policy notices off in settings. Both are inbox only. Non-policy inbox items are
 * stored as `off` too: they are never sent by the push worker.
 */
export const DELIVERY_STATUSES = ['pending', 'sent', 'no-credit', 'failed', 'off', 'opted-out'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Why a WeChat send was given up (no retry, or retries exhausted). */
export const PUSH_FAIL_REASONS = ['refused', 'bad-data', 'bad-openid', 'no-openid', 'retries-exhausted', 'rejected'] as const;
export type PushFailReason = (typeof PUSH_FAIL_REASONS)[number];

export const PUSH_FAIL_REASON_LABELS: Record<PushFailReason, string> = {
  refused: '用户未订阅或已拒收（43101）',
  'bad-data': '模板字段不合规（47003）',
  'bad-openid': '用户标识无效（40003）',
  'no-openid': '用户未绑定微信',
  'retries-exhausted': '多次重试仍失败',
  rejected: '微信拒绝（其他错误码）',
};

/** What raised an inbox item: a policy push, or an event such as a booked live session starting. */
export const INBOX_SOURCES = ['policy', 'live', 'growth', 'complaint', 'support'] as const;
export type InboxSource = (typeof INBOX_SOURCES)[number];

export const INBOX_SOURCE_LABELS: Record<InboxSource, string> = { policy: '政策', live: '直播', growth: '成长服务', complaint: '投诉', support: '就业帮扶' };

/** One notice in a student's inbox. */
export interface InboxItem {
  id: string;
  source: InboxSource;
  /** Policy items: the content the notice is about (opens the policy detail). */
  contentId?: string;
  kind?: ContentKind;
  /** Non-policy items: the mini-program page to open, route path and query without a leading slash. */
  page?: string;
  title: string;
  summary: string;
  /** When the notice arrived (the push time). */
  createdAt: string;
  /** Absent while unread. */
  readAt?: string;
}

export type InboxPage = Page<InboxItem>;

export interface InboxQuery {
  cursor?: string;
  /** 1–50, default 20. */
  limit?: number;
  unreadOnly?: boolean;
}

export interface UnreadCount {
  unread: number;
}

/** Answer of "mark one read": idempotent, a second call returns the first `readAt`. */
export interface MarkReadResult {
  id: string;
  readAt: string;
}

/** Answer of "mark all read": how many changed now (0 on a repeat). */
export interface MarkAllReadResult {
  marked: number;
}

export const PUSH_STATES = ['sending', 'done', 'off'] as const;
/** `sending`: deliveries still pending; `done`: every delivery settled; `off`: WeChat not configured. */
export type PushState = (typeof PUSH_STATES)[number];

/** Statistics of one push (one publication of one policy version). */
export interface PushStats {
  id: string;
  contentId: string;
  /** The content version that was published. */
  version: number;
  title: string;
  createdAt: string;
  state: PushState;
  /** Recipients matched by the audience (0 is allowed). */
  audience: number;
  /** false while the recipients are still being written (large audiences take a few seconds). */
  audienceFinal: boolean;
  /** Not yet settled (waiting, in flight or waiting for a retry). */
  pending: number;
  sent: number;
  /** Skipped without calling WeChat: the student holds no subscription credit. */
  noCredit: number;
  /** Given up; broken down in `failedBy`. */
  failed: number;
  failedBy: Array<{ reason: PushFailReason; errcode?: number; count: number }>;
  /** WeChat sending was off: inbox only. */
  off: number;
  /** The student turned policy notices off in settings: inbox only, no credit spent. */
  optedOut: number;
  /** Recipients who opened the notice in the inbox. */
  read: number;
}
