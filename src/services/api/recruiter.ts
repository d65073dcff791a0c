import type { Page } from '@contract/common';
import type { Applicant, ApplicationMove, EnterpriseInput, EnterpriseView, FairBoothView, JobDraft, RecruiterJob } from '@contract/job';
import { uploadFile } from '../files';
import { saveDownload } from '../save-file';
import { request } from '../http';

const id = (value: string) => encodeURIComponent(value);

export function myEnterprise(): Promise<EnterpriseView> {
  return request<EnterpriseView>({ path: '/recruiter/enterprise' });
}

/** Registers the caller's enterprise, or resubmits it after a rejection. */
export function registerEnterprise(input: EnterpriseInput): Promise<EnterpriseView> {
  return request<EnterpriseView>({ method: 'POST', path: '/recruiter/enterprise', data: input });
}

export function uploadLicence(filePath: string, name: string): Promise<EnterpriseView> {
  return uploadFile<EnterpriseView>('/recruiter/enterprise/licence', filePath, name);
}

/** Adds a colleague's recruiter account (by user ID) to the caller's enterprise. */
export function addRecruiter(userId: string): Promise<EnterpriseView> {
  return request<EnterpriseView>({ method: 'POST', path: '/recruiter/enterprise/recruiters', data: { userId } });
}

export function myJobs(query: { cursor?: string; limit?: number }): Promise<Page<RecruiterJob>> {
  return request<Page<RecruiterJob>>({ path: '/recruiter/jobs', query: { ...query } });
}

export function myJob(jobId: string): Promise<RecruiterJob> {
  return request<RecruiterJob>({ path: `/recruiter/jobs/${id(jobId)}` });
}

export function publishJob(input: JobDraft): Promise<RecruiterJob> {
  return request<RecruiterJob>({ method: 'POST', path: '/recruiter/jobs', data: input });
}

export function updateJob(jobId: string, input: JobDraft): Promise<RecruiterJob> {
  return request<RecruiterJob>({ method: 'PUT', path: `/recruiter/jobs/${id(jobId)}`, data: input });
}

export function closeJob(jobId: string): Promise<RecruiterJob> {
  return request<RecruiterJob>({ method: 'POST', path: `/recruiter/jobs/${id(jobId)}/close`, data: {} });
}

export function applicants(jobId: string, query: { cursor?: string; limit?: number }): Promise<Page<Applicant>> {
  return request<Page<Applicant>>({ path: `/recruiter/jobs/${id(jobId)}/applications`, query: { ...query } });
}

export function moveApplication(applicationId: string, move: ApplicationMove): Promise<Applicant> {
  return request<Applicant>({ method: 'PUT', path: `/recruiter/applications/${id(applicationId)}/status`, data: move });
}

/** The résumé, saved as `简历-<name>-<job title>.pdf` (the name the server gives it too). */
export function openResume(applicant: Pick<Applicant, 'id' | 'jobTitle' | 'profile'>): Promise<void> {
  return saveDownload(`/recruiter/applications/${id(applicant.id)}/resume`, `简历-${applicant.profile.name}-${applicant.jobTitle}.pdf`, 'pdf');
}

export function bookBooth(fairId: string, jobIds: string[]): Promise<FairBoothView> {
  return request<FairBoothView>({ method: 'POST', path: `/fairs/${id(fairId)}/booths`, data: { jobIds } });
}
