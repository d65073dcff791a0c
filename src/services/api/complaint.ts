import type { Page } from '@contract/common';
import type {
  ComplaintAssignInput,
  ComplaintDeadlineInput,
  ComplaintFreezeInput,
  ComplaintHandler,
  ComplaintHotline,
  ComplaintHotlineInput,
  ComplaintInput,
  ComplaintNoticeConfig,
  ComplaintQueueQuery,
  ComplaintStaffView,
  ComplaintView,
} from '@contract/complaint';
import type { DistrictCode } from '@contract/reference';
import { uploadFile } from '../files';
import { request } from '../http';

const one = (id: string) => encodeURIComponent(id);

/** A fresh idempotency key for one complaint form: every retry of that form sends the same key. */
export function newComplaintKey(): string {
  const random = Array.from({ length: 4 }, () => Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0')).join('');
  return `${Date.now().toString(16)}-${random}`;
}

export function submitComplaint(input: ComplaintInput): Promise<ComplaintView> {
  return request<ComplaintView>({ method: 'POST', path: '/complaints', data: input });
}

export function myComplaints(): Promise<ComplaintView[]> {
  return request<ComplaintView[]>({ path: '/complaints' });
}

export function myComplaint(id: string): Promise<ComplaintView> {
  return request<ComplaintView>({ path: `/complaints/${one(id)}` });
}

export function uploadEvidence(id: string, filePath: string, name: string): Promise<ComplaintView> {
  return uploadFile<ComplaintView>(`/complaints/${one(id)}/evidence`, filePath, name);
}

export function complaintHotlines(): Promise<ComplaintHotline[]> {
  return request<ComplaintHotline[]>({ path: '/complaint-hotlines' });
}

export function updateHotline(district: DistrictCode | 'city', input: ComplaintHotlineInput): Promise<ComplaintHotline> {
  return request<ComplaintHotline>({ method: 'PUT', path: `/staff/complaint-hotlines/${district}`, data: input });
}

// Staff

export function complaintQueue(query: ComplaintQueueQuery): Promise<Page<ComplaintStaffView>> {
  const { overdue, ...rest } = query;
  return request<Page<ComplaintStaffView>>({ path: '/staff/complaints', query: { ...rest, overdue: overdue ? 'true' : undefined } });
}

export function complaintDetail(id: string): Promise<ComplaintStaffView> {
  return request<ComplaintStaffView>({ path: `/staff/complaints/${one(id)}` });
}

export function complaintHandlers(district?: DistrictCode): Promise<ComplaintHandler[]> {
  return request<ComplaintHandler[]>({ path: '/staff/complaints/handlers', query: { district } });
}

export function revealComplainantPhone(id: string): Promise<{ phone: string }> {
  return request<{ phone: string }>({ method: 'POST', path: `/staff/complaints/${one(id)}/phone` });
}

const step = <B extends object>(id: string, action: string, data: B) =>
  request<ComplaintStaffView>({ method: 'POST', path: `/staff/complaints/${one(id)}/${action}`, data });

export const assignComplaint = (id: string, input: ComplaintAssignInput) => step(id, 'assign', input);
export const investigateComplaint = (id: string) => step(id, 'investigate', {});
export const setComplaintDeadline = (id: string, input: ComplaintDeadlineInput) => step(id, 'deadline', input);
export const replyComplaint = (id: string, reply: string) => step(id, 'reply', { reply });
export const closeComplaint = (id: string, note?: string) => step(id, 'close', { note });
export const rejectComplaint = (id: string, reason: string) => step(id, 'reject', { reason });
export const freezeTarget = (id: string, input: ComplaintFreezeInput) => step(id, 'freeze', input);
export const unfreezeTarget = (id: string, input: ComplaintFreezeInput) => step(id, 'unfreeze', input);

/** The subscribe template for complaint progress notices; empty when WeChat notices are off. */
export function complaintNoticeConfig(): Promise<ComplaintNoticeConfig> {
  return request<ComplaintNoticeConfig>({ path: '/complaint-notice' });
}
