import type { Dashboard, YearTargets, YearTargetsInput } from '@contract/statistics';
import { request } from '../http';
import { queryString } from '@/utils/query';

export interface DashboardQuery {
  year?: number;
  collegeId?: string;
  districtCode?: string;
}

export function dashboard(query: DashboardQuery): Promise<Dashboard> {
  return request<Dashboard>({ path: '/staff/statistics/dashboard', query: { ...query } });
}

/** Path of the 调度会 workbook for the same scope and year. */
export function dashboardExportPath(query: DashboardQuery): string {
  const search = queryString({ ...query });
  return `/api/staff/statistics/dashboard.xlsx${search ? `?${search}` : ''}`;
}

/** Every year that has targets, newest first. */
export function targetYears(): Promise<YearTargets[]> {
  return request<YearTargets[]>({ path: '/staff/statistics/targets' });
}

/** The year's targets; an ApiError NOT_FOUND when none are set. */
export function yearTargets(year: number): Promise<YearTargets> {
  return request<YearTargets>({ path: `/staff/statistics/targets/${year}` });
}

export function saveYearTargets(year: number, input: YearTargetsInput): Promise<YearTargets> {
  return request<YearTargets>({ method: 'PUT', path: `/staff/statistics/targets/${year}`, data: input });
}
