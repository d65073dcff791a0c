import type { DestinationKind } from './registry';
import { beijingDay } from './time';

export type DashboardScopeKind = 'city' | 'college' | 'district';

export interface TargetProgress {
  key: string;
  label: string;
  /** null when the platform does not record this yet (see `note`). */
  actual: number | null;
  target: number;
  stretch?: number;
  unit: 'people' | 'percent';
  /** actual / target, 0–1+; null when actual is null. */
  progress: number | null;
  note?: string;
}

export interface BreakdownRow {
  key: string;
  label: string;
  graduates: number;
  stayed: number;
}

export interface ServicesDelivered {
  contentsPublished: number;
  jobsPublished: number;
  /** Job fairs held or announced (not cancelled). */
  fairs: number;
  /** Live hiring sessions approved (scheduled, live, ended or on replay). */
  liveSessions: number;
  traineePosts: number;
  applications: number;
  subsidiesApproved: number;
  subsidiesPaid: number;
}

export interface Dashboard {
  year: number;
  scope: { kind: DashboardScopeKind; collegeId?: string; districtCode?: string };
  /** The year's targets as the bureau set them; null when none are set (then `targets` is empty). */
  plan: { source: string; version: number; updatedAt: string } | null;
  computedAt: string;
  /** Figures may be this many seconds old (served from cache). */
  freshnessSeconds: number;
  targets: TargetProgress[];
  byCollege: BreakdownRow[];
  byDistrict: BreakdownRow[];
  byOrigin: BreakdownRow[];
  byDestination: Array<BreakdownRow & { key: DestinationKind | 'none' }>;
  byDoubleFirstClass: BreakdownRow[];
  retention: { graduates: number; stayed: number; rate: number | null };
  services: ServicesDelivered;
  /** How each figure is counted, in Chinese, for the 调度会. */
  definitions: string[];
}

/** The plan's target rows, in the order the dashboard and the bureau's editor list them. */
export const TARGET_KEYS = [
  'stayed',
  'fromDalianColleges',
  'fromElsewhere',
  'fromElsewhereInProvince',
  'fromElsewhereOutOfProvince',
  'marketJob',
  'furtherStudy',
  'communityWorker',
  'publicSector',
  'grassroots',
  'doubleFirstClass',
  'retentionRate',
  'skillsTraining',
  'traineePosts',
  'followUpRate',
] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

export const TARGET_LABELS: Record<TargetKey, string> = {
  stayed: '留连来连毕业生',
  fromDalianColleges: '其中：在连高校',
  fromElsewhere: '其中：外地高校',
  fromElsewhereInProvince: '外地高校：省内',
  fromElsewhereOutOfProvince: '外地高校：省外',
  marketJob: '市场化就业',
  furtherStudy: '在连升学',
  communityWorker: '社区工作者',
  publicSector: '机关事业单位招聘',
  grassroots: '基层服务岗位',
  doubleFirstClass: '引进“双一流”高校毕业生',
  retentionRate: '在连高校毕业生留连率',
  skillsTraining: '技能培训',
  traineePosts: '就业见习岗位',
  followUpRate: '离校未就业毕业生跟踪服务率',
};

/** Percent targets are stored as fractions (0.42 for 42%); the rest are head counts. */
export const PERCENT_TARGETS: readonly TargetKey[] = ['retentionRate', 'followUpRate'];

/** One figure of a year's plan: the target and, where the plan names one, the 力争 figure. */
export interface TargetFigure {
  target: number;
  stretch?: number;
}

/** A year's targets as the bureau set them; a key the year's plan does not name is absent. */
export type TargetFigures = Partial<Record<TargetKey, TargetFigure>>;

export interface YearTargets {
  year: number;
  figures: TargetFigures;
  /** Where the figures come from, e.g. the plan's document number. */
  source: string;
  /** Raised by every change; a save names the version it edited. */
  version: number;
  updatedAt: string;
}

export interface YearTargetsInput {
  figures: TargetFigures;
  source: string;
  /** The version the editor started from; 0 for a year that has no targets yet. */
  version: number;
  reason: string;
}

/** The 调度会 report's name: `留连来连工作进度-2026年-导出于2026-12-07.xlsx` (the plan year and the Beijing day it was taken). */
export function dashboardFileName(year: number | undefined, now: Date): string {
  const today = beijingDay(now);
  return `留连来连工作进度-${year ?? Number(today.slice(0, 4))}年-导出于${today}.xlsx`;
}
