import type { NoticeEvent, SubsidyEnterpriseOutcome } from '../../contract/notice';
import type { ReviewStage } from '../../contract/subsidy';
import type { DecisionOutcome } from './subsidy.decision.rules';
import type { SubsidyApplicationDoc } from './subsidy.model';

type Told = Pick<SubsidyApplicationDoc, '_id' | 'programName' | 'applicantKind' | 'applicantName' | 'timeline'>;

/** What happened to an application, as the applicant's side is told it. */
type Step =
  | { kind: 'stage-passed'; stage: ReviewStage; next: ReviewStage }
  | { kind: 'approved' | 'returned' | 'rejected'; stage: ReviewStage; reason?: string }
  | { kind: 'paid'; amount: number }
  | { kind: 'payment-returned'; reason?: string };

/**
 * The notice of one step of an application, named by the position of the step's timeline entry
 * (`doc` as read before the step is written): a stage passed again after a return is a new notice,
 * a retried request is the same one. Graduates are told every stage, not only the final decision;
 * an enterprise's application is told to its recruiters.
 */
export function subsidyStepNotice(doc: Told, step: Step): NoticeEvent {
  const facts = { applicationId: doc._id.toHexString(), programName: doc.programName, step: doc.timeline.length };
  if (doc.applicantKind === 'enterprise') {
    const outcome: SubsidyEnterpriseOutcome = step.kind;
    return {
      type: 'subsidy.enterprise-decided',
      ...facts,
      enterpriseName: doc.applicantName,
      outcome,
      ...('stage' in step ? { stage: step.stage } : {}),
      ...(step.kind === 'stage-passed' ? { next: step.next } : {}),
      ...('reason' in step && step.reason ? { reason: step.reason } : {}),
      ...(step.kind === 'paid' ? { amount: step.amount } : {}),
    };
  }
  switch (step.kind) {
    case 'stage-passed':
      return { type: 'subsidy.stage-passed', ...facts, stage: step.stage, next: step.next };
    case 'approved':
      return { type: 'subsidy.approved', ...facts };
    case 'returned':
      return { type: 'subsidy.returned', ...facts, stage: step.stage, reason: step.reason ?? '' };
    case 'rejected':
      return { type: 'subsidy.rejected', ...facts, stage: step.stage, reason: step.reason ?? '' };
    case 'paid':
      return { type: 'subsidy.paid', ...facts, amount: step.amount };
    case 'payment-returned':
      return { type: 'subsidy.payment-returned', ...facts, ...(step.reason ? { reason: step.reason } : {}) };
  }
}

/** The step a reviewer's decision makes. */
export function decisionStep(outcome: Pick<DecisionOutcome, 'stage' | 'set' | 'entry'>): Step {
  if ('stage' in outcome.set) return { kind: 'stage-passed', stage: outcome.stage, next: outcome.set.stage };
  return { kind: outcome.set.status, stage: outcome.stage, ...(outcome.entry.reason ? { reason: outcome.entry.reason } : {}) };
}
