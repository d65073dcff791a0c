import Taro from '@tarojs/taro';
import type { Page } from '@contract/common';
import { ERROR_CODES, type ApiErrorBody } from '@contract/error-codes';
import type {
  PaymentBatchView,
  PaymentImportResult,
  ProgramWithEligibility,
  ReviewDecisionInput,
  SubsidyApplicationInput,
  SubsidyApplicationView,
  SubsidyDocumentKind,
  SubsidyReviewDetail,
  SubsidyStatus,
} from '@contract/subsidy';
import { ApiError, request } from '../http';
import * as session from '../session';

export function subsidyPrograms(): Promise<ProgramWithEligibility[]> {
  return request<ProgramWithEligibility[]>({ path: '/subsidy/programs' });
}

export function mySubsidyApplications(): Promise<SubsidyApplicationView[]> {
  return request<SubsidyApplicationView[]>({ path: '/subsidy/applications' });
}

export function mySubsidyApplication(id: string): Promise<SubsidyApplicationView> {
  return request<SubsidyApplicationView>({ path: `/subsidy/applications/${encodeURIComponent(id)}` });
}

/** Saves a draft (`submit: false`) or submits; the server keeps one application per program and period. */
export function saveSubsidyApplication(input: SubsidyApplicationInput): Promise<SubsidyApplicationView> {
  return request<SubsidyApplicationView>({ method: 'POST', path: '/subsidy/applications', data: input });
}

/** Multipart upload through Taro.uploadFile; `filePath` is a temp path (weapp) or a blob URL (h5). */
async function upload<T>(path: string, filePath: string, name: string): Promise<T> {
  const token = session.accessToken();
  const res = await Taro.uploadFile({
    url: `${API_BASE}${path}`,
    filePath,
    name: 'file',
    fileName: name,
    header: token ? { Authorization: `Bearer ${token}` } : {},
  }).catch((): never => {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  });
  let body: unknown = null;
  try {
    body = JSON.parse(res.data);
  } catch {
    body = null;
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return body as T;
  const err = body as ApiErrorBody | null;
  if (err && typeof err.code === 'string') throw new ApiError(res.statusCode, err.code, err.message, err.field, err.requestId);
  throw new ApiError(res.statusCode, 'BAD_REQUEST', ERROR_CODES.BAD_REQUEST.message);
}

export function uploadSubsidyDocument(id: string, kind: SubsidyDocumentKind, filePath: string, name: string): Promise<SubsidyApplicationView> {
  return upload<SubsidyApplicationView>(`/subsidy/applications/${encodeURIComponent(id)}/documents?kind=${kind}`, filePath, name);
}

// Staff

export function reviewQueue(query: { status?: SubsidyStatus; cursor?: string; limit?: number }): Promise<Page<SubsidyApplicationView>> {
  return request<Page<SubsidyApplicationView>>({ path: '/staff/subsidy/applications', query: { ...query } });
}

export function reviewDetail(id: string): Promise<SubsidyReviewDetail> {
  return request<SubsidyReviewDetail>({ path: `/staff/subsidy/applications/${encodeURIComponent(id)}` });
}

export function decideApplication(id: string, input: ReviewDecisionInput): Promise<SubsidyApplicationView> {
  return request<SubsidyApplicationView>({ method: 'POST', path: `/staff/subsidy/applications/${encodeURIComponent(id)}/decision`, data: input });
}

export function paymentBatches(): Promise<PaymentBatchView[]> {
  return request<PaymentBatchView[]>({ path: '/staff/subsidy/batches' });
}

export function createPaymentBatch(programId?: string): Promise<PaymentBatchView> {
  return request<PaymentBatchView>({ method: 'POST', path: '/staff/subsidy/batches', data: programId ? { programId } : {} });
}

export function importPaymentResult(id: string, filePath: string, name: string): Promise<PaymentImportResult> {
  return upload<PaymentImportResult>(`/staff/subsidy/batches/${encodeURIComponent(id)}/result`, filePath, name);
}

/** Full URL of a file behind the API (documents, the bank export), for a download with the bearer token. */
export function apiFileUrl(path: string): string {
  return path.startsWith('/api/') ? `${API_BASE}${path.slice(4)}` : `${API_BASE}${path}`;
}

/** Downloads a protected file and opens it (weapp: openDocument / previewImage; h5: a new tab). */
export async function openProtectedFile(path: string, type: 'pdf' | 'png' | 'jpeg' | 'xlsx'): Promise<void> {
  const token = session.accessToken();
  const res = await Taro.downloadFile({ url: apiFileUrl(path), header: token ? { Authorization: `Bearer ${token}` } : {} });
  if (res.statusCode !== 200) throw new ApiError(res.statusCode, res.statusCode === 403 ? 'OUT_OF_SCOPE' : 'NOT_FOUND', '文件无法打开');
  if (process.env.TARO_ENV === 'h5') {
    window.open(res.tempFilePath, '_blank');
    return;
  }
  if (type === 'png' || type === 'jpeg') await Taro.previewImage({ urls: [res.tempFilePath] });
  else await Taro.openDocument({ filePath: res.tempFilePath, fileType: type, showMenu: true });
}

/** Lets the user pick one file: weapp from a chat, h5 from the disk. Resolves undefined on cancel. */
export function pickFile(extensions: string[]): Promise<{ path: string; name: string } | undefined> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise(resolve => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = extensions.map(e => `.${e}`).join(',');
      input.onchange = () => {
        const file = input.files?.[0];
        resolve(file ? { path: URL.createObjectURL(file), name: file.name } : undefined);
      };
      input.click();
    });
  }
  return Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensions })
    .then(res => ({ path: res.tempFiles[0].path, name: res.tempFiles[0].name }))
    .catch(() => undefined);
}
