import type { Page } from '@contract/common';
import type { JobDetail, JobKind, JobSort, JobSummary, MyApplication } from '@contract/job';
import type { Degree, DistrictCode } from '@contract/reference';
import { request } from '../http';

export interface JobQuery {
  kind?: JobKind;
  district?: DistrictCode;
  industry?: string;
  education?: Degree;
  salaryMin?: number;
  major?: string;
  /** Keyword, matched against title, enterprise, tags and majors. */
  q?: string;
  sort?: JobSort;
  limit?: number;
  cursor?: string;
}

export function listJobs(query: JobQuery): Promise<Page<JobSummary>> {
  return request<Page<JobSummary>>({ path: '/jobs', query: { ...query } });
}

/** "Recommended for me": best match first, each with its reasons. Needs a signed-in student. */
export function recommendedJobs(query: JobQuery): Promise<Page<JobSummary>> {
  return request<Page<JobSummary>>({ path: '/jobs/recommended', query: { ...query } });
}

export function getJob(id: string): Promise<JobDetail> {
  return request<JobDetail>({ path: `/jobs/${encodeURIComponent(id)}` });
}

/** Applies with the student's profile (a résumé PDF can be attached on the web upload form). */
export function applyJob(id: string): Promise<MyApplication> {
  return request<MyApplication>({ method: 'POST', path: `/jobs/${encodeURIComponent(id)}/applications`, data: {} });
}

export function reportJob(id: string, reason: string): Promise<{ frozen: boolean }> {
  return request<{ frozen: boolean }>({ method: 'POST', path: `/jobs/${encodeURIComponent(id)}/reports`, data: { reason } });
}

export function myApplications(query: { cursor?: string; limit?: number }): Promise<Page<MyApplication>> {
  return request<Page<MyApplication>>({ path: '/me/applications', query: { ...query } });
}
