import type { Degree, DistrictCode } from './reference';

/** 政策清单 / 服务清单 / 机构清单 (action 4). */
export const CONTENT_KINDS = ['policy', 'service', 'institution'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];
export const CONTENT_KIND_LABELS: Record<ContentKind, string> = {
  policy: '政策',
  service: '服务',
  institution: '机构',
};

/** The plan's ten actions, numbered as in the plan. */
export const ACTIONS = [
  { no: 1, name: '精准就业服务行动' },
  { no: 2, name: '就业能力提升行动' },
  { no: 3, name: '扩岗增容推进行动' },
  { no: 4, name: '市情政策宣传行动' },
  { no: 5, name: '创业创新扶持行动' },
  { no: 6, name: '入连引才聚才行动' },
  { no: 7, name: '特殊群体帮扶行动' },
  { no: 8, name: '就业权益保护行动' },
  { no: 9, name: '实习促进就业行动' },
  { no: 10, name: '就业典型引领行动' },
] as const;
export type ActionNo = (typeof ACTIONS)[number]['no'];

export const INSTITUTION_TYPES = ['training', 'incubator', 'hr-service', 'public-employment'] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];
export const INSTITUTION_TYPE_LABELS: Record<InstitutionType, string> = {
  training: '定点培训机构',
  incubator: '孵化器/众创空间',
  'hr-service': '人力资源服务机构',
  'public-employment': '公共就业服务机构',
};

export const CONTENT_STATUSES = ['draft', 'review', 'published', 'unpublished', 'archived'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

/** Who a policy is for; empty lists mean "anyone". */
export interface Audience {
  graduationYears: number[];
  degrees: Degree[];
  /** true: only graduates of Dalian colleges; false: only from elsewhere; undefined: both. */
  inDalianCollege?: boolean;
  /** true: only in-province origin; false: only out-of-province; undefined: both. */
  inProvinceOrigin?: boolean;
  doubleFirstClassOnly: boolean;
  hardshipOnly: boolean;
  districts: DistrictCode[];
  majorKeywords: string[];
}

export interface InstitutionInfo {
  type: InstitutionType;
  address: string;
  contact: string;
  phone: string;
  district?: DistrictCode;
  location?: { lat: number; lng: number };
}

export interface ContentSummary {
  id: string;
  kind: ContentKind;
  title: string;
  summary: string;
  action?: ActionNo;
  issuer: string;
  tags: string[];
  district?: DistrictCode;
  publishedAt?: string;
  effectiveFrom?: string;
  expiresAt?: string;
  institution?: InstitutionInfo;
  /** Search hits only: the summary with matches wrapped in 【】. */
  highlight?: string;
}

/** Files staff may attach, recognised by their content (not by name or MIME type). */
export const ATTACHMENT_TYPES = ['pdf', 'png', 'jpeg', 'doc', 'docx', 'xls', 'xlsx'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const ATTACHMENT_CONTENT_TYPES: Record<AttachmentType, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
/** File name extensions the pickers offer (a JPEG may be named .jpg). */
export const ATTACHMENT_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'doc', 'docx', 'xls', 'xlsx'] as const;

/**
 * An attachment as shown: an uploaded file (`fileId`, served at `url` under /api) or a link
 * to another site (`url` only).
 */
export interface ContentAttachment {
  name: string;
  url: string;
  fileId?: string;
  type?: AttachmentType;
  /** Bytes. */
  size?: number;
}

/** An attachment in an edit: an uploaded file by `fileId` (renamed with `name`), or a link. */
export interface AttachmentInput {
  name: string;
  fileId?: string;
  url?: string;
}

export interface ContentDetail extends ContentSummary {
  /** Sanitised rich text (HTML subset). */
  body: string;
  attachments: ContentAttachment[];
  audience: Audience;
}

export const CONTENT_STATUS_LABELS: Record<ContentStatus, string> = {
  draft: '草稿',
  review: '待发布',
  published: '已发布',
  unpublished: '已下线',
  archived: '已归档',
};

export const CONTENT_TRANSITIONS = ['submit', 'publish', 'unpublish', 'archive'] as const;
export type ContentTransition = (typeof CONTENT_TRANSITIONS)[number];
export const CONTENT_TRANSITION_LABELS: Record<ContentTransition, string> = {
  submit: '提交审核',
  publish: '发布',
  unpublish: '下线',
  archive: '归档',
};

/** From which statuses each transition may start, and where it leads. */
export const TRANSITIONS: Record<ContentTransition, { from: readonly ContentStatus[]; to: ContentStatus }> = {
  submit: { from: ['draft'], to: 'review' },
  publish: { from: ['review', 'unpublished'], to: 'published' },
  unpublish: { from: ['published'], to: 'unpublished' },
  archive: { from: ['draft', 'review', 'unpublished'], to: 'archived' },
};

/** Statuses in which the text may still be edited (a published entry is unpublished first). */
export const EDITABLE_STATUSES: readonly ContentStatus[] = ['draft', 'review', 'unpublished'];

/** What staff send to create an entry or replace its text. */
export interface ContentInput {
  kind: ContentKind;
  title: string;
  summary: string;
  body: string;
  action?: ActionNo;
  issuer: string;
  tags: string[];
  district?: DistrictCode;
  /** ISO dates. */
  effectiveFrom?: string;
  expiresAt?: string;
  attachments: AttachmentInput[];
  audience: Audience;
  institution?: InstitutionInfo;
}

/** A staff view of an entry: everything, with workflow fields. */
export interface StaffContent extends ContentDetail {
  status: ContentStatus;
  /** Sent back with every change: a stale version is refused (CONTENT_STALE). */
  version: number;
  updatedAt: string;
  /** 下架原因: why it was last unpublished or archived (cleared when published again). */
  statusReason?: string;
}

/** Transitions that take an entry away from students: they need a reason (1–200 characters). */
export const REASON_TRANSITIONS: readonly ContentTransition[] = ['unpublish', 'archive'];
export const REASON_MAX_LENGTH = 200;

export interface ContentVersionView {
  version: number;
  title: string;
  publishedAt: string;
  publishedBy: string;
}
