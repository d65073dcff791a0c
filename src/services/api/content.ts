import type { Page } from '@contract/common';
import type { ActionNo, ContentDetail, ContentKind, ContentSummary } from '@contract/policy';
import type { DistrictCode } from '@contract/reference';
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
