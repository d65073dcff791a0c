import type { ReviewDecision, ReviewDecisionInput, ReviewStage, SubsidyStatus } from '../../contract/subsidy';
import { BizError } from '../../core/errors';
import type { AuthUser } from '../../interface';
import { decidableStage } from './subsidy.access.rules';
import type { StoredTimelineEntry, SubsidyApplicationDoc } from './subsidy.model';
import { nextStage } from './subsidy.rules';

const ACTION_OF: Record<ReviewDecision, 'approved' | 'returned' | 'rejected'> = { approve: 'approved', return: 'returned', reject: 'rejected' };

export interface DecisionOutcome {
  /** The stage decided: the update is conditional on the application still waiting there. */
  stage: ReviewStage;
  /** Approval at a stage with one after it moves the application on; otherwise its status ends the review. */
  set: { stage: ReviewStage } | { status: Extract<SubsidyStatus, 'approved' | 'returned' | 'rejected'> };
  entry: StoredTimelineEntry;
  audit: { action: `subsidy.${ReviewDecision}`; from: string; to: string; reason?: string };
  /** The review is over for now (approved, returned for correction or rejected): the applicant is told. */
  final: boolean;
}

/**
 * What one reviewer's decision does to an application as read: approval moves it to the next stage
 * or approves it after the last; a return sends it back for correction, to resume at the same stage;
 * a rejection is final. Returning and rejecting need a reason, which the applicant sees.
 */
export function reviewDecision(
  user: Pick<AuthUser, 'id' | 'roles' | 'scope'>,
  doc: Pick<SubsidyApplicationDoc, 'status' | 'stage' | 'stages' | 'collegeId' | 'employmentDistrict'>,
  input: ReviewDecisionInput,
  now: Date,
): DecisionOutcome {
  const stage = decidableStage(user, doc);
  const reason = input.reason?.trim();
  if (input.decision !== 'approve' && !reason) throw new BizError('SUBSIDY_REASON_REQUIRED', undefined, 'reason');
  const next = input.decision === 'approve' ? nextStage(doc.stages, stage) : null;
  const status = input.decision === 'approve' ? 'approved' : ACTION_OF[input.decision];
  const set = next ? { stage: next } : { status };
  const action = ACTION_OF[input.decision];
  return {
    stage,
    set,
    entry: { at: now, action, stage, actorRole: stage, actorId: user.id, reason },
    audit: { action: `subsidy.${input.decision}`, from: `reviewing:${stage}`, to: next ? `reviewing:${next}` : status, reason },
    final: !next,
  };
}

export interface BankResultOutcome {
  set: { status: 'paid'; paidAt: Date } | { status: 'approved' };
  /** A payment the bank returned leaves its batch, so the next batch takes it again. */
  leavesBatch: boolean;
  entry: StoredTimelineEntry;
  /** What the applicant's side is told. */
  step: { kind: 'paid'; amount: number } | { kind: 'payment-returned'; reason?: string };
}

/** What one line of the bank's result file does to its application: paid, or back to approved with the bank's reason. */
export function bankResult(row: { result: 'paid' | 'failed'; reason: string }, amount: number, actorId: string, now: Date): BankResultOutcome {
  const reason = row.reason || undefined;
  const entry: StoredTimelineEntry = { at: now, action: row.result === 'paid' ? 'paid' : 'payFailed', actorRole: 'bureau', actorId, reason };
  if (row.result === 'paid') return { set: { status: 'paid', paidAt: now }, leavesBatch: false, entry, step: { kind: 'paid', amount } };
  return { set: { status: 'approved' }, leavesBatch: true, entry, step: { kind: 'payment-returned', ...(reason ? { reason } : {}) } };
}
