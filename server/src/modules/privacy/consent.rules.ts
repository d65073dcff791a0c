import type { ConsentStatus } from '../../contract/privacy';
import type { ErrorCode } from '../../contract/error-codes';

/** Where a user's consent stands against the current text version. */
export function consentStatus(record: { status: 'given' | 'withdrawn'; version: number } | null, currentVersion: number): ConsentStatus {
  if (!record) return 'none';
  if (record.status === 'withdrawn') return 'withdrawn';
  return record.version < currentVersion ? 'outdated' : 'given';
}

/**
 * Whether sensitive data may be processed for the purpose now. `offered`: the request itself carries the
 * user's agreement (the form's consent box), which counts only for a first consent: after a withdrawal or
 * a new text the user must agree again through the consent sheet, never implicitly with a form.
 */
export function processingVerdict(status: ConsentStatus, offered: boolean): { allowed: boolean; record: boolean; code?: ErrorCode } {
  switch (status) {
    case 'given':
      return { allowed: true, record: false };
    case 'withdrawn':
      return { allowed: false, record: false, code: 'CONSENT_WITHDRAWN' };
    case 'outdated':
      return { allowed: false, record: false, code: 'CONSENT_REQUIRED' };
    default:
      return offered ? { allowed: true, record: true } : { allowed: false, record: false, code: 'CONSENT_REQUIRED' };
  }
}
