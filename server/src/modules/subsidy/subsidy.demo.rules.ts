import type { ReviewDecision, ReviewStage, SubsidyDocumentKind } from '../../contract/subsidy';

// The demo's subsidy applications at every stage: which steps of the real process bring an application to
// where the demo shows it. The steps themselves are the services' own (submit, review decisions, batches,
// the bank's result file); these rules only say which ones and in what order.

/** Where a demo application stands. `at:<stage>` waits for that stage's reviewer. */
export type DemoTarget = 'draft' | `at:${ReviewStage}` | 'returned' | 'rejected' | 'approved' | 'paying' | 'paid' | 'payReturned';

export interface DemoDecision {
  stage: ReviewStage;
  decision: ReviewDecision;
  reason?: string;
  missingDocuments?: SubsidyDocumentKind[];
}

/**
 * When the bureau's final approval is given, so that each approved application ends in the right batch:
 * `settled` ones go into the batch whose bank result is imported, `open` ones into the batch still with the
 * bank, `waiting` ones into none (approved after both batches were made).
 */
export type DemoPayPhase = 'settled' | 'open' | 'waiting';

export interface DemoPlan {
  submit: boolean;
  /** Decisions given right after submission, in order. */
  decisions: DemoDecision[];
  /** The last approval, given in its payment phase (absent: the review ends in `decisions`). */
  finalApproval?: { stage: ReviewStage; phase: DemoPayPhase };
  /** The bank's answer for a `settled` application. */
  bank?: { result: 'paid' } | { result: 'failed'; reason: string };
}

export interface DemoOutcome {
  /** The stage a return or rejection is given at (default: the first stage). */
  at?: ReviewStage;
  reason?: string;
  missingDocuments?: SubsidyDocumentKind[];
}

function approvals(stages: readonly ReviewStage[], upTo: number): DemoDecision[] {
  return stages.slice(0, upTo).map(stage => ({ stage, decision: 'approve' as const }));
}

/** The steps that bring an application of a program reviewed by `stages` to `target`. */
export function demoPlan(target: DemoTarget, stages: readonly ReviewStage[], outcome: DemoOutcome = {}): DemoPlan {
  if (stages.length === 0) throw new Error('a program is reviewed by at least one stage');
  if (target === 'draft') return { submit: false, decisions: [] };
  if (target.startsWith('at:')) {
    const stage = target.slice(3) as ReviewStage;
    const index = stages.indexOf(stage);
    if (index < 0) throw new Error(`stage ${stage} is not one of ${stages.join(', ')}`);
    return { submit: true, decisions: approvals(stages, index) };
  }
  if (target === 'returned' || target === 'rejected') {
    const stage = outcome.at ?? stages[0];
    const index = stages.indexOf(stage);
    if (index < 0) throw new Error(`stage ${stage} is not one of ${stages.join(', ')}`);
    if (!outcome.reason && !outcome.missingDocuments?.length) throw new Error(`a ${target} demo application needs its reason`);
    const decision = target === 'returned' ? 'return' : 'reject';
    return { submit: true, decisions: [...approvals(stages, index), { stage, decision, reason: outcome.reason, missingDocuments: outcome.missingDocuments }] };
  }
  const last = stages[stages.length - 1];
  const phase: DemoPayPhase = target === 'approved' ? 'waiting' : target === 'paying' ? 'open' : 'settled';
  const plan: DemoPlan = { submit: true, decisions: approvals(stages, stages.length - 1), finalApproval: { stage: last, phase } };
  if (target === 'paid') plan.bank = { result: 'paid' };
  if (target === 'payReturned') plan.bank = { result: 'failed', reason: outcome.reason ?? '户名与账号不符' };
  return plan;
}

/** The bureau's note with its approval of a demo application (a flagged application passes the bureau only with one). */
export const DEMO_APPROVAL_REASON = '材料齐全，符合申领条件（示例审核意见）';

/** A bank card number: `body` (15 to 18 digits) with its Luhn check digit. */
export function withLuhnDigit(body: string): string {
  if (!/^\d{15,18}$/.test(body)) throw new Error('a card body is 15 to 18 digits');
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    // The check digit will sit at the end, so the body's last digit is doubled.
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}
