import type { JobSummary } from '@contract/job';
import type { DistrictCode } from '@contract/reference';
import type {
  Caseworker,
  StaffRegisterRequest,
  StaffRegisterResult,
  SupportCaseView,
  SupportNoticeConfig,
  SupportRates,
  SupportRegisterRequest,
  SupportServiceKind,
} from '@contract/support';
import { request } from '../http';

// Student

export function registerUnemployed(input: SupportRegisterRequest): Promise<SupportCaseView> {
  return request<SupportCaseView>({ method: 'POST', path: '/support/register', data: input });
}

export function mySupportCase(): Promise<{ case?: SupportCaseView }> {
  return request<{ case?: SupportCaseView }>({ path: '/support/mine' });
}

// District staff

export interface CaseQuery {
  overdue?: boolean;
  mine?: boolean;
  districtCode?: DistrictCode;
}

export function supportCases(query: CaseQuery): Promise<SupportCaseView[]> {
  return request<SupportCaseView[]>({ path: '/staff/support/cases', query: { ...query } });
}

export function supportRates(districtCode?: DistrictCode): Promise<SupportRates> {
  return request<SupportRates>({ path: '/staff/support/rates', query: { districtCode } });
}

export function supportCase(id: string): Promise<SupportCaseView> {
  return request<SupportCaseView>({ path: `/staff/support/cases/${encodeURIComponent(id)}` });
}

export function caseMatches(id: string, limit = 30): Promise<JobSummary[]> {
  return request<JobSummary[]>({ path: `/staff/support/cases/${encodeURIComponent(id)}/matches`, query: { limit } });
}

export function claimCase(id: string): Promise<SupportCaseView> {
  return request<SupportCaseView>({ method: 'POST', path: `/staff/support/cases/${encodeURIComponent(id)}/claim` });
}

export function saveCasePlan(id: string, plan: string): Promise<SupportCaseView> {
  return request<SupportCaseView>({ method: 'PUT', path: `/staff/support/cases/${encodeURIComponent(id)}/plan`, data: { plan } });
}

export function recordCaseService(id: string, kind: SupportServiceKind, note: string): Promise<SupportCaseView> {
  return request<SupportCaseView>({ method: 'POST', path: `/staff/support/cases/${encodeURIComponent(id)}/services`, data: { kind, note } });
}

export function recommendJobs(id: string, jobIds: string[]): Promise<SupportCaseView> {
  return request<SupportCaseView>({ method: 'POST', path: `/staff/support/cases/${encodeURIComponent(id)}/recommendations`, data: { jobIds } });
}

/** Registers an unemployed leaver found in (or added to) the registry; an existing case comes back unchanged. */
export function registerLeaver(input: StaffRegisterRequest): Promise<StaffRegisterResult> {
  return request<StaffRegisterResult>({ method: 'POST', path: '/staff/support/cases', data: input });
}

export function caseworkers(districtCode?: DistrictCode): Promise<Caseworker[]> {
  return request<Caseworker[]>({ path: '/staff/support/caseworkers', query: { districtCode } });
}

export function supportNoticeConfig(): Promise<SupportNoticeConfig> {
  return request<SupportNoticeConfig>({ path: '/support/notice' });
}
