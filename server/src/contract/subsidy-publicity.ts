import type { ComplaintEvidenceType } from './complaint';

/**
 * 公示: before a payment batch is paid, its applications are published for a number of working days
 * (masked names and ID numbers, program, amount); anyone logged in may object to one of them while
 * the notice runs. An objection holds that application out of the payment until the bureau decides.
 */

/** Until the bureau sets its own (on 办理时限与发放日程): 5 working days, the usual 公示期 of 人社 subsidy notices. */
export const DEFAULT_PUBLICITY_WORKING_DAYS = 5;
export const PUBLICITY_WORKING_DAYS_MAX = 30;

export const OBJECTION_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, string> = {
  open: '核实中（该申请暂缓发放）',
  upheld: '异议成立（不予发放）',
  dismissed: '异议不成立（恢复发放）',
};

export const OBJECTION_DECISIONS = ['uphold', 'dismiss'] as const;
export type ObjectionDecision = (typeof OBJECTION_DECISIONS)[number];

/** One application as the public notice shows it. */
export interface PublicityEntry {
  applicationId: string;
  /** 张*明; an enterprise's name is shown whole. */
  name: string;
  /** First 4 and last 4 characters of the ID number or credit code. */
  idNumber: string;
  programName: string;
  amount: number;
  /** 就业地区 (or the enterprise's district), when known. */
  district?: string;
  /** An objection holds it out of the payment until the bureau decides. */
  held: boolean;
}

/** Largest page of a notice's entries: a notice may list thousands of people. */
export const PUBLICITY_ENTRIES_PAGE_MAX = 50;

/** How many a notice lists: the lines still waiting for payment, and those of them an objection holds. */
export interface PublicityCounts {
  total: number;
  held: number;
}

/** One page of a notice's entries, in the batch's line order; `name` finds one's own line (the full name, exact). */
export interface PublicityEntryQuery {
  cursor?: string;
  limit?: number;
  /** The full name as applied (matched exactly after trimming; the answer stays masked). */
  name?: string;
  /** One program of the notice (its name, as `programs` lists it). */
  program?: string;
}

/** A batch's notice as anyone logged in sees it: its summary and counts; the entries come a page at a time. */
export interface PublicityNoticeView {
  /** The payment batch's id. */
  id: string;
  reference: string;
  startsAt: string;
  /** The moment objections close (start of the day after the last working day). */
  endsAt: string;
  /** The last day of the notice (`YYYY-MM-DD`). */
  lastDay: string;
  workingDays: number;
  open: boolean;
  counts: PublicityCounts;
  /** The programs its entries belong to, in the batch's line order of first appearance. */
  programs: string[];
}

/** A batch's notice state, on the bureau's batch view. */
export interface BatchPublicity {
  startsAt: string;
  endsAt: string;
  lastDay: string;
  workingDays: number;
  running: boolean;
  openObjections: number;
}

export interface ObjectionInput {
  applicationId: string;
  /** What the objector knows (the application is not true because…). */
  reason: string;
  /** Contact phone for the bureau; sealed, shown masked. */
  phone: string;
}

/** An objection as its objector sees it. */
export interface ObjectionView {
  id: string;
  noticeId: string;
  applicationId: string;
  /** The entry objected to, as the notice showed it. */
  entry: { name: string; programName: string; amount: number };
  /** The complaint (公示异议) that carries the reason and evidence. */
  complaintId: string;
  status: ObjectionStatus;
  statusLabel: string;
  evidenceCount: number;
  decisionReason?: string;
  decidedAt?: string;
  createdAt: string;
}

/** An objection as the bureau decides it. */
export interface ObjectionStaffView extends ObjectionView {
  objectorName: string;
  reason: string;
  phone: string;
  evidence: Array<{ id: string; type: ComplaintEvidenceType; url: string }>;
  /** The applicant in full (staff only). */
  applicantName: string;
}

export interface StaffNoticeView extends PublicityNoticeView {
  objections: ObjectionStaffView[];
}

export interface ObjectionDecisionInput {
  decision: ObjectionDecision;
  reason: string;
}
