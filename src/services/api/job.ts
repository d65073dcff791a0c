import type { Page } from '@contract/common';
import type { JobDetail, JobKind, JobSummary } from '@contract/job';
import type { DistrictCode } from '@contract/reference';
import { request } from '../http';

export interface JobQuery {
  kind?: JobKind;
  district?: DistrictCode;
  limit?: number;
  cursor?: string;
}

export function listJobs(query: JobQuery): Promise<Page<JobSummary>> {
  return request<Page<JobSummary>>({ path: '/jobs', query: { ...query } });
}

export function getJob(id: string): Promise<JobDetail> {
  return request<JobDetail>({ path: `/jobs/${encodeURIComponent(id)}` });
}
