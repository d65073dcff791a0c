import { createHash } from 'crypto';
import type { Types } from 'mongoose';
import {
  COMPLAINT_ACTION_LABELS,
  COMPLAINT_EVIDENCE_MAX_FILES,
  COMPLAINT_STATUS_LABELS,
  type ComplaintAction,
  type ComplaintCategory,
  type ComplaintHandler,
  type ComplaintInput,
  type ComplaintQueueQuery,
  type ComplaintStatus,
  type FreezeTarget,
} from '../../contract/complaint';
import type { NoticeEvent } from '../../contract/notice';
import { DISTRICTS, type DistrictCode } from '../../contract/reference';
import type { Role } from '../../contract/roles';
import { BizError } from '../../core/errors';
import type { AuthUser } from '../../interface';
import { beijingDay, endOfBeijingDay } from '../../contract/time';
import type { ComplaintDoc } from './complaint.model';

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
  // Decided on the notice page before the notice's payment; the objector hears within the notice's days.
  'publicity-objection': 5,
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

/** A complaint's contact phone, normalised; 422 PHONE_INVALID naming the field otherwise. */
export function contactPhone(raw: string): string {
  const phone = normalisePhone(raw);
  if (!phone) throw new BizError('PHONE_INVALID', '联系电话不正确，请填写手机号或带区号的固定电话', 'phone');
  return phone;
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

type Staff = Pick<AuthUser, 'roles' | 'scope'>;

/**
 * The district a staff list covers: the bureau sees every district (or the one it picks), district
 * staff only their own. Undefined means all districts.
 */
export function staffDistrict(user: Staff, requested?: string): string | undefined {
  if (user.roles.includes('bureau')) return requested;
  const own = user.scope.districtCode;
  if (!user.roles.includes('district') || !own) throw new BizError('FORBIDDEN');
  if (requested && requested !== own) throw new BizError('OUT_OF_SCOPE');
  return own;
}

/** Who may read a complaint and its evidence: the complainant, and staff whose scope covers its district. */
export function canSeeComplaint(user: Pick<AuthUser, 'id' | 'roles' | 'scope'>, doc: Pick<ComplaintDoc, 'complainantId' | 'district'>): boolean {
  return doc.complainantId.equals(user.id) || inScope(user, doc.district);
}

/** What a staff list shows; null when its filters exclude everything (overdue and an answered status). */
export interface QueueCriteria {
  district?: string;
  category?: ComplaintCategory;
  statuses?: readonly ComplaintStatus[];
  dueBefore?: Date;
}

export function queueCriteria(user: Staff, query: ComplaintQueueQuery, now: Date): QueueCriteria | null {
  const criteria: QueueCriteria = { district: staffDistrict(user, query.district), category: query.category };
  if (query.overdue) {
    if (query.status && !OPEN_STATUSES.includes(query.status)) return null;
    return { ...criteria, statuses: query.status ? [query.status] : OPEN_STATUSES, dueBefore: now };
  }
  return query.status ? { ...criteria, statuses: [query.status] } : criteria;
}

/** The staff actions a complaint offers: those its status allows, freezing only while there is something to freeze or lift. */
export function staffActions(doc: Pick<ComplaintDoc, 'status' | 'category' | 'jobId' | 'enterpriseId' | 'jobFrozen' | 'enterpriseFrozen'>): ComplaintAction[] {
  // A 公示异议 is decided by the bureau on the notice page (uphold / dismiss), which closes it here.
  if (doc.category === 'publicity-objection') return [];
  return allowedActions(doc.status).filter(a => {
    if (a === 'freeze') return (!!doc.jobId && !doc.jobFrozen) || (!!doc.enterpriseId && !doc.enterpriseFrozen);
    if (a === 'unfreeze') return doc.jobFrozen || doc.enterpriseFrozen;
    return true;
  });
}

// ---------------------------------------------------------------- handlers

const DISTRICT_NAMES = new Map<string, string>(DISTRICTS.map(d => [d.code, d.name]));

export function districtName(code: string | undefined): string {
  return (code !== 'city' && code && DISTRICT_NAMES.get(code)) || '大连市';
}

export function unitName(role: 'district' | 'bureau', district?: string): string {
  return role === 'bureau' ? '市人社局' : `${districtName(district)}人社局`;
}

/** A staff account as stored, enough to name it as a handler. */
export interface StaffRecord {
  _id: Types.ObjectId;
  roles: readonly Role[];
  scope: { districtCode?: string };
  profile?: { name?: string };
  nickname: string;
}

export function handlerOf(user: StaffRecord): ComplaintHandler {
  const role = user.roles.includes('bureau') ? 'bureau' : 'district';
  return {
    id: user._id.toHexString(),
    name: user.profile?.name || user.nickname,
    role,
    districtCode: role === 'district' ? (user.scope.districtCode as DistrictCode) : undefined,
  };
}

export interface AssignedHandler {
  _id: Types.ObjectId;
  view: ComplaintHandler;
}

/** A complaint goes to the bureau or to staff of a district; district staff assign only within their own district. */
export function checkHandler(assigner: Staff, candidate: StaffRecord | null): AssignedHandler {
  const isBureau = !!candidate?.roles.includes('bureau');
  const isDistrict = !!candidate?.roles.includes('district') && !!candidate.scope.districtCode;
  if (!candidate || (!isBureau && !isDistrict)) throw new BizError('COMPLAINT_HANDLER_INVALID', undefined, 'handlerId');
  const view = handlerOf(candidate);
  if (!assigner.roles.includes('bureau') && (view.role !== 'district' || view.districtCode !== assigner.scope.districtCode)) {
    throw new BizError('COMPLAINT_HANDLER_INVALID', '只能分派给本区市县的工作人员', 'handlerId');
  }
  return { _id: candidate._id, view };
}

// ---------------------------------------------------------------- staff steps

/** The step already happened, by this person, as the last thing on the complaint: a retried request. */
export function isReplay(doc: Pick<ComplaintDoc, 'timeline'>, action: ComplaintAction, actorId: string): boolean {
  const last = doc.timeline[doc.timeline.length - 1];
  return !!last && last.action === action && last.actorId === actorId;
}

export type StepPlan = { kind: 'change'; to: ComplaintStatus } | { kind: 'replay' };

/** Whether a staff step applies to the complaint as read: the status it leads to, a retry answered as it stands, or refused. */
export function planStep(doc: Pick<ComplaintDoc, 'status' | 'timeline'>, action: ComplaintAction, actorId: string): StepPlan {
  const to = nextStatus(action, doc.status);
  if (to) return { kind: 'change', to };
  if (isReplay(doc, action, actorId)) return { kind: 'replay' };
  throw new BizError('COMPLAINT_STATE_CHANGED', `投诉当前为“${COMPLAINT_STATUS_LABELS[doc.status]}”，不能${COMPLAINT_ACTION_LABELS[action]}`);
}

/** What a step writes besides the status and its timeline entry. */
export interface ComplaintChange {
  set?: Partial<ComplaintDoc>;
  unset?: Array<keyof ComplaintDoc>;
  /** Fields that must still hold the values read; otherwise another step came first. */
  unchanged?: Array<'handlerId' | 'dueAt'>;
  /** The public note on the timeline. */
  note?: string;
  /** Nothing would change (a retried reassignment): answer with the current state. */
  noop?: boolean;
}

/**
 * Accepting (triaging) or reassigning: triage starts the category's handling deadline unless one is
 * chosen, and the handler's district becomes the complaint's.
 */
export function assignChange(
  doc: Pick<ComplaintDoc, 'status' | 'category' | 'triagedAt' | 'dueAt' | 'handlerId' | 'district'>,
  handler: AssignedHandler,
  dueDate: string | undefined,
  now: Date,
): ComplaintChange {
  const { view } = handler;
  const triaging = doc.status === 'submitted';
  const triagedAt = triaging ? now : (doc.triagedAt ?? now);
  let dueAt = triaging ? handlingDue(doc.category, now) : doc.dueAt;
  if (dueDate) {
    const chosen = checkDueDate(dueDate, triagedAt, now);
    if (!chosen) throw new BizError('COMPLAINT_DEADLINE_INVALID', undefined, 'dueDate');
    dueAt = chosen;
  }
  const sameHandler = doc.handlerId?.toHexString() === view.id;
  if (!triaging && sameHandler && dueAt?.getTime() === doc.dueAt?.getTime()) return { noop: true };
  return {
    set: {
      handlerId: handler._id,
      handlerName: view.name,
      handlerRole: view.role,
      handlerDistrict: view.districtCode,
      district: view.role === 'district' && view.districtCode ? view.districtCode : doc.district,
      dueAt,
      triagedAt,
    },
    unchanged: ['handlerId'],
    note: `由${unitName(view.role, view.districtCode)}办理`,
  };
}

export function deadlineChange(doc: Pick<ComplaintDoc, 'triagedAt' | 'dueAt'>, input: { dueDate: string; reason: string }, now: Date): ComplaintChange {
  const dueAt = checkDueDate(input.dueDate, doc.triagedAt ?? now, now);
  if (!dueAt) throw new BizError('COMPLAINT_DEADLINE_INVALID', undefined, 'dueDate');
  if (dueAt.getTime() === doc.dueAt?.getTime()) return { noop: true };
  return { set: { dueAt }, unchanged: ['dueAt'], note: `办理期限调整为 ${input.dueDate}：${input.reason.trim()}` };
}

/** An answer ends the deadline: the complaint is no longer waiting on staff. */
export function replyChange(reply: string, now: Date): ComplaintChange {
  return { set: { reply: reply.trim(), repliedAt: now }, unset: ['dueAt'], note: reply.trim() };
}

export function closeChange(note: string | undefined, now: Date): ComplaintChange {
  return { set: { closedAt: now }, note: note?.trim() || undefined };
}

export function rejectChange(reason: string, now: Date): ComplaintChange {
  return { set: { rejectReason: reason.trim(), closedAt: now }, unset: ['dueAt'], note: reason.trim() };
}

// ---------------------------------------------------------------- freezes

export interface FreezeStep {
  targetId: Types.ObjectId;
  field: 'jobFrozen' | 'enterpriseFrozen';
  /** This complaint already holds (or has already released) the target: only the target is brought in line. */
  done: boolean;
  note: string;
}

/**
 * Freezing or lifting the hold this complaint has on its job or enterprise. A finished complaint may
 * still lift its hold, but not take a new one.
 */
export function freezeStep(
  doc: Pick<ComplaintDoc, 'status' | 'jobId' | 'enterpriseId' | 'jobFrozen' | 'enterpriseFrozen'>,
  input: { target: FreezeTarget; reason: string },
  lifting: boolean,
): FreezeStep {
  const targetId = input.target === 'job' ? doc.jobId : doc.enterpriseId;
  if (!targetId) throw new BizError('COMPLAINT_NO_FREEZE_TARGET', undefined, 'target');
  const field = input.target === 'job' ? 'jobFrozen' : 'enterpriseFrozen';
  const done = doc[field] !== lifting;
  if (!done && !lifting && !FREEZABLE_STATUSES.includes(doc.status)) throw new BizError('COMPLAINT_STATE_CHANGED', '投诉已办结，不能再冻结');
  const what = input.target === 'job' ? '涉事岗位' : '涉事企业';
  return { targetId, field, done, note: `${what}${lifting ? '解除冻结' : '已冻结'}：${input.reason.trim()}` };
}

// ---------------------------------------------------------------- filing and evidence

export interface TargetJob {
  _id: Types.ObjectId;
  title: string;
  enterpriseId: Types.ObjectId;
  enterpriseName: string;
  district: string;
  status: string;
}

export interface TargetEnterprise {
  _id: Types.ObjectId;
  name: string;
  district: string;
}

export type ComplaintTarget = Pick<ComplaintDoc, 'jobId' | 'jobTitle' | 'enterpriseId' | 'enterpriseName' | 'district'>;

/**
 * What a complaint is about: a job (which names its enterprise and district), an enterprise, or a
 * named party in a district. `job` and `enterprise` are what the ids in the input found (null: nothing).
 */
export function complaintTarget(
  input: Pick<ComplaintInput, 'jobId' | 'enterpriseId' | 'partyName' | 'district'>,
  found: { job?: TargetJob | null; enterprise?: TargetEnterprise | null },
): ComplaintTarget {
  const out: Partial<ComplaintTarget> = {};
  if (input.jobId) {
    const { job } = found;
    if (!job || job.status === 'draft') throw new BizError('COMPLAINT_TARGET_INVALID', '所选岗位不存在', 'jobId');
    Object.assign(out, { jobId: job._id, jobTitle: job.title, enterpriseId: job.enterpriseId, enterpriseName: job.enterpriseName, district: job.district });
  }
  if (input.enterpriseId) {
    const { enterprise } = found;
    if (!enterprise) throw new BizError('COMPLAINT_TARGET_INVALID', '所选企业不存在', 'enterpriseId');
    if (out.enterpriseId && !out.enterpriseId.equals(enterprise._id)) {
      throw new BizError('COMPLAINT_TARGET_INVALID', '所选岗位不属于所选企业', 'enterpriseId');
    }
    Object.assign(out, { enterpriseId: enterprise._id, enterpriseName: enterprise.name, district: out.district ?? enterprise.district });
  }
  if (!out.jobId && !out.enterpriseId) {
    if (!input.partyName?.trim()) throw new BizError('COMPLAINT_TARGET_REQUIRED', undefined, 'partyName');
    if (!input.district) throw new BizError('COMPLAINT_TARGET_REQUIRED', '请选择事情发生的地区', 'district');
  }
  return { ...out, district: out.district ?? (input.district as string) };
}

export type EvidencePlan = { kind: 'replay' } | { kind: 'add'; newsForHandler: boolean };

/**
 * Adding one evidence file: the same bytes again are a retried upload; otherwise only while the
 * complaint is open and under the file limit. Files sent with the complaint are part of it; later
 * ones are news for the handler, on the timeline.
 */
export function planEvidence(doc: Pick<ComplaintDoc, 'status' | 'evidence'>, hash: string): EvidencePlan {
  if (doc.evidence.some(e => e.hash === hash)) return { kind: 'replay' };
  if (!OPEN_STATUSES.includes(doc.status)) throw new BizError('COMPLAINT_NOT_OPEN');
  if (doc.evidence.length >= COMPLAINT_EVIDENCE_MAX_FILES) throw new BizError('COMPLAINT_EVIDENCE_LIMIT');
  return { kind: 'add', newsForHandler: doc.status !== 'submitted' };
}

/** Same key, same content: a retry. Same key, other content: a reused key, refused. */
export function fingerprint(input: Omit<ComplaintInput, 'idempotencyKey'>, liveTarget = ''): string {
  const canonical = [
    // A report from a live room (`<session>:<target>`) is a different complaint from the same words elsewhere.
    ...(liveTarget ? [liveTarget] : []),
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

/** What `normalisePhone` accepts, with the separators it drops (stated in the API document). */
export const CONTACT_PHONE_PATTERN = '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$';

/** Mainland mobile numbers, or a landline with area code (a complainant may not have a mobile). */
export function normalisePhone(raw: string): string | null {
  const phone = raw.replace(/[\s-]/g, '');
  if (/^1[3-9]\d{9}$/.test(phone)) return phone;
  if (/^0\d{2,3}\d{7,8}$/.test(phone)) return phone;
  return null;
}

/** Hotline numbers as published: short service numbers (12333), landlines, mobiles. */
export const HOTLINE_PATTERN = '^(1[0-9]{4}|0[0-9]{2,3}-?[0-9]{7,8}|1[3-9][0-9]{9}|400-?[0-9]{3}-?[0-9]{4})$';

export function isHotlineNumber(raw: string): boolean {
  return new RegExp(HOTLINE_PATTERN).test(raw.trim());
}

// ---------------------------------------------------------------- notices to the complainant

/** The step whose note explains a status to the complainant. */
const STEP_OF: Partial<Record<ComplaintStatus, ComplaintAction>> = {
  triaged: 'assign',
  investigating: 'investigate',
  replied: 'reply',
  closed: 'close',
  rejected: 'reject',
};

/**
 * The notice the complainant is owed for the status their complaint is in (the notice catalogue
 * words it), with the note of the latest step that led there; undefined for `submitted` (their own
 * act, confirmed on screen). Each status is reached at most once, so the catalogue names the notice
 * by (complaint, status) and a retried step is told once.
 */
export function complaintNoticeEvent(
  doc: { id: string; status: ComplaintStatus; categoryLabel: string; timeline: ReadonlyArray<{ action: ComplaintAction; note?: string }> },
): Extract<NoticeEvent, { type: 'complaint.progress' }> | undefined {
  const step = STEP_OF[doc.status];
  if (!step || doc.status === 'submitted') return undefined;
  const note = [...doc.timeline].reverse().find(e => e.action === step)?.note?.trim();
  return { type: 'complaint.progress', complaintId: doc.id, status: doc.status, categoryLabel: doc.categoryLabel, ...(note ? { note } : {}) };
}
