import type { Page } from '@contract/common';
import type { EnterpriseDecision, EnterpriseStatus, EnterpriseView, JobDetail, JobKind, JobSort, JobSummary, MyApplication, RecruiterJob } from '@contract/job';
import type { Degree, DistrictCode } from '@contract/reference';
import type { SlowEnterprise } from '@contract/responsiveness';
import { uploadFile } from '../files';
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

/** Where an application came from when it came from a live session (the server confirms it). */
export interface LiveApplySource {
  liveSessionId: string;
  via: 'replay' | 'live-job-page';
}

/** Applies with the student's profile and, when picked, a résumé PDF (checked by content on the server). */
export function applyJob(id: string, resume?: { path: string; name: string }, source?: LiveApplySource): Promise<MyApplication> {
  const query = source ? `?liveSessionId=${encodeURIComponent(source.liveSessionId)}&via=${source.via}` : '';
  const path = `/jobs/${encodeURIComponent(id)}/applications${query}`;
  if (resume) return uploadFile<MyApplication>(path, resume.path, resume.name);
  return request<MyApplication>({ method: 'POST', path, data: {} });
}

export function reportJob(id: string, reason: string): Promise<{ frozen: boolean }> {
  return request<{ frozen: boolean }>({ method: 'POST', path: `/jobs/${encodeURIComponent(id)}/reports`, data: { reason } });
}

export function myApplications(query: { cursor?: string; limit?: number }): Promise<Page<MyApplication>> {
  return request<Page<MyApplication>>({ path: '/me/applications', query: { ...query } });
}

// Staff: enterprise verification and reported jobs

export function enterprisesForReview(query: { status?: EnterpriseStatus; cursor?: string; limit?: number }): Promise<Page<EnterpriseView>> {
  return request<Page<EnterpriseView>>({ path: '/staff/enterprises', query: { ...query } });
}

export function decideEnterprise(id: string, decision: EnterpriseDecision): Promise<EnterpriseView> {
  return request<EnterpriseView>({ method: 'PUT', path: `/staff/enterprises/${encodeURIComponent(id)}/decision`, data: decision });
}

/** Path of an enterprise's licence image, for downloadProtected. */
export function licencePath(id: string): string {
  return `/staff/enterprises/${encodeURIComponent(id)}/licence`;
}

export function reportedJobs(cursor?: string): Promise<Page<RecruiterJob>> {
  return request<Page<RecruiterJob>>({ path: '/staff/jobs/reported', query: { limit: 20, cursor } });
}

export function slowEnterprises(limit = 50): Promise<SlowEnterprise[]> {
  return request<SlowEnterprise[]>({ path: '/staff/jobs/slow-enterprises', query: { limit } });
}

export function takeDownJob(id: string, reason: string): Promise<RecruiterJob> {
  return request<RecruiterJob>({ method: 'POST', path: `/staff/jobs/${encodeURIComponent(id)}/take-down`, data: { reason } });
}

export function restoreJob(id: string, reason: string): Promise<RecruiterJob> {
  return request<RecruiterJob>({ method: 'POST', path: `/staff/jobs/${encodeURIComponent(id)}/restore`, data: { reason } });
}
