import type { Page } from '@contract/common';
import type { AbnormalEntry, AbnormalEntryInput, RealNameInput, RealNameStatus } from '@contract/job';
import { request } from '../http';

/** The recruiter's real-name check: state, masked name and ID, until when. */
export function myRealName(): Promise<RealNameStatus> {
  return request<RealNameStatus>({ path: '/recruiter/enterprise/real-name' });
}

/** Verifies or renews (the ID travels in the body, never in a URL). */
export function verifyRealName(input: RealNameInput): Promise<RealNameStatus> {
  return request<RealNameStatus>({ method: 'POST', path: '/recruiter/enterprise/real-name', data: input });
}

// Staff: 异常名录

export function abnormalList(query: { cursor?: string; limit?: number }): Promise<Page<AbnormalEntry>> {
  return request<Page<AbnormalEntry>>({ path: '/staff/abnormal-list', query: { ...query } });
}

export function addAbnormalEntry(input: AbnormalEntryInput): Promise<AbnormalEntry> {
  return request<AbnormalEntry>({ method: 'POST', path: '/staff/abnormal-list', data: input });
}

export function removeAbnormalEntry(id: string, reason: string): Promise<AbnormalEntry> {
  return request<AbnormalEntry>({ method: 'POST', path: `/staff/abnormal-list/${encodeURIComponent(id)}/remove`, data: { reason } });
}
