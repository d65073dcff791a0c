import type { RealNameState } from '../../contract/job';

/** A real-name check lasts six calendar months (人社厅发〔2025〕60号: re-checked at least every six months). */
export const REAL_NAME_MONTHS = 6;
/** Reminders start this many days before expiry; renewing is allowed at any time. */
export const REAL_NAME_REMIND_DAYS = 14;

/** Six calendar months after `verifiedAt`; a day the month lacks (31 August → February) falls back to its last day. */
export function realNameExpiry(verifiedAt: Date, months = REAL_NAME_MONTHS): Date {
  const target = new Date(verifiedAt.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target;
}

export function realNameState(doc: { expiresAt: Date; revokedAt?: Date } | undefined, now: Date): RealNameState {
  if (!doc) return 'none';
  if (doc.revokedAt) return 'revoked';
  if (doc.expiresAt.getTime() <= now.getTime()) return 'lapsed';
  if (doc.expiresAt.getTime() - now.getTime() <= REAL_NAME_REMIND_DAYS * 86_400_000) return 'expiring';
  return 'current';
}
