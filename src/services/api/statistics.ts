import type { Dashboard } from '@contract/statistics';
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
