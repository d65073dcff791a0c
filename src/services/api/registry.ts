import Taro from '@tarojs/taro';
import type { Page } from '@contract/common';
import type { DestinationKind, GraduateRecordView, ImportReport, RegistryMine, RegistrySearchQuery } from '@contract/registry';
import { ApiError, request } from '../http';
import * as session from '../session';

export interface GraduateQuery {
  graduationYear?: number;
  collegeId?: string;
  destination?: DestinationKind | 'none';
  q?: string;
  limit?: number;
  cursor?: string;
}

export const REGISTRY_TEMPLATE_PATH = '/api/staff/registry/template';

export function listGraduates(query: GraduateQuery): Promise<Page<GraduateRecordView>> {
  return request<Page<GraduateRecordView>>({ path: '/staff/registry/graduates', query: { ...query } });
}

/**
 * The whole registry, by name start, masked ID or full ID (staff registering a leaver for help).
 * POST: an ID number in a query string would be written to access logs on the way.
 */
export function searchRegistry(query: RegistrySearchQuery): Promise<GraduateRecordView[]> {
  return request<GraduateRecordView[]>({ method: 'POST', path: '/staff/registry/search', data: { ...query } });
}

export function myRegistryRecord(): Promise<RegistryMine> {
  return request<RegistryMine>({ path: '/registry/mine' });
}

/**
 * Uploads a graduates workbook. A file with bad rows is not an error here: the server answers 422
 * with the row-level report, which the page shows; only other failures throw.
 */
export async function importGraduates(filePath: string, name: string, collegeId?: string): Promise<ImportReport> {
  const token = session.accessToken();
  const res = await Taro.uploadFile({
    url: `${API_BASE}/staff/registry/import${collegeId ? `?collegeId=${encodeURIComponent(collegeId)}` : ''}`,
    filePath,
    name: 'file',
    fileName: name,
    header: token ? { Authorization: `Bearer ${token}` } : {},
  }).catch((): never => {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  });
  const body = parseJson(res.data);
  if (isReport(body)) return body;
  if (body && typeof body.code === 'string' && typeof body.message === 'string') {
    throw new ApiError(res.statusCode, body.code as ApiError['code'], body.message, typeof body.field === 'string' ? body.field : undefined);
  }
  throw new ApiError(res.statusCode, 'BAD_REQUEST', '上传失败，请稍后重试');
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isReport(body: Record<string, unknown> | null): body is ImportReport & Record<string, unknown> {
  return body !== null && typeof body.imported === 'boolean' && Array.isArray(body.errors);
}
