import type { ConsentStatus } from '../../contract/privacy';
import type { ErrorCode } from '../../contract/error-codes';

/** Where a user's consent stands against the current text version. */
export function consentStatus(record: { status: 'given' | 'withdrawn'; version: number } | null, currentVersion: number): ConsentStatus {
  if (!record) return 'none';
  if (record.status === 'withdrawn') return 'withdrawn';
  return record.version < currentVersion ? 'outdated' : 'given';
}

/**
 * Whether sensitive data may be processed for the purpose now: only under a separate consent given to the
 * current text. Nothing a form carries counts as that consent (PIPL art. 29: separate, not bundled with a
 * submission), so a first draft holding an ID number is refused until the user agreed on the consent sheet.
 */
export function processingVerdict(status: ConsentStatus): { allowed: true } | { allowed: false; code: ErrorCode } {
  switch (status) {
    case 'given':
      return { allowed: true };
    case 'withdrawn':
      return { allowed: false, code: 'CONSENT_WITHDRAWN' };
    default:
      return { allowed: false, code: 'CONSENT_REQUIRED' };
  }
}
