import type { DestinationKind } from './registry';

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
