import {
  COMPLAINT_ACTION_LABELS,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_STATUS_LABELS,
  type ComplaintHotline,
  type ComplaintStaffView,
  type ComplaintView,
} from '../../contract/complaint';
import type { DistrictCode } from '../../contract/reference';
import type { ComplaintDoc, HotlineDoc } from './complaint.model';
import { districtName, isOverdue, OPEN_STATUSES, staffActions } from './complaint.rules';

export const EVIDENCE_CONTENT_TYPES = { pdf: 'application/pdf', png: 'image/png', jpeg: 'image/jpeg' } as const;

/** A complaint as its complainant sees it. */
export function toView(doc: ComplaintDoc, now: Date): ComplaintView {
  const id = doc._id.toHexString();
  return {
    id,
    category: doc.category,
    categoryLabel: COMPLAINT_CATEGORY_LABELS[doc.category],
    status: doc.status,
    statusLabel: COMPLAINT_STATUS_LABELS[doc.status],
    job: doc.jobId ? { id: doc.jobId.toHexString(), title: doc.jobTitle ?? '' } : undefined,
    enterprise: doc.enterpriseId ? { id: doc.enterpriseId.toHexString(), name: doc.enterpriseName ?? '' } : undefined,
    partyName: doc.partyName || undefined,
    district: doc.district as DistrictCode,
    description: doc.description,
    phone: doc.phoneMasked,
    evidence: doc.evidence.map(e => ({
      id: e.id,
      type: e.type,
      size: e.size,
      url: `/api/complaint-evidence/${id}/${e.id}`,
      uploadedAt: e.uploadedAt.toISOString(),
    })),
    reply: doc.reply,
    rejectReason: doc.rejectReason,
    dueAt: OPEN_STATUSES.includes(doc.status) ? doc.dueAt?.toISOString() : undefined,
    overdue: isOverdue(doc.status, doc.dueAt, now),
    timeline: doc.timeline.map(e => ({
      at: e.at.toISOString(),
      action: e.action,
      label: COMPLAINT_ACTION_LABELS[e.action],
      actorRole: e.actorRole,
      note: e.note,
    })),
    ...(doc.live ? { live: { ...doc.live, sessionId: doc.live.sessionId.toHexString(), shownAt: doc.live.shownAt.toISOString() } } : {}),
    submittedAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** A complaint as staff see it: who has it, its holds, and the actions on offer. */
export function toStaffView(doc: ComplaintDoc, now: Date): ComplaintStaffView {
  return {
    ...toView(doc, now),
    complainantName: doc.complainantName,
    handler: doc.handlerId
      ? { id: doc.handlerId.toHexString(), name: doc.handlerName ?? '', role: doc.handlerRole ?? 'district', districtCode: doc.handlerDistrict as DistrictCode | undefined }
      : undefined,
    jobFrozen: doc.jobFrozen,
    enterpriseFrozen: doc.enterpriseFrozen,
    actions: staffActions(doc),
  };
}

export function toHotline(doc: HotlineDoc): ComplaintHotline {
  return {
    district: doc.district as DistrictCode | 'city',
    districtName: districtName(doc.district),
    name: doc.name,
    phone: doc.phone,
    hours: doc.hours,
    example: doc.example,
    updatedAt: doc.updatedAt.toISOString(),
  };
}
