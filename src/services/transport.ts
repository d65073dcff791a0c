import Taro from '@tarojs/taro';
import { ERROR_CODES, type ApiErrorBody, type ApiProblem, type ErrorCode } from '@contract/error-codes';
import { BUSY_RETRY_ATTEMPTS, IDEMPOTENCY_HEADER, LOST_ANSWER_RETRY_ATTEMPTS, answerWasLost, busyDelayMs, lostAnswerDelayMs } from '@contract/retry';
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
  /** Names a change for resending (contract/retry.ts): the same on every attempt of it. */
  idempotencyKey?: string;
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
 * SERVER_BUSY answers are retried as contract/retry.ts describes, and so is a named change whose answer
 * was lost. `sleep` is replaceable for tests.
 */
export const busyRetry = {
  attempts: BUSY_RETRY_ATTEMPTS,
  lostAnswerAttempts: LOST_ANSWER_RETRY_ATTEMPTS,
  sleep: (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms)),
};

/** A key for one change: time and 80 random bits (the server scopes keys per user, so this is plenty). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(10);
  // Older mini-program base libraries have neither globalThis nor crypto.
  const crypto = typeof globalThis === 'undefined' ? undefined : (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return `${Date.now().toString(36)}-${Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('')}`;
}

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
  if (opts.idempotencyKey) header[IDEMPOTENCY_HEADER] = opts.idempotencyKey;
  // Only a guest's: the prefetch carries no token, so a signed-in user's answer could differ.
  const early = !accessToken && (opts.method ?? 'GET') === 'GET' ? takePrefetched(urlOf(opts)) : undefined;
  if (early) {
    const answer = await early.catch(() => undefined);
    if (answer !== undefined) return answer as T;
  }
  let busy = 0;
  let lost = 0;
  for (;;) {
    // Invalid JSON arrives as `data: null` (H5) or a string (weapp); both fall through to codeForStatus.
    const response = await Taro.request<ResponseBody>({
      url: urlOf(opts),
      method: opts.method ?? 'GET',
      data: opts.data,
      header,
      dataType: 'json',
      timeout: TIMEOUT_MS,
    }).catch(() => undefined);
    const status = response?.statusCode ?? 0;
    if (status >= 200 && status < 300) {
      return response?.data as T;
    }
    if (busy < busyRetry.attempts && isServerBusy(status, response?.data)) {
      await busyRetry.sleep(busyDelayMs(busy++, headerValue(response?.header, 'retry-after'), Math.random()));
      continue;
    }
    const code = isErrorBody(response?.data) ? response.data.code : undefined;
    if (opts.idempotencyKey && lost < busyRetry.lostAnswerAttempts && answerWasLost(status, code)) {
      await busyRetry.sleep(lostAnswerDelayMs(lost++, headerValue(response?.header, 'retry-after'), Math.random()));
      continue;
    }
    if (!response) throw new ApiError(0, 'NETWORK', NETWORK_ERROR_MESSAGE);
    throw toApiError(status, response.data);
  }
}
