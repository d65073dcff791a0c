import {
  EDITABLE_STATUSES,
  TRANSITIONS,
  type ActionNo,
  type AttachmentInput,
  type Audience,
  type ContentAttachment,
  type ContentInput,
  type ContentKind,
  type ContentStatus,
  type ContentTransition,
  type InstitutionType,
  type StaffContent,
} from '@contract/policy';
import type { Degree, DistrictCode } from '@contract/reference';
import { formatDate } from '@/utils/format';

/** Three-way choice of an optional boolean audience field. */
export type Either = 'any' | 'yes' | 'no';

/** The editor's state: text fields as typed, converted to a ContentInput on save. */
export interface ContentForm {
  kind: ContentKind;
  title: string;
  summary: string;
  body: string;
  action?: ActionNo;
  issuer: string;
  /** Tags separated by spaces, commas or 、. */
  tagsText: string;
  district?: DistrictCode;
  /** `YYYY-MM-DD` or ''. */
  effectiveFrom: string;
  expiresAt: string;
  /** Uploaded files (renamed or removed on save) and links. */
  attachments: ContentAttachment[];
  graduationYearsText: string;
  degrees: Degree[];
  inDalianCollege: Either;
  inProvinceOrigin: Either;
  doubleFirstClassOnly: boolean;
  hardshipOnly: boolean;
  audienceDistricts: DistrictCode[];
  majorKeywordsText: string;
  institutionType: InstitutionType;
  address: string;
  contact: string;
  phone: string;
  institutionDistrict?: DistrictCode;
  /** Decimal degrees as typed, '' when no map point. */
  lat: string;
  lng: string;
}

export interface FormError {
  /** A ContentInput path (`title`, `audience.graduationYears`…) or undefined for the whole form. */
  field?: string;
  message: string;
}

export function emptyForm(kind: ContentKind = 'policy'): ContentForm {
  return {
    kind,
    title: '',
    summary: '',
    body: '',
    issuer: '',
    tagsText: '',
    effectiveFrom: '',
    expiresAt: '',
    attachments: [],
    graduationYearsText: '',
    degrees: [],
    inDalianCollege: 'any',
    inProvinceOrigin: 'any',
    doubleFirstClassOnly: false,
    hardshipOnly: false,
    audienceDistricts: [],
    majorKeywordsText: '',
    institutionType: 'training',
    address: '',
    contact: '',
    phone: '',
    lat: '',
    lng: '',
  };
}

const eitherOf = (value: boolean | undefined): Either => (value === undefined ? 'any' : value ? 'yes' : 'no');
const boolOf = (value: Either): boolean | undefined => (value === 'any' ? undefined : value === 'yes');

export function formFromContent(item: StaffContent): ContentForm {
  const a = item.audience;
  const inst = item.institution;
  return {
    ...emptyForm(item.kind),
    title: item.title,
    summary: item.summary,
    body: item.body,
    action: item.action,
    issuer: item.issuer,
    tagsText: item.tags.join(' '),
    district: item.district,
    effectiveFrom: isoToDay(item.effectiveFrom),
    expiresAt: isoToDay(item.expiresAt),
    attachments: item.attachments,
    graduationYearsText: a.graduationYears.join(' '),
    degrees: a.degrees,
    inDalianCollege: eitherOf(a.inDalianCollege),
    inProvinceOrigin: eitherOf(a.inProvinceOrigin),
    doubleFirstClassOnly: a.doubleFirstClassOnly,
    hardshipOnly: a.hardshipOnly,
    audienceDistricts: a.districts,
    majorKeywordsText: a.majorKeywords.join(' '),
    ...(inst
      ? {
          institutionType: inst.type,
          address: inst.address,
          contact: inst.contact,
          phone: inst.phone,
          institutionDistrict: inst.district,
          lat: inst.location ? String(inst.location.lat) : '',
          lng: inst.location ? String(inst.location.lng) : '',
        }
      : {}),
  };
}

export function splitWords(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).map(w => w.trim()).filter(Boolean))];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day in Dalian (UTC+8) as the instant it starts. */
export function dayToIso(day: string): string | undefined {
  if (!DATE.test(day)) return undefined;
  const date = new Date(`${day}T00:00:00+08:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The Dalian calendar day of an instant, whatever the device's time zone. */
export function isoToDay(iso: string | undefined): string {
  return formatDate(iso);
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The body as HTML. Text typed without tags becomes paragraphs (blank line) and line breaks;
 * text with tags is sent as written (the server keeps only its allowed subset).
 */
export function bodyToHtml(body: string): string {
  const text = body.trim();
  if (!text || /<\/?[a-z][a-z0-9]*[\s>/]/i.test(text)) return text;
  return text
    .split(/\n\s*\n/)
    .map(p => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br/>')}</p>`)
    .join('');
}

export type BodyFormat = 'bold' | 'heading' | 'list' | 'paragraph';

/** Appends a formatting snippet at the end of the body (a textarea has no reliable selection in weapp). */
export function appendFormat(body: string, format: BodyFormat): string {
  const snippet = {
    bold: '<strong>加粗文字</strong>',
    heading: '<h3>小标题</h3>',
    list: '<ul><li>第一项</li><li>第二项</li></ul>',
    paragraph: '<p>段落内容</p>',
  }[format];
  const html = bodyToHtml(body);
  return html ? `${html}\n${snippet}` : snippet;
}

/** Checks what the server would refuse, with the same field paths, before sending. */
export function checkForm(form: ContentForm): FormError | undefined {
  const title = form.title.trim();
  if (title.length < 2 || title.length > 60) return { field: 'title', message: '标题需 2–60 个字' };
  if (form.summary.trim().length > 300) return { field: 'summary', message: '摘要最多 300 字' };
  if (form.issuer.trim().length > 60) return { field: 'issuer', message: '发文单位最多 60 字' };
  const tags = splitWords(form.tagsText);
  if (tags.length > 8 || tags.some(t => t.length > 12)) return { field: 'tags', message: '最多 8 个标签，每个不超过 12 字' };
  if (form.effectiveFrom && !dayToIso(form.effectiveFrom)) return { field: 'effectiveFrom', message: '日期格式为 2026-07-01' };
  if (form.expiresAt && !dayToIso(form.expiresAt)) return { field: 'expiresAt', message: '日期格式为 2026-12-31' };
  if (form.effectiveFrom && form.expiresAt && form.expiresAt <= form.effectiveFrom) return { field: 'expiresAt', message: '截止日期须晚于生效日期' };
  const years = splitWords(form.graduationYearsText);
  if (years.some(y => !/^\d{4}$/.test(y) || Number(y) < 2000 || Number(y) > 2100)) {
    return { field: 'audience.graduationYears', message: '毕业年份填四位数字，如 2025 2026' };
  }
  if (splitWords(form.majorKeywordsText).some(w => w.length > 20)) return { field: 'audience.majorKeywords', message: '专业关键词每个不超过 20 字' };
  const badName = form.attachments.findIndex(a => a.name.trim().length < 1 || a.name.trim().length > 60);
  if (badName >= 0) return { field: `attachments.${badName}.name`, message: '附件名称需 1–60 个字' };
  if (form.kind === 'institution') {
    if (form.address.trim().length < 2) return { field: 'institution.address', message: '请填写机构地址' };
    if (form.phone.trim() && !/^[0-9-]{7,20}$/.test(form.phone.trim())) return { field: 'institution.phone', message: '电话只能包含数字和“-”' };
    if (Boolean(form.lat.trim()) !== Boolean(form.lng.trim())) return { field: 'institution.location', message: '经度和纬度需同时填写' };
    if (form.lat.trim() && (!Number.isFinite(Number(form.lat)) || Math.abs(Number(form.lat)) > 90 || !Number.isFinite(Number(form.lng)) || Math.abs(Number(form.lng)) > 180)) {
      return { field: 'institution.location', message: '经纬度格式不正确' };
    }
  }
  return undefined;
}

export function inputFromForm(form: ContentForm): ContentInput {
  const audience: Audience = {
    graduationYears: splitWords(form.graduationYearsText).map(Number),
    degrees: form.degrees,
    doubleFirstClassOnly: form.doubleFirstClassOnly,
    hardshipOnly: form.hardshipOnly,
    districts: form.audienceDistricts,
    majorKeywords: splitWords(form.majorKeywordsText),
    ...(boolOf(form.inDalianCollege) === undefined ? {} : { inDalianCollege: boolOf(form.inDalianCollege) }),
    ...(boolOf(form.inProvinceOrigin) === undefined ? {} : { inProvinceOrigin: boolOf(form.inProvinceOrigin) }),
  };
  const effectiveFrom = dayToIso(form.effectiveFrom);
  const expiresAt = dayToIso(form.expiresAt);
  return {
    kind: form.kind,
    title: form.title.trim(),
    summary: form.summary.trim(),
    body: bodyToHtml(form.body),
    issuer: form.issuer.trim(),
    tags: splitWords(form.tagsText),
    attachments: form.attachments.map((a): AttachmentInput => (a.fileId ? { name: a.name.trim(), fileId: a.fileId } : { name: a.name.trim(), url: a.url })),
    audience,
    ...(form.action ? { action: form.action } : {}),
    ...(form.district ? { district: form.district } : {}),
    ...(effectiveFrom ? { effectiveFrom } : {}),
    ...(expiresAt ? { expiresAt } : {}),
    ...(form.kind === 'institution'
      ? {
          institution: {
            type: form.institutionType,
            address: form.address.trim(),
            contact: form.contact.trim(),
            phone: form.phone.trim(),
            ...(form.institutionDistrict ? { district: form.institutionDistrict } : {}),
            ...(form.lat.trim() && form.lng.trim() ? { location: { lat: Number(form.lat), lng: Number(form.lng) } } : {}),
          },
        }
      : {}),
  };
}

/** The workflow buttons a status offers, in the server's table order. */
export function allowedTransitions(status: ContentStatus): ContentTransition[] {
  return (Object.keys(TRANSITIONS) as ContentTransition[]).filter(t => TRANSITIONS[t].from.includes(status));
}

export function canEdit(status: ContentStatus | undefined): boolean {
  return status === undefined || EDITABLE_STATUSES.includes(status);
}

/**
 * The editor's attachment list after an upload: the form's own entries (with names being edited,
 * removals not yet saved) plus the files the upload added (in `after`, not in `before`).
 */
export function withUploaded(form: ContentAttachment[], before: ContentAttachment[], after: ContentAttachment[]): ContentAttachment[] {
  const known = new Set([...form, ...before].map(a => a.fileId).filter(Boolean));
  return [...form, ...after.filter(a => a.fileId && !known.has(a.fileId))];
}
