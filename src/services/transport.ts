import Taro from '@tarojs/taro';
import { ERROR_CODES, type ApiErrorBody, type ApiProblem, type ErrorCode } from '@contract/error-codes';
import { BUSY_RETRY_ATTEMPTS, busyDelayMs } from '@contract/retry';
import { queryString, type QueryValue } from '@/utils/query';
import { takePrefetched } from './prefetch';

/** `NETWORK`: the request never got an HTTP answer (offline, timeout, DNS, TLS). */
export type ApiErrorCode = ErrorCode | 'NETWORK';

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when there was no response. */
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
    readonly requestId?: string,
    /** Every reason, when the server named several (a job posting). */
    readonly problems?: readonly ApiProblem[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /** Path below API_BASE, e.g. `/contents`. */
  path: string;
  query?: Record<string, QueryValue>;
  data?: unknown;
}

const TIMEOUT_MS = 15_000;

type ResponseBody = TaroGeneral.IAnyObject | string | null;

function urlOf({ path, query }: RequestOptions): string {
  const search = queryString(query);
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ApiErrorBody).code === 'string';
}

/** For answers without our error body (a gateway page, an empty 502): a code from the status alone. */
function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'INTERNAL';
  return 'BAD_REQUEST';
}

function toApiError(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) {
    return new ApiError(status, body.code, body.message, body.field, body.requestId, Array.isArray(body.problems) ? body.problems : undefined);
  }
  const code = codeForStatus(status);
  return new ApiError(status, code, ERROR_CODES[code].message);
}

/**
 * SERVER_BUSY answers are retried as contract/retry.ts describes. `sleep` is replaceable for tests.
 */
export const busyRetry = {
  attempts: BUSY_RETRY_ATTEMPTS,
  sleep: (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms)),
};

export function isServerBusy(status: number, body: unknown): boolean {
  return status === 503 && isErrorBody(body) && body.code === 'SERVER_BUSY';
}

function headerValue(header: TaroGeneral.IAnyObject | undefined, name: string): string | undefined {
  const key = Object.keys(header ?? {}).find(k => k.toLowerCase() === name);
  return key ? String((header as TaroGeneral.IAnyObject)[key]) : undefined;
}

/**
 * One round trip, no session logic. Taro.request resolves on every HTTP status on both
 * platforms, so the status is checked here; it rejects only when there was no answer.
 */
export async function send<T>(opts: RequestOptions, accessToken?: string): Promise<T> {
  const header: Record<string, string> = { 'Content-Type': 'application/json' };
  if (accessToken) header.Authorization = `Bearer ${accessToken}`;
  // Only a guest's: the prefetch carries no token, so a signed-in user's answer could differ.
  const early = !accessToken && (opts.method ?? 'GET') === 'GET' ? takePrefetched(urlOf(opts)) : undefined;
  if (early) {
    const answer = await early.catch(() => undefined);
    if (answer !== undefined) return answer as T;
  }
  for (let attempt = 0; ; attempt++) {
    // Invalid JSON arrives as `data: null` (H5) or a string (weapp); both fall through to codeForStatus.
    const response = await Taro.request<ResponseBody>({
      url: urlOf(opts),
      method: opts.method ?? 'GET',
      data: opts.data,
      header,
      dataType: 'json',
      timeout: TIMEOUT_MS,
    }).catch((): never => {
      throw new ApiError(0, 'NETWORK', NETWORK_ERROR_MESSAGE);
    });
    if (response.statusCode >= 200 && response.statusCode < 300) {
      return response.data as T;
    }
    if (attempt < busyRetry.attempts && isServerBusy(response.statusCode, response.data)) {
      await busyRetry.sleep(busyDelayMs(attempt, headerValue(response.header, 'retry-after'), Math.random()));
      continue;
    }
    throw toApiError(response.statusCode, response.data);
  }
}
