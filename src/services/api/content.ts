import type { Page } from '@contract/common';
import type {
  ActionNo,
  ContentDetail,
  ContentInput,
  ContentKind,
  ContentStatus,
  ContentSummary,
  ContentTransition,
  ContentVersionView,
  StaffContent,
} from '@contract/policy';
import type { DistrictCode } from '@contract/reference';
import { uploadFile } from '../files';
import { request } from '../http';

export interface ContentQuery {
  kind?: ContentKind;
  action?: ActionNo;
  district?: DistrictCode;
  tag?: string;
  limit?: number;
  cursor?: string;
}

export function listContents(query: ContentQuery): Promise<Page<ContentSummary>> {
  return request<Page<ContentSummary>>({ path: '/contents', query: { ...query } });
}

export function getContent(id: string): Promise<ContentDetail> {
  return request<ContentDetail>({ path: `/contents/${encodeURIComponent(id)}` });
}

/** The entry a scanned mini-program code's `scene` points to. */
export function resolveScene(scene: string): Promise<{ id: string }> {
  return request<{ id: string }>({ path: `/contents/scene/${encodeURIComponent(scene)}` });
}

/** Ranked by relevance; `highlight` marks the matches with 【】. */
export function searchContents(q: string, kind?: ContentKind, limit = 50): Promise<ContentSummary[]> {
  return request<ContentSummary[]>({ path: '/contents/search', query: { q, kind, limit } });
}

/** Policies whose audience fits the student's profile, best fit and newest first. */
export function contentsForMe(limit = 30): Promise<ContentSummary[]> {
  return request<ContentSummary[]>({ path: '/contents/for-me', query: { limit } });
}

export function myFavourites(): Promise<ContentSummary[]> {
  return request<ContentSummary[]>({ path: '/contents/favourites' });
}

export function setFavourite(id: string, favourite: boolean): Promise<{ favourite: boolean }> {
  return request<{ favourite: boolean }>({ method: favourite ? 'PUT' : 'DELETE', path: `/contents/${encodeURIComponent(id)}/favourite` });
}

// Staff

export function staffContents(query: { status?: ContentStatus; kind?: ContentKind; cursor?: string; limit?: number }): Promise<Page<StaffContent>> {
  return request<Page<StaffContent>>({ path: '/staff/contents', query: { ...query } });
}

export function staffContent(id: string): Promise<StaffContent> {
  return request<StaffContent>({ path: `/staff/contents/${encodeURIComponent(id)}` });
}

export function createContent(input: ContentInput): Promise<StaffContent> {
  return request<StaffContent>({ method: 'POST', path: '/staff/contents', data: input });
}

export function updateContent(id: string, input: ContentInput, version: number): Promise<StaffContent> {
  return request<StaffContent>({ method: 'PUT', path: `/staff/contents/${encodeURIComponent(id)}`, data: { ...input, version } });
}

export function transitionContent(id: string, action: ContentTransition, version: number, reason?: string): Promise<StaffContent> {
  return request<StaffContent>({ method: 'POST', path: `/staff/contents/${encodeURIComponent(id)}/transition`, data: { action, version, reason } });
}

/** Uploads one attachment (PDF, image, Word, Excel) to a saved, editable entry; returns the entry. */
export function uploadAttachment(id: string, filePath: string, name: string): Promise<StaffContent> {
  return uploadFile<StaffContent>(`/staff/contents/${encodeURIComponent(id)}/attachments`, filePath, name);
}

export function contentVersions(id: string): Promise<ContentVersionView[]> {
  return request<ContentVersionView[]>({ path: `/staff/contents/${encodeURIComponent(id)}/versions` });
}
