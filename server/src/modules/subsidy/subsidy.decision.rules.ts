import { SUBSIDY_DOCUMENT_LABELS, type ReviewDecision, type ReviewDecisionInput, type ReviewStage, type SubsidyDocumentKind, type SubsidyStatus } from '../../contract/subsidy';
import { BizError } from '../../core/errors';
import type { AuthUser } from '../../interface';
import { decidableStage } from './subsidy.access.rules';
import type { StoredTimelineEntry, SubsidyApplicationDoc } from './subsidy.model';
import { nextStage } from './subsidy.rules';

/** The applicant may ask for administrative review within 60 days of learning of the decision (行政复议法 art. 20). */
const REVIEW_APPEAL = '如对结果有异议，可自知道该决定之日起60日内依法申请行政复议，或拨打12333咨询';

/**
 * A return or rejection in plain words: the documents missing by name and the reviewer's reason (one
 * of them is required), and what the applicant can do next. 422 naming `reason` when neither is given.
 */
export function explainDecision(decision: Exclude<ReviewDecision, 'approve'>, reason: string | undefined, missing: readonly SubsidyDocumentKind[] = []): { reason: string; nextStep: string } {
  const text = reason?.trim() ?? '';
  const docs = [...new Set(missing)].map(k => SUBSIDY_DOCUMENT_LABELS[k]);
  if (!text && docs.length === 0) throw new BizError('SUBSIDY_REASON_REQUIRED', '请写明退回或不予通过的依据（哪条规则、缺少哪份材料）', 'reason');
  const parts = [...(docs.length ? [`缺少或需更换的材料：${docs.join('、')}`] : []), ...(text ? [text] : [])];
  const nextStep =
    decision === 'return'
      ? docs.length
        ? `请在“我的补贴申请”中点“补正材料”，上传${docs.join('、')}${text ? '并按上述意见修改' : ''}后重新提交，申请将回到本环节继续审核`
        : '请在“我的补贴申请”中点“补正材料”，按上述意见修改后重新提交，申请将回到本环节继续审核'
      : `本申请已办结。${REVIEW_APPEAL}`;
  return { reason: parts.join('；'), nextStep };
}

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
  const explained = input.decision === 'approve' ? undefined : explainDecision(input.decision, input.reason, input.missingDocuments);
  const reason = explained?.reason ?? input.reason?.trim();
  const next = input.decision === 'approve' ? nextStage(doc.stages, stage) : null;
  const status = input.decision === 'approve' ? 'approved' : ACTION_OF[input.decision];
  const set = next ? { stage: next } : { status };
  const action = ACTION_OF[input.decision];
  return {
    stage,
    set,
    entry: { at: now, action, stage, actorRole: stage, actorId: user.id, reason, ...(explained ? { nextStep: explained.nextStep } : {}) },
    audit: { action: `subsidy.${input.decision}`, from: `reviewing:${stage}`, to: next ? `reviewing:${next}` : status, reason },
    final: !next,
  };
}

export interface BankResultOutcome {
  set: { status: 'paid'; paidAt: Date } | { status: 'payReturned'; paymentReturn: { reason: string; at: Date } };
  /** A payment the bank returned leaves its batch, so the next batch takes it again. */
  leavesBatch: boolean;
  entry: StoredTimelineEntry;
  /** What the applicant's side is told. */
  step: { kind: 'paid'; amount: number } | { kind: 'payment-returned'; reason?: string };
}

export const ACCOUNT_NEXT_STEP = '请在“我的补贴申请”中更正收款账户（开户行和卡号），更正后列入下一发放批次';
const BANK_REASON_UNKNOWN = '银行未说明原因';

/**
 * What one line of the bank's result file does to its application: paid (which closes it), or back
 * to the applicant as 请更正收款账户 with the bank's reason (wrong account, name mismatch, closed
 * account…): it leaves the batch and waits for a corrected account before the next batch takes it.
 */
export function bankResult(row: { result: 'paid' | 'failed'; reason: string }, amount: number, actorId: string, now: Date): BankResultOutcome {
  if (row.result === 'paid') {
    return { set: { status: 'paid', paidAt: now }, leavesBatch: false, entry: { at: now, action: 'paid', actorRole: 'bureau', actorId }, step: { kind: 'paid', amount } };
  }
  const reason = row.reason.trim() || BANK_REASON_UNKNOWN;
  return {
    set: { status: 'payReturned', paymentReturn: { reason, at: now } },
    leavesBatch: true,
    entry: { at: now, action: 'payFailed', actorRole: 'bureau', actorId, reason: `银行退回：${reason}`, nextStep: ACCOUNT_NEXT_STEP },
    step: { kind: 'payment-returned', reason },
  };
}
