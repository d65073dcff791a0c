import Taro from '@tarojs/taro';
import type { InsuranceImportReport, InsuranceSummary } from '@contract/insurance';
import { ApiError, request } from '../http';
import * as session from '../session';

export const INSURANCE_TEMPLATE_PATH = '/api/staff/insurance/template';

export function insuranceSummary(): Promise<InsuranceSummary> {
  return request<InsuranceSummary>({ path: '/staff/insurance/summary' });
}

/**
 * Uploads the 社保 export. A file with bad rows is not an error here: the server answers 422 with the
 * row-level report, which the page shows; only other failures throw.
 */
export async function importInsurance(filePath: string, name: string): Promise<InsuranceImportReport> {
  const token = session.accessToken();
  const res = await Taro.uploadFile({
    url: `${API_BASE}/staff/insurance/import`,
    filePath,
    name: 'file',
    fileName: name,
    header: token ? { Authorization: `Bearer ${token}` } : {},
  }).catch((): never => {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  });
  let body: Record<string, unknown> | null = null;
  try {
    const value: unknown = JSON.parse(res.data);
    body = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    body = null;
  }
  if (body && typeof body.imported === 'boolean' && Array.isArray(body.errors)) return body as unknown as InsuranceImportReport;
  if (body && typeof body.code === 'string' && typeof body.message === 'string') {
    throw new ApiError(res.statusCode, body.code as ApiError['code'], body.message, typeof body.field === 'string' ? body.field : undefined);
  }
  throw new ApiError(res.statusCode, 'BAD_REQUEST', '上传失败，请稍后重试');
}
