import type { ErrorCode } from '../../contract/error-codes';
import type { EnterpriseStatus } from '../../contract/job';

/**
 * Why an enterprise cannot be verified now, or null when it can: only a pending enterprise is decided,
 * and approval rests on its business licence (营业执照), so one without a licence on file is refused
 * whoever asks — the page's disabled button is a courtesy, this is the rule.
 */
export function verifyRefusal(enterprise: { status: EnterpriseStatus; licenceKey?: string }): ErrorCode | null {
  if (enterprise.status !== 'pending') return 'ENTERPRISE_ALREADY_DECIDED';
  if (!enterprise.licenceKey) return 'ENTERPRISE_LICENCE_REQUIRED';
  return null;
}
