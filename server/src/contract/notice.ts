import type { Page } from './common';
import type { ComplaintStatus } from './complaint';
import type { CourseKind, SlotKind } from './growth';
import type { InterviewInvitation } from './job';
import type { ContentKind } from './policy';
import type { SUBSCRIBE_TOPICS, SubscribeTopic } from './subscription';
import type { ReviewStage } from './subsidy';
import type { LimitedStage } from './subsidy-stages';
import type { SupportServiceKind } from './support';

/**
 * Policy pushes: each publication of a policy version with an audience becomes one push; every
 * recipient gets one delivery, which is both the in-app inbox item and the WeChat send record.
 */

/**
 * Where a delivery's WeChat send stands. `off`: sending is not configured (demo) or the notice has
 * no template; `opted-out`: the user turned the topic off in settings. Both are inbox only. `held`:
 * the topic is gathered into the weekly digest (neither listed nor sent yet); `digested`: it went
 * out inside a digest item.
 */
export const DELIVERY_STATUSES = ['pending', 'sent', 'no-credit', 'failed', 'off', 'opted-out', 'held', 'digested'] as const;
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

/** What raised an inbox item: the notice's topic, or the weekly digest that gathers held ones. */
export const INBOX_SOURCES = ['policy', 'application', 'subsidy', 'live', 'fair', 'support', 'complaint', 'growth', 'digest'] as const satisfies ReadonlyArray<(typeof SUBSCRIBE_TOPICS)[number] | 'digest'>;
export type InboxSource = (typeof INBOX_SOURCES)[number];

export const INBOX_SOURCE_LABELS: Record<InboxSource, string> = {
  policy: '政策',
  application: '求职',
  subsidy: '补贴',
  live: '直播',
  fair: '招聘会',
  support: '就业帮扶',
  complaint: '投诉',
  growth: '成长服务',
  digest: '每周摘要',
};

// ---------------------------------------------------------------------------
// Notice events: everything a user can be told about. The server's notice catalogue gives each
// type its topic, wording, page and subscribe template; `NoticeService.tell(userIds, event)` is the
// one way to tell. Times are ISO strings so an event can wait in an outbox document as it is.
// ---------------------------------------------------------------------------

interface ApplicationFacts {
  applicationId: string;
  jobTitle: string;
  enterpriseName: string;
  /** The recruiter's note with the step. */
  note?: string;
}

interface SubsidyFacts {
  applicationId: string;
  programName: string;
  /** Position of the step in the application's timeline: names the event (a stage can pass twice after a return). */
  step: number;
}

export const SUBSIDY_ENTERPRISE_OUTCOMES = ['stage-passed', 'returned', 'rejected', 'approved', 'paid', 'payment-returned'] as const;
export type SubsidyEnterpriseOutcome = (typeof SUBSIDY_ENTERPRISE_OUTCOMES)[number];

/** Who hid an uploaded medium: WeChat's check found it risky, or staff in the media queue. */
export type MediaHiddenBy = 'wechat' | 'staff';

export type NoticeEvent =
  | { type: 'policy.published'; contentId: string; title: string; summary: string; issuer: string; publishedAt: string }
  | ({ type: 'application.viewed' } & ApplicationFacts)
  /** `interview`: the time, place, contact and message (absent on invitations from before they carried them). */
  | ({ type: 'application.interview'; interview?: InterviewInvitation } & ApplicationFacts)
  | ({ type: 'application.hired' } & ApplicationFacts)
  | ({ type: 'application.rejected' } & ApplicationFacts)
  /** Closed as 未反馈: the recruiter left it untouched for `days` days. */
  | ({ type: 'application.unanswered'; days: number } & ApplicationFacts)
  | ({ type: 'subsidy.stage-passed'; stage: ReviewStage; next: ReviewStage } & SubsidyFacts)
  | ({ type: 'subsidy.returned'; stage: ReviewStage; reason: string } & SubsidyFacts)
  | ({ type: 'subsidy.rejected'; stage: ReviewStage; reason: string } & SubsidyFacts)
  | ({ type: 'subsidy.approved' } & SubsidyFacts)
  | ({ type: 'subsidy.paid'; amount: number } & SubsidyFacts)
  | ({ type: 'subsidy.payment-returned'; reason?: string } & SubsidyFacts)
  /** 公示: published (until `lastDay`), held by an objection, or the bureau's decision on it. */
  | ({ type: 'subsidy.publicity'; phase: 'published' | 'held' | 'dismissed' | 'upheld'; lastDay?: string; reason?: string } & SubsidyFacts)
  /** To the unit above: an application has waited past a stage's time limit (once per application and wait). */
  | { type: 'subsidy.overdue'; applicationId: string; programName: string; stage: LimitedStage; unit: string; deadline: string; wait: string }
  /** To the reviewers of the stage an application was at when its applicant deleted the account. */
  /** 免申即享: the records show the graduate qualifies; one tap confirms. */
  | { type: 'subsidy.offered'; offerId: string; programName: string; amount: number; expiresOn: string }
  | ({ type: 'subsidy.withdrawn'; stage: ReviewStage; reason: string } & SubsidyFacts)
  | ({ type: 'subsidy.enterprise-decided'; enterpriseName: string; outcome: SubsidyEnterpriseOutcome; stage?: ReviewStage; next?: ReviewStage; reason?: string; amount?: number } & SubsidyFacts)
  | { type: 'fair.registered'; fairId: string; title: string; startAt: string; venue: string }
  | { type: 'fair.reminder'; fairId: string; title: string; startAt: string; venue: string }
  | { type: 'live.started'; sessionId: string; title: string; hostName: string; startedAt: string }
  /** To the bookers of a scheduled or live session taken down because its host was put on the 异常名录. */
  | { type: 'live.taken-down'; sessionId: string; title: string; hostName: string; reason: string }
  | { type: 'support.round'; caseId: string; position: number; jobs: number; at: string }
  | { type: 'recruiter.real-name-expiring'; expiresAt: string }
  | { type: 'recruiter.real-name-lapsed'; expiresAt: string }
  | { type: 'support.service'; caseId: string; position: number; kind: SupportServiceKind; note?: string; at: string }
  | { type: 'complaint.progress'; complaintId: string; status: Exclude<ComplaintStatus, 'submitted'>; categoryLabel: string; note?: string }
  | { type: 'growth.course-signed-up'; courseId: string; title: string; kind: CourseKind; startsAt: string; at: string }
  | { type: 'growth.course-cancelled'; courseId: string; title: string; reason: string }
  | { type: 'growth.course-changed'; courseId: string; title: string; version: number; note: string }
  | { type: 'growth.training-rejected'; signupId: string; title: string; reason: string }
  | { type: 'growth.training-completed'; signupId: string; title: string }
  | { type: 'growth.slot-booked'; slotId: string; kind: SlotKind; hostName: string; startsAt: string; at: string }
  | { type: 'growth.slot-withdrawn'; slotId: string; kind: SlotKind; hostName: string; startsAt: string }
  | { type: 'growth.contest-registered'; registrationId: string; title: string }
  | { type: 'growth.contest-decided'; registrationId: string; title: string; status: 'accepted' | 'rejected'; reason?: string }
  | { type: 'growth.contest-cancelled'; contestId: string; title: string; reason: string }
  | { type: 'growth.place-decided'; applicationId: string; name: string; status: 'approved' | 'rejected'; reason?: string }
  | { type: 'growth.story-decided'; storyId: string; title: string; status: 'approved' | 'rejected'; reason?: string }
  | { type: 'complaint.evidence-hidden'; checkId: string; complaintId: string; by: MediaHiddenBy }
  | { type: 'enterprise.licence-hidden'; checkId: string; by: MediaHiddenBy }
  | { type: 'digest.weekly'; userId: string; week: string; items: DigestEntry[] };

export type NoticeEventType = NoticeEvent['type'];

/** One held notice listed in a weekly digest. */
export interface DigestEntry {
  /** The held inbox item's id. */
  id: string;
  topic: SubscribeTopic;
  title: string;
  summary: string;
  /** Where the notice itself would have opened (absent for policy items, which open by contentId). */
  page?: string;
  contentId?: string;
  createdAt: string;
}

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
  /** A weekly digest item: the notices it gathers, oldest first. */
  digest?: DigestEntry[];
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
  /** The student gathers policy notices into the weekly digest: told there, not one by one. */
  digest: number;
  /** Recipients who opened the notice in the inbox. */
  read: number;
}
