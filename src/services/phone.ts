import { failureKind } from './privacy';

/** `e.detail.errno` of the phone-number button when the account's verification quota is used up. */
export const PHONE_QUOTA_ERRNO = 1400001;

export interface PhoneButtonDetail {
  code?: string;
  errMsg?: string;
  errno?: number;
}

/**
 * What a failed phone-number button leads to. `type`: the quota is exhausted or the user declined —
 * they may type the number instead (kept unverified), never a dead end. `privacy`: a privacy refusal,
 * explained and retried through the privacy popup (phoneCode). `none`: it worked, or another failure.
 */
export function phoneFallback(detail: PhoneButtonDetail): 'type' | 'privacy' | 'none' {
  if (detail.code) return 'none';
  if (detail.errno === PHONE_QUOTA_ERRNO) return 'type';
  const kind = failureKind(detail);
  if (kind === 'refused' || kind === 'undeclared' || kind === 'banned') return 'privacy';
  if (kind === 'denied' || kind === 'cancel' || /deny|denied/i.test(detail.errMsg ?? '')) return 'type';
  return 'none';
}

/** A mainland mobile number as the server takes it (11 digits from 13–19, optional +86). */
export function typedPhoneProblem(value: string): string | undefined {
  const digits = value.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  if (!digits) return '请输入手机号';
  return /^1[3-9]\d{9}$/.test(digits) ? undefined : '请输入 11 位中国大陆手机号';
}
