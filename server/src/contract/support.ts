import type { DistrictCode } from './reference';
import type { GraduateRecordInput, GraduateRecordView } from './registry';

/** Services of the "1311" package other than the recommendation rounds, plus logged follow-up visits. */
export const SUPPORT_SERVICE_KINDS = ['training', 'trainee', 'guidance', 'visit'] as const;
export type SupportServiceKind = (typeof SUPPORT_SERVICE_KINDS)[number];

export const SUPPORT_SERVICE_LABELS: Record<SupportServiceKind, string> = {
  training: '职业培训',
  trainee: '就业见习',
  guidance: '职业指导',
  visit: '跟踪回访',
};

export type OverdueReason = 'no-caseworker' | 'follow-up' | 'recommendation';

export const OVERDUE_LABELS: Record<OverdueReason, string> = {
  'no-caseworker': '超过3天未分配责任人',
  'follow-up': '超过30天未回访',
  recommendation: '推荐岗位轮次逾期',
};

export interface Progress1311 {
  training: boolean;
  recommendationRounds: number;
  jobsRecommended: number;
  trainee: boolean;
  guidance: boolean;
  /** 1 training + 3 rounds totalling ≥10 jobs + 1 traineeship + 1 guidance session. */
  complete: boolean;
  lastFollowUpAt?: string;
}

export interface RecommendedJob {
  id: string;
  title: string;
  enterpriseName: string;
}

export interface SupportCaseView {
  id: string;
  name: string;
  districtCode: DistrictCode;
  registeredBy: 'self' | 'staff';
  /** The student's account, when the case belongs to one (they see it and can apply). */
  linked: boolean;
  caseworkerId?: string;
  /** 就业意向, as registered. */
  intention: string;
  /** 一人一策. */
  plan: string;
  services: Array<{ kind: SupportServiceKind; note: string; at: string }>;
  rounds: Array<{ at: string; jobs: RecommendedJob[] }>;
  progress: Progress1311;
  overdue: OverdueReason[];
  createdAt: string;
}

export interface SupportRegisterRequest {
  districtCode: DistrictCode;
  intention?: string;
}

export interface SupportRates {
  districtCode?: DistrictCode;
  cases: number;
  followedUp: number;
  served: number;
  /** 0–1; target 1 (100%). null with no cases. */
  followUpRate: number | null;
  serviceRate: number | null;
  overdue: number;
}

/**
 * District staff (or the bureau) register an unemployed leaver: a registry record found by search
 * (`graduateId`) or written now (`record`), marked 暂未就业 since a date, with a caseworker.
 * Registering the same person again answers the case already open.
 */
export interface StaffRegisterRequest {
  graduateId?: string;
  record?: GraduateRecordInput;
  /** YYYY-MM-DD: 暂未就业 since; not after today, not before the graduation year. */
  unemployedSince: string;
  /** Required for the bureau; district staff register into their own district. */
  districtCode?: DistrictCode;
  /** District staff of that district; district staff default to themselves. */
  caseworkerId?: string;
  intention?: string;
}

export interface StaffRegisterResult {
  /** false: the person already had a case, which is answered unchanged. */
  created: boolean;
  case: SupportCaseView;
  graduate: GraduateRecordView;
}

/** A district staff member who can be a case's caseworker. */
export interface Caseworker {
  id: string;
  name: string;
  districtCode: DistrictCode;
}

/** The subscribe-message template of 1311 notices (empty when WeChat sending is off). */
export interface SupportNoticeConfig {
  templateId?: string;
}
