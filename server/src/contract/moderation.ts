/**
 * Media that other people can see is checked before they can: by WeChat's mediaCheckAsync when it
 * is configured, otherwise it waits for staff (or shows unchecked, when the deployment says so).
 */

/** What an uploaded medium is for; each is checked before anyone but its uploader sees it. */
export const MEDIA_PURPOSES = ['complaint-evidence', 'licence'] as const;
export type MediaPurpose = (typeof MEDIA_PURPOSES)[number];

export const MEDIA_PURPOSE_LABELS: Record<MediaPurpose, string> = {
  'complaint-evidence': '投诉证据',
  licence: '营业执照',
};

/**
 * `pending`: sent to WeChat, waiting for its push; `pass`: cleared (by WeChat or staff); `review`:
 * WeChat asked for a person to look; `risky`: WeChat found it risky (hidden); `failed`: WeChat could
 * not download it (errcode -1008); `unchecked`: WeChat was not asked (not configured, no openid, a
 * type it does not take, the call failed); `hidden`: staff hid it.
 */
export const MEDIA_CHECK_STATUSES = ['pending', 'pass', 'review', 'risky', 'failed', 'unchecked', 'hidden'] as const;
export type MediaCheckStatus = (typeof MEDIA_CHECK_STATUSES)[number];

export const MEDIA_CHECK_STATUS_LABELS: Record<MediaCheckStatus, string> = {
  pending: '检测中',
  pass: '已通过',
  review: '待人工复核',
  risky: '有风险，已隐藏',
  failed: '检测失败',
  unchecked: '未经微信检测',
  hidden: '已被工作人员隐藏',
};

/** Statuses in the staff queue: what no one but the uploader can see yet and nobody has decided. */
export const MEDIA_QUEUE_STATUSES = ['review', 'failed', 'unchecked', 'pending'] as const satisfies readonly MediaCheckStatus[];

/** Which part of the staff queue to list. */
export const MEDIA_QUEUE_FILTERS = ['waiting', 'risky', 'decided'] as const;
export type MediaQueueFilter = (typeof MEDIA_QUEUE_FILTERS)[number];

/** One medium in the staff queue. */
export interface MediaCheckView {
  id: string;
  purpose: MediaPurpose;
  purposeLabel: string;
  status: MediaCheckStatus;
  statusLabel: string;
  /** WeChat's label (100 normal, 20001 时政, 20002 色情, 20006 违法犯罪, 21000 其他). */
  label?: number;
  /** Why WeChat was not asked, for `unchecked`. */
  reason?: string;
  type: string;
  createdAt: string;
  decidedAt?: string;
  decidedBy?: 'wechat' | 'staff';
  /** Staff read the file here. */
  fileUrl: string;
}

export const MEDIA_DECISIONS = ['pass', 'hide'] as const;
export type MediaDecision = (typeof MEDIA_DECISIONS)[number];
