import { createHash } from 'crypto';
import { COMPLAINT_STATUS_LABELS, type ComplaintAction, type ComplaintCategory, type ComplaintInput, type ComplaintStatus } from '../../contract/complaint';
import type { AuthUser } from '../../interface';
import { beijingDay, endOfBeijingDay } from '../../contract/time';

const DAY = 24 * 3600_000;

/**
 * Days to answer a complaint after it is triaged. The plan sets no figures: these are the platform's
 * service commitments, kept in one table. Fake jobs are shortest because the job may still be taking
 * applications; unpaid wages come next because the graduate is out of pocket.
 */
export const HANDLING_DAYS: Record<ComplaintCategory, number> = {
  'fake-job': 5,
  'unpaid-wages': 7,
  'black-agency': 10,
  'training-loan': 10,
  discrimination: 15,
  other: 15,
};

/** A new complaint must be triaged (accepted and assigned) within this many days. */
export const TRIAGE_DAYS = 2;
/** A deadline staff set by hand may not lie further than this after triage. */
export const MAX_HANDLING_DAYS = 60;

export const OPEN_STATUSES: readonly ComplaintStatus[] = ['submitted', 'triaged', 'investigating'];
/** Evidence may be added and staff may freeze while the complaint is not finished. */
export const FREEZABLE_STATUSES: readonly ComplaintStatus[] = ['submitted', 'triaged', 'investigating', 'replied'];

/** The status an action leads to from `from`, or null when the action is not allowed there. */
export function nextStatus(action: ComplaintAction, from: ComplaintStatus): ComplaintStatus | null {
  switch (action) {
    case 'assign':
      // Assigning a submitted complaint triages it; reassigning keeps the step it is at.
      return from === 'submitted' ? 'triaged' : from === 'triaged' || from === 'investigating' ? from : null;
    case 'investigate':
      return from === 'triaged' ? 'investigating' : null;
    case 'deadline':
      return from === 'triaged' || from === 'investigating' ? from : null;
    case 'reply':
      return from === 'triaged' || from === 'investigating' ? 'replied' : null;
    case 'close':
      return from === 'replied' ? 'closed' : null;
    case 'reject':
      return OPEN_STATUSES.includes(from) ? 'rejected' : null;
    case 'evidence':
      return OPEN_STATUSES.includes(from) ? from : null;
    case 'freeze':
    case 'unfreeze':
      return FREEZABLE_STATUSES.includes(from) || action === 'unfreeze' ? from : null;
    case 'submit':
      return null;
  }
}

/** The actions staff can take on a complaint in this status (for the detail page's buttons). */
export function allowedActions(status: ComplaintStatus): ComplaintAction[] {
  const staffActions: ComplaintAction[] = ['assign', 'investigate', 'deadline', 'reply', 'close', 'reject', 'freeze', 'unfreeze'];
  return staffActions.filter(a => nextStatus(a, status) !== null);
}

/** End of the Beijing day `days` days after `from`. */
export function dueAfter(from: Date, days: number): Date {
  return endOfBeijingDay(beijingDay(new Date(from.getTime() + days * DAY)));
}

export function triageDue(submittedAt: Date): Date {
  return dueAfter(submittedAt, TRIAGE_DAYS);
}

export function handlingDue(category: ComplaintCategory, triagedAt: Date): Date {
  return dueAfter(triagedAt, HANDLING_DAYS[category]);
}

/** A hand-set deadline: a real date, not before today, at most MAX_HANDLING_DAYS after triage. */
export function checkDueDate(dueDate: string, triagedAt: Date, now: Date): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) return null;
  const parsed = new Date(`${dueDate}T00:00:00.000Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== dueDate) return null;
  if (dueDate < beijingDay(now)) return null;
  if (dueDate > beijingDay(new Date(triagedAt.getTime() + MAX_HANDLING_DAYS * DAY))) return null;
  return endOfBeijingDay(dueDate);
}

export function isOverdue(status: ComplaintStatus, dueAt: Date | undefined, now: Date): boolean {
  return OPEN_STATUSES.includes(status) && !!dueAt && dueAt.getTime() < now.getTime();
}

/** Staff who may see and act on complaints in `district`: the bureau everywhere, district staff at home. */
export function inScope(user: Pick<AuthUser, 'roles' | 'scope'>, district: string): boolean {
  if (user.roles.includes('bureau')) return true;
  return user.roles.includes('district') && !!user.scope.districtCode && user.scope.districtCode === district;
}

export function staffRoleOf(user: Pick<AuthUser, 'roles'>): 'bureau' | 'district' {
  return user.roles.includes('bureau') ? 'bureau' : 'district';
}

/** Same key, same content: a retry. Same key, other content: a reused key, refused. */
export function fingerprint(input: Omit<ComplaintInput, 'idempotencyKey'>): string {
  const canonical = [
    input.category,
    input.jobId ?? '',
    input.enterpriseId ?? '',
    (input.partyName ?? '').trim(),
    input.district ?? '',
    input.description.trim(),
    input.phone.replace(/[\s-]/g, ''),
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** Mainland mobile numbers, or a landline with area code (a complainant may not have a mobile). */
export function normalisePhone(raw: string): string | null {
  const phone = raw.replace(/[\s-]/g, '');
  if (/^1[3-9]\d{9}$/.test(phone)) return phone;
  if (/^0\d{2,3}\d{7,8}$/.test(phone)) return phone;
  return null;
}

/** Hotline numbers as published: short service numbers (12333), landlines, mobiles. */
export function isHotlineNumber(raw: string): boolean {
  return /^(1\d{4}|0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|400-?\d{3}-?\d{4})$/.test(raw.trim());
}

// ---------------------------------------------------------------- notices to the complainant

export const COMPLAINT_DETAIL_PAGE = 'packages/complaint/pages/detail/index';

/** The step whose note explains a status to the complainant. */
const STEP_OF: Partial<Record<ComplaintStatus, ComplaintAction>> = {
  triaged: 'assign',
  investigating: 'investigate',
  replied: 'reply',
  closed: 'close',
  rejected: 'reject',
};

export interface ComplaintNotice {
  /** Each status is reached at most once in a complaint's life, so (complaint, status) names the event. */
  key: string;
  title: string;
  summary: string;
  page: string;
  /** Template remark (≤ 20 characters). */
  note: string;
}

/**
 * What the complainant is told when their complaint reaches `status`; undefined for `submitted`
 * (their own act, confirmed on screen).
 */
export function complaintNotice(
  doc: { id: string; status: ComplaintStatus; categoryLabel: string; timeline: ReadonlyArray<{ action: ComplaintAction; note?: string }> },
): ComplaintNotice | undefined {
  const step = STEP_OF[doc.status];
  if (!step) return undefined;
  const entry = [...doc.timeline].reverse().find(e => e.action === step);
  const note = entry?.note?.trim();
  const label = COMPLAINT_STATUS_LABELS[doc.status];
  const defaults: Partial<Record<ComplaintStatus, string>> = {
    triaged: '你的投诉已受理，我们会尽快核查',
    investigating: '工作人员正在调查核实',
    replied: '工作人员已答复，请查看办理结果',
    closed: '投诉已办结，感谢你的监督',
    rejected: '经核查不予支持',
  };
  const detail = note || defaults[doc.status] || '请进入小程序查看办理进度';
  return {
    key: `complaint:${doc.id}:${doc.status}`,
    title: `${doc.categoryLabel}投诉${label}`,
    summary: doc.status === 'replied' || doc.status === 'rejected' ? `${label}：${detail}` : detail,
    page: `${COMPLAINT_DETAIL_PAGE}?id=${doc.id}`,
    note: detail,
  };
}
